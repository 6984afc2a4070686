/**
 * A broadcast run's shared back-off. A 429 for one chat says the bot as a whole is over
 * Telegram's limit, so every worker of the run waits out its retry_after before its next send —
 * the broadcast backs off as a whole, while invites and replies (other priorities) go on.
 */
export type RunBackoff = {
  /** Resolves once no hold is in force (or the run's signal aborts). */
  wait(): Promise<void>;
  /** No send of the run before `ms` from now; a longer hold already in force is kept. */
  hold(ms: number): Promise<void>;
};

export const runBackoff = (sleep: (ms: number, signal?: AbortSignal) => Promise<void>, signal?: AbortSignal): RunBackoff => {
  let current: Promise<void> = Promise.resolve();
  return {
    wait: () => current,
    hold(ms) {
      // Both must pass: a hold ends no sooner than the one in force.
      current = Promise.all([current, sleep(ms, signal)]).then(() => undefined);
      return current;
    },
  };
};
