/**
 * NOWPayments IPN signature: header `x-nowpayments-sig` = hex HMAC-SHA512(key = IPN secret,
 * trimmed) over canonicalJson(JSON.parse(rawBody)). NOWPayments sends lower-case hex; upper or
 * mixed case is the same 64 bytes, so the bytes are compared, not the text.
 * Only a JSON object body, nested at most MAX_IPN_JSON_DEPTH deep, is an IPN. The legacy scheme
 * `JSON.stringify(params, Object.keys(params).sort())` drops nested keys (the replacer array
 * filters them too), so a signature made that way covers less than the body and is rejected.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { exceedsJsonDepth, MAX_IPN_JSON_DEPTH } from './json-depth.ts';

export const IPN_SIGNATURE_HEADER = 'x-nowpayments-sig';

export type IpnRejection =
  | 'missing_secret' // our configuration is wrong; never treat as the sender's fault silently
  | 'missing_signature'
  | 'malformed_signature'
  | 'malformed_json'
  | 'too_deep' // nested deeper than MAX_IPN_JSON_DEPTH: refused before anything recurses into it
  | 'not_an_object'
  | 'bad_signature';

export type IpnVerification =
  /** `previous`: it matched only the previous secret (a rotation is under way). */
  | { readonly ok: true; readonly payload: Record<string, unknown>; readonly previous?: true }
  | { readonly ok: false; readonly reason: IpnRejection };

const SIGNATURE = /^[0-9a-f]{128}$/i;

const hmac = (secret: string, text: string): Buffer => createHmac('sha512', secret.trim()).update(text, 'utf8').digest();

/** The signature NOWPayments would send for this payload (used by the sandbox and tests). */
export const signIpnPayload = (payload: unknown, secret: string): string => hmac(secret, canonicalJson(payload)).toString('hex');

const parseObject = (rawBody: string): Record<string, unknown> | IpnRejection => {
  if (exceedsJsonDepth(rawBody, MAX_IPN_JSON_DEPTH)) return 'too_deep';
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return 'malformed_json';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not_an_object';
  return parsed as Record<string, unknown>;
};

/** Same length (by the regex) and same bytes, compared in constant time. */
const matches = (given: Buffer, secret: string, payload: Record<string, unknown>): boolean => {
  const expected = hmac(secret, canonicalJson(payload));
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * `previousSecret` (NOWPAYMENTS_IPN_SECRET_PREVIOUS) is accepted too, so IPNs signed before a
 * rotation still land while NOWPayments retries them; an empty one is ignored.
 */
export const verifyIpnSignature = (input: {
  readonly rawBody: string;
  readonly signature: string | undefined;
  readonly secret: string;
  readonly previousSecret?: string | undefined;
}): IpnVerification => {
  if (input.secret.trim() === '') return { ok: false, reason: 'missing_secret' };
  const signature = input.signature?.trim();
  if (!signature) return { ok: false, reason: 'missing_signature' };
  if (!SIGNATURE.test(signature)) return { ok: false, reason: 'malformed_signature' };
  const payload = parseObject(input.rawBody);
  if (typeof payload === 'string') return { ok: false, reason: payload };
  const given = Buffer.from(signature, 'hex'); // 64 bytes: the regex admits exactly 128 hex digits
  if (matches(given, input.secret, payload)) return { ok: true, payload };
  const previous = input.previousSecret?.trim() ? input.previousSecret : undefined;
  if (previous !== undefined && matches(given, previous, payload)) return { ok: true, payload, previous: true };
  return { ok: false, reason: 'bad_signature' };
};
