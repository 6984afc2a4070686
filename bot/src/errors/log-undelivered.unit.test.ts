import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { logUndelivered } from './log-undelivered.ts';

const record = () => {
  const lines: [string, object, string | undefined][] = [];
  const at = (level: string) => (object: object, message?: string) => void lines.push([level, object, message]);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
};

const refused = (code: number, description: string) =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: code, description }, 'sendMessage', { chat_id: 42, text: 'hi' });

describe('logUndelivered', () => {
  it.each([
    [400, 'Bad Request: chat not found'],
    [403, 'Forbidden: bot was blocked by the user'],
  ])('Telegram refusing (%i) is info with its reason, no error object', (code, description) => {
    const { lines, logger } = record();
    logUndelivered(logger, { ownerId: '42' }, refused(code, description), 'could not DM the channel owner');
    expect(lines).toEqual([['info', { ownerId: '42', reason: description }, 'could not DM the channel owner']]);
  });

  it('Telegram unreachable is a warn with the error', () => {
    const { lines, logger } = record();
    const error = new HttpError('Network request for sendMessage failed!', new Error('ECONNREFUSED'));
    logUndelivered(logger, { ownerId: '42' }, error, 'could not DM the channel owner');
    expect(lines).toEqual([['warn', { ownerId: '42', err: error }, 'could not DM the channel owner']]);
  });
});
