import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isPayGateError, PayGateError } from '@paygate/domain';
import {
  IPN_FIELD_OF_NOTICE,
  IPN_SIGNATURE_HEADER,
  ipnToNotice,
  MAX_IPN_JSON_DEPTH,
  parseIpnPayload,
  verifyIpnSignature,
  type IpnRejection,
} from '@paygate/gateways';
import { createErrorHandler, type HttpEnv, type HttpLogger } from '@paygate/http';
import { IPN_CALLBACK_PATH } from '../invoice/index.ts';
import type { IpnOutcome, RecordIpn } from '../payment/index.ts';
import { readLimitedBody } from './read-limited-body.ts';

const DEFAULT_IPN_MAX_BODY_BYTES = 64 * 1024;

export type NowPaymentsWebhookOptions = {
  /** Appends what the IPN means; throws PayGateError('validation') for a notice it cannot read. */
  recordIpn: RecordIpn;
  /** NOWPAYMENTS_IPN_SECRET; undefined or empty refuses every IPN with 503 (see below). */
  ipnSecret: string | undefined;
  /** NOWPAYMENTS_IPN_SECRET_PREVIOUS: also accepted during a rotation (docs/operations.md). */
  previousIpnSecret?: string | undefined;
  logger: HttpLogger;
  maxBodyBytes?: number;
};

const SIGNATURE_PROBLEMS: Readonly<Record<Exclude<IpnRejection, 'missing_secret' | 'malformed_json' | 'not_an_object' | 'too_deep'>, string>> = {
  missing_signature: `missing ${IPN_SIGNATURE_HEADER} header`,
  malformed_signature: `${IPN_SIGNATURE_HEADER} must be an HMAC-SHA512 as 128 hex digits`,
  bad_signature: `${IPN_SIGNATURE_HEADER} does not match the body`,
};

const invalidBody = (message: string, fields: readonly string[]) => new PayGateError('validation', message, { fields: [...fields] });

const isJson = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';

/** The IPN fields a notice-validation error names (PayGateError details from the domain). */
const noticeFields = (error: PayGateError): string[] => {
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as { path?: unknown }[]) : [];
  const named = [error.details.field, ...issues.map((issue) => issue.path)].filter((path): path is string => typeof path === 'string');
  const fields = named.map((path) => IPN_FIELD_OF_NOTICE[path.split('.', 1)[0]!] ?? path);
  return fields.length > 0 ? [...new Set(fields)].sort() : ['(body)'];
};

/**
 * `POST /webhooks/nowpayments`. Checks, in order, each failure appending nothing:
 *   no IPN secret configured → 503 + Retry-After: PayGate's misconfiguration, not the sender's;
 *     NOWPayments keeps retrying and the IPNs land once the operator sets the secret;
 *   Content-Type not application/json → 415;
 *   body over `maxBodyBytes` (declared or streamed) → 413;
 *   signature missing, malformed or wrong → 401 (checked before the body is trusted at all);
 *   body nested deeper than MAX_IPN_JSON_DEPTH → 400 (found by a scan, before anything recurses);
 *   body not a JSON object, or fields failing the IPN schema or the notice rules → 400 naming them;
 * then one append (recordIpn) and 200 `{ ok: true }`, for a new IPN and for a duplicate alike.
 * Store unreachable or too busy → 503 so NOWPayments retries. A genuine IPN PayGate cannot
 * account for (recordIpn's 'refused': unknown currency at finished, …) is answered 200 too —
 * retrying could not change it — after it was recorded for an operator and logged as an error.
 * Everything downstream (grants, splits) happens asynchronously in process managers.
 */
export const createNowPaymentsWebhook = ({
  recordIpn,
  ipnSecret,
  previousIpnSecret,
  logger,
  maxBodyBytes = DEFAULT_IPN_MAX_BODY_BYTES,
}: NowPaymentsWebhookOptions): Hono<HttpEnv> => {
  const app = new Hono<HttpEnv>();
  app.onError(createErrorHandler(logger));
  const secret = ipnSecret?.trim() ? ipnSecret : undefined;

  // A refused body is left unread: close the connection so the rest of it is never taken for
  // the next request on a kept-alive socket.
  app.use(IPN_CALLBACK_PATH, async (c, next) => {
    await next();
    if (c.res.status === 413) c.res.headers.set('connection', 'close');
  });

  app.post(IPN_CALLBACK_PATH, async (c: Context<HttpEnv>) => {
    const log = c.get('logger') ?? logger;
    if (secret === undefined) {
      throw new PayGateError('unavailable', 'NOWPAYMENTS_IPN_SECRET is not configured: IPNs are refused until it is', { retryAfterSeconds: 300 });
    }
    if (!isJson(c.req.header('content-type'))) throw new HTTPException(415, { message: 'Content-Type must be application/json' });

    let rawBody: string;
    try {
      rawBody = new TextDecoder('utf-8', { fatal: true }).decode(await readLimitedBody(c.req.raw, maxBodyBytes));
    } catch (error) {
      if (isPayGateError(error)) throw error;
      throw invalidBody('the body is not UTF-8 text', ['(body)']);
    }

    const verified = verifyIpnSignature({ rawBody, signature: c.req.header(IPN_SIGNATURE_HEADER), secret, previousSecret: previousIpnSecret });
    if (!verified.ok) {
      if (verified.reason === 'too_deep') {
        throw invalidBody(`the body nests JSON deeper than ${MAX_IPN_JSON_DEPTH} levels`, ['(body)']);
      }
      if (verified.reason === 'malformed_json' || verified.reason === 'not_an_object') {
        throw invalidBody('the body is not a JSON object', ['(body)']);
      }
      if (verified.reason === 'missing_secret') throw new PayGateError('unavailable', 'NOWPAYMENTS_IPN_SECRET is empty');
      throw new PayGateError('unauthorized', SIGNATURE_PROBLEMS[verified.reason]);
    }

    // Tells the operator when the old secret is still in use, so it is dropped only once unused.
    if (verified.previous) log.info({ signedWith: 'previous' }, 'NOWPayments IPN signed with NOWPAYMENTS_IPN_SECRET_PREVIOUS');
    const parsed = parseIpnPayload(verified.payload);
    if (!parsed.ok) {
      // Signed but unreadable: NOWPayments changed something or PayGate is behind; an operator should know.
      log.warn({ fields: parsed.fields }, 'signed NOWPayments IPN failed the payload schema');
      throw invalidBody(`invalid IPN fields: ${parsed.fields.join(', ')}`, parsed.fields);
    }

    let recording: IpnOutcome;
    try {
      // Trace context reaches the events through the traced event store (infra's telemetry), when tracing is on.
      recording = await recordIpn(ipnToNotice(parsed.payload));
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'validation') {
        const fields = noticeFields(error);
        log.warn({ fields, reason: error.message }, 'signed NOWPayments IPN failed the notice rules');
        throw invalidBody(`invalid IPN fields: ${fields.join(', ')}`, fields);
      }
      // Optimistic-concurrency retries ran out: nothing was appended, a retry will succeed.
      if (isPayGateError(error) && error.kind === 'conflict') {
        throw new PayGateError('unavailable', 'the payment is busy; retry', { retryAfterSeconds: 1 }, { cause: error });
      }
      throw error;
    }

    const context = { paymentId: recording.paymentId, status: recording.status, outcome: recording.outcome, events: recording.eventTypes };
    if (recording.outcome === 'refused') {
      log.error({ ...context, reason: recording.reason, stream: recording.streamId }, 'NOWPayments IPN refused and kept for an operator');
    } else if (recording.outcome === 'unmatched') {
      log.warn(context, 'NOWPayments IPN matches no invoice; kept for an operator');
    } else if (recording.eventTypes.includes('PaymentHeldForReview')) {
      // Finished, but paid too far below the quote: nothing is granted until an operator decides.
      log.warn(context, 'NOWPayments payment finished outside the underpayment band; held for an operator');
    } else {
      log.debug(context, 'NOWPayments IPN accepted');
    }
    return c.json({ ok: true }, 200);
  });

  return app;
};
