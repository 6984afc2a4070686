import { DAY_MS, PayGateError, type EventStore, type TelegramGateway } from '@paygate/domain';
import { resolveLifecycleOptions, type LifecycleOptions } from '../access/access-options.ts';
import { retryAfterSeconds, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import { channelCache, remind, revoke, sendExpiryNotice, type ActionResult, type ExpiryActionDeps } from './expiry-actions.ts';
import type { DueSubscription, ExpirySource, SweepCursor } from './expiry-source.ts';

export type ExpirySweepLogger = { warn(object: Record<string, unknown>, message: string): void };

export type ExpirySweepDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  source: ExpirySource;
  clock: () => Date;
  options?: LifecycleOptions & {
    /** Reminder lead times in days (default 3 and 1). */
    reminderDays?: readonly number[];
    /** Rows fetched per query page (default 500). */
    pageSize?: number;
    /** Subscriptions handled at once (default 8). */
    concurrency?: number;
  };
  rateLimit?: RateLimitPolicy;
  logger?: ExpirySweepLogger;
};

export type SweepSummary = {
  reminded: number;
  revoked: number;
  noticed: number;
  /** Rows the stream said were not due after all (read model lag, a renewal in between). */
  skipped: number;
  failed: number;
  /** Set when Telegram rate-limited the sweep: it stopped early; run again after this many seconds. */
  rateLimitedForSeconds?: number;
};

export type ExpirySweeper = { sweepExpiries(now: Date): Promise<SweepSummary> };

class RateLimited extends Error {
  readonly seconds: number;
  constructor(seconds: number) {
    super('rate limited');
    this.seconds = seconds;
  }
}

const parseReminderDays = (days: readonly number[]): number[] => {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.some((d) => !Number.isInteger(d) || d < 1 || d > 30)) {
    throw new PayGateError('validation', 'reminderDays must be integers from 1 to 30', { reminderDays: [...days] });
  }
  return sorted;
};

/**
 * The expiry manager's sweep: reminders (each lead time in its own window of period ends, so a
 * period gets the closest reminder only), removals at end + grace, and notices a crash left
 * unsent. All state comes from the source (an indexed read model) and the subscription streams,
 * none from memory, so a restart loses nothing; deterministic event ids and the decider's
 * once-per-period rules keep a repeat, or two sweepers at once, from recording anything twice.
 */
export const createExpirySweeper = (deps: ExpirySweepDeps): ExpirySweeper => {
  const options = resolveLifecycleOptions(deps.options);
  const reminderDays = parseReminderDays(deps.options?.reminderDays ?? [3, 1]);
  const pageSize = deps.options?.pageSize ?? 500;
  const concurrency = deps.options?.concurrency ?? 8;

  return {
    async sweepExpiries(now) {
      const summary: SweepSummary = { reminded: 0, revoked: 0, noticed: 0, skipped: 0, failed: 0 };
      const actions: ExpiryActionDeps = { ...deps, options, channels: channelCache(deps.eventStore) };

      const run = async (counter: 'reminded' | 'revoked' | 'noticed', fetch: (after?: SweepCursor) => Promise<DueSubscription[]>, act: (row: DueSubscription) => Promise<ActionResult>) => {
        let after: SweepCursor | undefined;
        for (;;) {
          const rows = await fetch(after);
          for (let i = 0; i < rows.length; i += concurrency) {
            // Every row of a batch settles before the sweep may stop: one still sending when the
            // next sweep starts would be sent twice.
            let limitedFor: number | null = null;
            await Promise.all(
              rows.slice(i, i + concurrency).map(async (row) => {
                try {
                  summary[(await act(row)) === 'done' ? counter : 'skipped']++;
                } catch (error) {
                  const wait = retryAfterSeconds(error);
                  if (wait !== null) {
                    limitedFor = Math.max(limitedFor ?? 0, wait);
                    return;
                  }
                  summary.failed++;
                  deps.logger?.warn({ channelId: row.channelId, subscriberId: row.subscriberId, endsAt: row.endsAt, err: error }, `expiry sweep: ${counter} step failed`);
                }
              }),
            );
            if (limitedFor !== null) throw new RateLimited(limitedFor);
          }
          if (rows.length < pageSize) return;
          after = rows.at(-1);
        }
      };

      try {
        for (const [i, daysBefore] of reminderDays.entries()) {
          const endsAfter = new Date(now.getTime() + (i === 0 ? 0 : reminderDays[i - 1]! * DAY_MS));
          const endsUntil = new Date(now.getTime() + daysBefore * DAY_MS);
          await run(
            'reminded',
            (after) => deps.source.dueReminders({ endsAfter, endsUntil, daysBefore, limit: pageSize, ...(after ? { after } : {}) }),
            (row) => remind(actions, row, daysBefore, now),
          );
        }
        const endedBy = new Date(now.getTime() - options.graceSeconds * 1000);
        await run('revoked', (after) => deps.source.dueRevocations({ endedBy, limit: pageSize, ...(after ? { after } : {}) }), (row) => revoke(actions, row, now));
        await run('noticed', (after) => deps.source.pendingExpiryNotices({ limit: pageSize, ...(after ? { after } : {}) }), (row) => sendExpiryNotice(actions, row));
      } catch (error) {
        if (!(error instanceof RateLimited)) throw error;
        summary.rateLimitedForSeconds = error.seconds;
      }
      return summary;
    },
  };
};
