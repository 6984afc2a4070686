import type { PublishOptions, PublishResult } from '@paygate/domain';

export type StoredMessage = {
  sequence: bigint;
  id: string;
  subject: string;
  data: Uint8Array;
  headers: Readonly<Record<string, string>>;
};

export type MemoryStreamOptions = {
  duplicateWindowMs: number;
  /** Beyond this count the oldest eighth is discarded, like a JetStream `max_msgs` limit. */
  maxMessages: number;
  now?: () => number;
};

/**
 * Append-only message log with JetStream's msgId deduplication: a msgId seen within the window
 * returns the first message's sequence with `duplicate: true` and stores nothing.
 */
export const createMemoryStream = ({ duplicateWindowMs, maxMessages, now = Date.now }: MemoryStreamOptions) => {
  const messages: StoredMessage[] = [];
  let firstSequence = 1n;
  // Insertion order is publish order, so expired ids are always at the front.
  const recentIds = new Map<string, { sequence: bigint; at: number }>();

  const forgetExpiredIds = (at: number) => {
    for (const [id, seen] of recentIds) {
      if (at - seen.at < duplicateWindowMs) return;
      recentIds.delete(id);
    }
  };

  return {
    append(subject: string, data: Uint8Array, { msgId, headers = {} }: PublishOptions): PublishResult {
      const at = now();
      forgetExpiredIds(at);
      const seen = recentIds.get(msgId);
      if (seen) return { sequence: seen.sequence, duplicate: true };
      const sequence = firstSequence + BigInt(messages.length);
      // Copies: a publisher reusing its buffer or headers object must not change what was stored.
      messages.push({ sequence, id: msgId, subject, data: data.slice(), headers: Object.freeze({ ...headers }) });
      recentIds.set(msgId, { sequence, at });
      if (messages.length > maxMessages) {
        // Discard in chunks: shifting one element per publish would copy the whole array each time.
        const drop = Math.max(1, Math.ceil(maxMessages / 8));
        messages.splice(0, drop);
        firstSequence += BigInt(drop);
      }
      return { sequence, duplicate: false };
    },
    /** The message at `sequence`, or undefined when discarded or not yet written. */
    get(sequence: bigint): StoredMessage | undefined {
      if (sequence < firstSequence) return undefined;
      return messages[Number(sequence - firstSequence)];
    },
    firstSequence: () => firstSequence,
    lastSequence: () => firstSequence + BigInt(messages.length) - 1n,
  };
};

export type MemoryStream = ReturnType<typeof createMemoryStream>;
