import type { OwnerNotificationKind } from '@paygate/domain';
import type { DmOutcome } from './direct-message.ts';
import { ownerDigestText } from './owner-digest-text.ts';

/** One notice on its way to an owner: its own text, and what a digest counts it as. */
export type DigestNotice = { id: string; channelTitle: string; kind: OwnerNotificationKind; text: string };

export type OwnerDigest = {
  /**
   * Sends the notice, alone or in the owner's next digest; resolves with the outcome of the
   * message that carried it (rejects, for every notice in it, if that message failed).
   */
  deliver(ownerId: string, notice: DigestNotice): Promise<DmOutcome>;
  /** Notices waiting for an owner's next message. */
  waiting(ownerId: string): number;
};

export type OwnerDigestOptions = {
  send(ownerId: string, text: string): Promise<DmOutcome>;
  /** Notices older than this go as one digest, and then at most one message per interval. Default 5 s. */
  intervalMs?: number;
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
};

type Waiting = { notice: DigestNotice; since: number; settle: { resolve: (outcome: DmOutcome) => void; reject: (error: unknown) => void }[] };
type Owner = { pending: Waiting[]; busy: boolean; digesting: boolean; lastSentAt: number };

export const DEFAULT_DIGEST_INTERVAL_MS = 5_000;

/**
 * Owner notices under load. Notices to one owner go one at a time, each as its own message, as
 * long as they keep up; once the oldest waiting has waited an interval, everything waiting goes
 * as one digest, and from then on at most one message per interval carries all that came in,
 * until an interval brings no more than one notice. Each notice's caller gets the outcome of the
 * message that carried it, so every notice is recorded as delivered (in the digest) and none is
 * lost; a failed message fails each of its notices, for the broker to redeliver.
 */
export const createOwnerDigest = (options: OwnerDigestOptions): OwnerDigest => {
  const intervalMs = options.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS;
  const now = options.now ?? (() => Date.now());
  const wait = options.wait ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const owners = new Map<string, Owner>();

  const drain = async (ownerId: string, owner: Owner) => {
    while (owner.pending.length > 0) {
      if (owner.digesting) await wait(Math.max(0, owner.lastSentAt + intervalMs - now()));
      else if (now() - owner.pending[0]!.since >= intervalMs) owner.digesting = true;
      const batch = owner.digesting ? owner.pending.splice(0) : owner.pending.splice(0, 1);
      const seconds = Math.max(1, Math.ceil((now() - batch[0]!.since) / 1_000));
      const text = batch.length === 1 ? batch[0]!.notice.text : ownerDigestText(batch.map((w) => w.notice), seconds);
      try {
        const outcome = await options.send(ownerId, text);
        for (const { settle } of batch) for (const { resolve } of settle) resolve(outcome);
      } catch (error) {
        for (const { settle } of batch) for (const { reject } of settle) reject(error);
      }
      owner.lastSentAt = now();
      if (owner.digesting && batch.length <= 1) owner.digesting = false;
    }
    owner.busy = false;
    // An owner still digesting is kept: the next notice waits out the interval.
    if (!owner.digesting) owners.delete(ownerId);
  };

  return {
    deliver(ownerId, notice) {
      const owner = owners.get(ownerId) ?? owners.set(ownerId, { pending: [], busy: false, digesting: false, lastSentAt: -Infinity }).get(ownerId)!;
      return new Promise<DmOutcome>((resolve, reject) => {
        // A redelivery of a notice already waiting rides along without being counted twice.
        const same = owner.pending.find((waiting) => waiting.notice.id === notice.id);
        if (same) same.settle.push({ resolve, reject });
        else owner.pending.push({ notice, since: now(), settle: [{ resolve, reject }] });
        if (owner.busy) return;
        owner.busy = true;
        void drain(ownerId, owner);
      });
    },
    waiting: (ownerId) => owners.get(ownerId)?.pending.length ?? 0,
  };
};
