import type { GlobalPosition } from '@paygate/domain';

/** A page boundary: the (updated position, id) of the last row a page returned — a payment, payout, channel, subscription or session. */
export type PageKey = { position: GlobalPosition; id: string };

const CURSOR_VERSION = 1;
const POSITION_PART = /^(0|[1-9]\d{0,19})$/;
// Long enough for a 160-character id JSON may escape to twice its length.
const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,600}$/;
// A row id: printable ASCII without spaces; a subscription's is `<channel id>/<subscriber id>`, longer than an IdSchema id.
const ROW_ID = /^[\x21-\x7e]{1,160}$/;

/** Opaque to clients: base64url of `[version, commit, prepare, id]`. */
export const encodeCursor = (key: PageKey): string =>
  Buffer.from(JSON.stringify([CURSOR_VERSION, key.position.commit.toString(), key.position.prepare.toString(), key.id]), 'utf8').toString(
    'base64url',
  );

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The key in a cursor this API issued, or undefined for anything else: wrong alphabet, not JSON,
 * wrong shape or version, or a non-canonical encoding of a valid one (so each key has one cursor).
 */
export const decodeCursor = (cursor: string): PageKey | undefined => {
  if (!CURSOR_TEXT.test(cursor)) return undefined;
  const parts = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(parts) || parts.length !== 4) return undefined;
  const [version, commit, prepare, id] = parts as unknown[];
  if (version !== CURSOR_VERSION || typeof commit !== 'string' || typeof prepare !== 'string') return undefined;
  if (!POSITION_PART.test(commit) || !POSITION_PART.test(prepare) || typeof id !== 'string' || !ROW_ID.test(id)) return undefined;
  const key = { position: { commit: BigInt(commit), prepare: BigInt(prepare) }, id };
  return encodeCursor(key) === cursor ? key : undefined;
};

/** The cursor of the page after `key`, or null on the last page. */
export const nextCursorOf = (key: PageKey | undefined): string | null => (key ? encodeCursor(key) : null);
