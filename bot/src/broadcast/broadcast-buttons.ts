import { MAX_CALLBACK_BYTES } from '../links/index.ts';
import type { BroadcastAudience } from '../messages/broadcast-catalogue.ts';

/**
 * The owner's buttons while composing and managing broadcasts. They travel beside the shared
 * actions of links/callback-data.ts under two-letter prefixes that decodeCallback does not know
 * (it reads one-letter prefixes), so neither is mistaken for the other:
 * `ba:<p|s>:<channel>` audience, `bs:<n|o|d|w|x>:<channel>:<broadcast>` send/schedule/discard a
 * draft, `bk:<channel>:<broadcast>` cancel a scheduled one.
 */
export type BroadcastControl = 'now' | 'once' | 'daily' | 'weekly' | 'discard';

export type BroadcastButton =
  | { action: 'audience'; audience: BroadcastAudience; channelId: string }
  | { action: 'control'; control: BroadcastControl; channelId: string; broadcastId: string }
  | { action: 'cancelScheduled'; channelId: string; broadcastId: string };

const AUDIENCE = { public_channel: 'p', subscribers: 's' } as const;
const CONTROL = { now: 'n', once: 'o', daily: 'd', weekly: 'w', discard: 'x' } as const;
const invert = <T extends string>(record: Record<T, string>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [value, key])) as Record<string, T>;
const AUDIENCE_OF = invert(AUDIENCE);
const CONTROL_OF = invert(CONTROL);
const ID = /^[A-Za-z0-9_-]+$/;

/** The button's data; throws when the ids cannot travel (a ":" or over 64 bytes). */
export const encodeBroadcastButton = (button: BroadcastButton): string => {
  const ids = button.action === 'audience' ? [button.channelId] : [button.channelId, button.broadcastId];
  if (!ids.every((id) => ID.test(id))) throw new RangeError('broadcast button ids must be letters, digits, _ or -');
  const encoded =
    button.action === 'audience'
      ? `ba:${AUDIENCE[button.audience]}:${button.channelId}`
      : button.action === 'control'
        ? `bs:${CONTROL[button.control]}:${button.channelId}:${button.broadcastId}`
        : `bk:${button.channelId}:${button.broadcastId}`;
  if (Buffer.byteLength(encoded) > MAX_CALLBACK_BYTES) throw new RangeError(`callback data over ${MAX_CALLBACK_BYTES} bytes for ${button.action}`);
  return encoded;
};

/** Undefined for anything that is not a broadcast button this bot wrote. */
export const decodeBroadcastButton = (raw: string | undefined): BroadcastButton | undefined => {
  const parts = raw?.split(':') ?? [];
  if (!parts.slice(1).every((part) => ID.test(part))) return undefined;
  const [prefix, first, second, third] = parts;
  if (prefix === 'ba' && parts.length === 3 && AUDIENCE_OF[first!]) return { action: 'audience', audience: AUDIENCE_OF[first!]!, channelId: second! };
  if (prefix === 'bs' && parts.length === 4 && CONTROL_OF[first!]) return { action: 'control', control: CONTROL_OF[first!]!, channelId: second!, broadcastId: third! };
  if (prefix === 'bk' && parts.length === 3) return { action: 'cancelScheduled', channelId: first!, broadcastId: second! };
  return undefined;
};
