import type { Update } from 'grammy/types';
import { isPayGateError } from '@paygate/domain';
import type { BotLogger } from '../deps.ts';
import type { ProcessUpdate } from '../dedup/index.ts';
import { secretMatches } from './secret-token.ts';

export const WEBHOOK_PATH = '/webhooks/telegram';
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are small; anything near this is not one. */
const MAX_BODY_BYTES = 1_000_000;

export type WebhookHandler = (request: Request) => Promise<Response>;

const answer = (status: number, body?: object) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: body === undefined ? {} : { 'content-type': 'application/json' } });

const readBounded = async (request: Request): Promise<string | undefined> => {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * `POST /webhooks/telegram` as a web-standard handler (mount it on any router): the secret token
 * header is checked in constant time (401 on mismatch, before the body is read), the body must be
 * one update (400 otherwise), and the update goes through the same dedup + bot path as polling.
 * 200 once handled or known as a duplicate; 503 when the update ledger cannot be reached, so
 * Telegram delivers it again later.
 */
export const createWebhookHandler = (input: { secretToken: string; processUpdate: ProcessUpdate; logger: BotLogger }): WebhookHandler => {
  const { secretToken, processUpdate, logger } = input;
  return async (request) => {
    if (request.method !== 'POST') return answer(405, { error: 'method not allowed' });
    if (!secretMatches(request.headers.get(SECRET_HEADER), secretToken)) {
      logger.warn({ path: WEBHOOK_PATH }, 'telegram webhook call without the right secret token refused');
      return answer(401, { error: 'secret token missing or wrong' });
    }
    const text = await readBounded(request);
    if (text === undefined) return answer(413, { error: 'body too large' });
    let update: Update;
    try {
      update = JSON.parse(text) as Update;
    } catch {
      return answer(400, { error: 'body is not JSON' });
    }
    if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id) || update.update_id < 0) {
      return answer(400, { error: 'body is not a Telegram update (update_id)' });
    }
    try {
      await processUpdate(update);
      return answer(200);
    } catch (error) {
      const unavailable = isPayGateError(error) && error.kind === 'unavailable';
      logger.error({ updateId: update.update_id, err: error }, 'telegram update not handled; Telegram will deliver it again');
      return answer(unavailable ? 503 : 500, { error: 'update not handled, retry later' });
    }
  };
};
