/**
 * How many times a supervisor may replace a dead process: at most `max` within any `windowMs`.
 * A process that crashes now and then is replaced; one that dies as soon as it starts (a bad
 * deployment, a database that refuses it) exhausts the budget in seconds instead of looping.
 */
export type RestartBudget = {
  /** Records a restart; false when it would exceed the budget (then do not restart). */
  take(): boolean;
};

export const createRestartBudget = ({ max, windowMs, now = Date.now }: { max: number; windowMs: number; now?: () => number }): RestartBudget => {
  const recent: number[] = [];
  return {
    take() {
      const at = now();
      while (recent.length > 0 && at - recent[0]! >= windowMs) recent.shift();
      if (recent.length >= max) return false;
      recent.push(at);
      return true;
    },
  };
};
