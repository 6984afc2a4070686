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
  /** At most one message per owner per interval. Default 5 s. */
  intervalMs?: number;
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
};

type Pending = { notices: DigestNotice[]; since: number; settle: { resolve: (outcome: DmOutcome) => void; reject: (error: unknown) => void }[] };
type Owner = { lastSentAt: number; busy: boolean; pending: Pending | undefined };

export const DEFAULT_DIGEST_INTERVAL_MS = 5_000;

/**
 * Owner notices under load: an owner who was not written to within the interval gets the notice
 * at once; notices that arrive sooner wait for the interval to pass and go together, as one
 * digest. Each notice's caller still gets the outcome, so every notice is recorded as delivered
 * (in the digest) and none is lost; a failed message fails each of its notices for redelivery.
 */
export const createOwnerDigest = (options: OwnerDigestOptions): OwnerDigest => {
  const intervalMs = options.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS;
  const now = options.now ?? (() => Date.now());
  const wait = options.wait ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const owners = new Map<string, Owner>();

  const flush = async (ownerId: string, owner: Owner) => {
    await wait(Math.max(0, owner.lastSentAt + intervalMs - now()));
    const batch = owner.pending!;
    owner.pending = undefined;
    const seconds = Math.max(1, Math.ceil((now() - batch.since) / 1_000));
    const text = batch.notices.length === 1 ? batch.notices[0]!.text : ownerDigestText(batch.notices, seconds);
    try {
      const outcome = await options.send(ownerId, text);
      for (const { resolve } of batch.settle) resolve(outcome);
    } catch (error) {
      for (const { reject } of batch.settle) reject(error);
    }
    owner.lastSentAt = now();
    if (owner.pending) return flush(ownerId, owner);
    owner.busy = false;
    // Forget an owner once the interval is over with nothing more to send: the map stays small.
    void wait(intervalMs).then(() => {
      if (owners.get(ownerId) === owner && !owner.busy && owner.lastSentAt + intervalMs <= now()) owners.delete(ownerId);
    });
  };

  return {
    deliver(ownerId, notice) {
      const owner = owners.get(ownerId) ?? owners.set(ownerId, { lastSentAt: -Infinity, busy: false, pending: undefined }).get(ownerId)!;
      return new Promise<DmOutcome>((resolve, reject) => {
        owner.pending ??= { notices: [], since: now(), settle: [] };
        // A redelivery of a notice already waiting rides along without being counted twice.
        if (!owner.pending.notices.some((waiting) => waiting.id === notice.id)) owner.pending.notices.push(notice);
        owner.pending.settle.push({ resolve, reject });
        if (owner.busy) return;
        owner.busy = true;
        void flush(ownerId, owner);
      });
    },
    waiting: (ownerId) => owners.get(ownerId)?.pending?.notices.length ?? 0,
  };
};
