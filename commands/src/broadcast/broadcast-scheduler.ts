import type { BroadcastLogger, DueBroadcasts } from './broadcast-ports.ts';
import { runDueBroadcast, type OccurrenceRun, type OccurrenceRunnerDeps } from './run-occurrence.ts';

export type BroadcastScheduler = {
  /** One pass: every due broadcast (at most `batch`) is started or resumed; resolves when they are all sent or stopped. */
  runNow(): Promise<readonly OccurrenceRun[]>;
  /** Stops claiming new chunks (chats in flight finish and are recorded) and waits for the pass. */
  stop(): Promise<void>;
};

/**
 * Sends due broadcasts every `intervalMs` (default 15 s), one pass at a time. It keeps no state:
 * what is due comes from the broadcast_schedules read model, what is sent from the delivery
 * streams, so a restart (or a new leader) resumes where the last one stopped. Run it in one
 * process at a time (under the leader lock).
 */
export const startBroadcastScheduler = (
  options: OccurrenceRunnerDeps & { due: DueBroadcasts; intervalMs?: number; batch?: number; logger?: BroadcastLogger; onRun?: (runs: readonly OccurrenceRun[]) => void },
): BroadcastScheduler => {
  const intervalMs = options.intervalMs ?? 15_000;
  const abort = new AbortController();
  let running: Promise<readonly OccurrenceRun[]> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const pass = async (): Promise<readonly OccurrenceRun[]> => {
    const due = await options.due.due(options.clock(), options.batch ?? 20);
    // One broadcast finding Telegram not taking messages (token refused, outage) stops the whole
    // pass: the others would only release their chats too.
    const halt = new AbortController();
    const signal = AbortSignal.any([abort.signal, halt.signal]);
    // Broadcasts of different channels go out side by side: the shared pacer divides the budget.
    const runs = await Promise.all(
      due.map(async (item) => {
        try {
          const run = await runDueBroadcast(options, item, signal);
          if (run?.halted !== undefined && !halt.signal.aborted) {
            options.logger?.warn({ reason: run.halted }, 'broadcast pass stopped: Telegram did not take the messages; retried at the next interval');
            halt.abort(new Error(run.halted));
          }
          return run;
        } catch (error) {
          options.logger?.warn({ err: error, channelId: item.channelId, broadcastId: item.broadcastId }, 'broadcast failed; retried at the next pass');
          return undefined;
        }
      }),
    );
    return runs;
  };
  const runNow = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = async () => {
    try {
      // Not `onRun?.(await runNow())`: without onRun the optional call would skip the pass itself.
      const runs = await runNow();
      options.onRun?.(runs);
    } catch (error) {
      options.logger?.warn({ err: error }, 'broadcast scheduling failed; retrying at the next interval');
    }
    if (!abort.signal.aborted) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return {
    runNow,
    async stop() {
      abort.abort(new Error('broadcast scheduler stopped'));
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
};
