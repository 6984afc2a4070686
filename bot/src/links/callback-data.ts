import { createHash } from 'node:crypto';

/**
 * Inline buttons carry at most 64 bytes of callback data. Actions are short prefixes; a tier id
 * that would not fit travels as `~` + a hash prefix and is matched against the channel's tiers.
 */
export type CallbackAction =
  | { action: 'buy'; channelId: string; tierRef: string }
  | { action: 'channel'; channelId: string }
  | { action: 'retire'; channelId: string; tierRef: string }
  | { action: 'retireConfirmed'; channelId: string; tierRef: string }
  | { action: 'cancel' }
  // Donations: an amount picked (exact decimal text in the donation currency), "Other amount", then the name choice.
  | { action: 'donate'; channelId: string; amount: string }
  | { action: 'donateOther'; channelId: string }
  | { action: 'donateAs'; channelId: string; amount: string; showName: boolean }
  // Broadcasts: a subscriber stops (o) or resumes (O) an owner's messages of a channel.
  | { action: 'optOut'; channelId: string }
  | { action: 'optIn'; channelId: string };

const PREFIX = { buy: 'b', channel: 'c', retire: 'r', retireConfirmed: 'R', cancel: 'x', donate: 'd', donateOther: 'D', donateAs: 'a', optOut: 'o', optIn: 'O' } as const;
const ACTION_OF = Object.fromEntries(Object.entries(PREFIX).map(([action, prefix]) => [prefix, action])) as Record<string, CallbackAction['action']>;

export const MAX_CALLBACK_BYTES = 64;

const tierHash = (tierId: string) => `~${createHash('sha256').update(tierId).digest('hex').slice(0, 12)}`;

/** The ref a tier travels as within `room` bytes. */
const tierRefFor = (tierId: string, room: number): string => (Buffer.byteLength(tierId) <= room && !tierId.startsWith('~') ? tierId : tierHash(tierId));

/** Encodes a button's action; throws when even the hashed form does not fit (a channel id over ~40 characters). */
export const encodeCallback = (data: CallbackAction): string => {
  const prefix = PREFIX[data.action];
  if ('channelId' in data && data.channelId.includes(':')) throw new RangeError('a channel id with ":" cannot travel in a button');
  let encoded: string;
  if (data.action === 'cancel') encoded = prefix;
  else if (data.action === 'channel' || data.action === 'donateOther' || data.action === 'optOut' || data.action === 'optIn') encoded = `${prefix}:${data.channelId}`;
  else if (data.action === 'donate') encoded = `${prefix}:${data.channelId}:${data.amount}`;
  else if (data.action === 'donateAs') encoded = `${prefix}:${data.channelId}:${data.amount}:${data.showName ? 1 : 0}`;
  else {
    const head = `${prefix}:${data.channelId}:`;
    encoded = head + tierRefFor(data.tierRef, MAX_CALLBACK_BYTES - Buffer.byteLength(head));
  }
  if (Buffer.byteLength(encoded) > MAX_CALLBACK_BYTES) throw new RangeError(`callback data over ${MAX_CALLBACK_BYTES} bytes for ${data.action}`);
  return encoded;
};

/** Decodes callback data; undefined for anything this bot did not write (old buttons, forged data). */
export const decodeCallback = (raw: string | undefined): CallbackAction | undefined => {
  if (raw === undefined) return undefined;
  const [prefix, channelId, ...rest] = raw.split(':');
  const action = prefix === undefined ? undefined : ACTION_OF[prefix];
  if (action === undefined) return undefined;
  if (action === 'cancel') return raw === PREFIX.cancel ? { action } : undefined;
  if (!channelId) return undefined;
  if (action === 'channel' || action === 'donateOther' || action === 'optOut' || action === 'optIn') return rest.length === 0 ? { action, channelId } : undefined;
  if (action === 'donate') return rest.length === 1 && rest[0] ? { action, channelId, amount: rest[0] } : undefined;
  if (action === 'donateAs') return rest.length === 2 && rest[0] && /^[01]$/.test(rest[1]!) ? { action, channelId, amount: rest[0], showName: rest[1] === '1' } : undefined;
  const tierRef = rest.join(':');
  return tierRef ? { action, channelId, tierRef } : undefined;
};

/** Whether `tierId` is the tier a decoded ref names (directly or by its hash). */
export const matchesTierRef = (tierId: string, tierRef: string): boolean => tierId === tierRef || (tierRef.startsWith('~') && tierHash(tierId) === tierRef);
