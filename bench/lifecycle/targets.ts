// Issue 9's targets for the lifecycle: at or above the bot's message budget the invites drain at
// no less than 0.9× the budget; below it, PaymentReceived → invite DM p99 is at most 1 s.

export const DRAIN_TARGET_RATIO = 0.9;
export const BELOW_BUDGET_P99_TARGET_MS = 1_000;

export type TargetCheck = { measured: string; target: string; met: boolean };

const number = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

/**
 * The target that applies at `rate` payments a second: each payment asks for one invite DM, so
 * from the budget up the backlog drains and the drain rate counts; below it, the latency does.
 */
export const lifecycleTarget = (rate: number, budget: number, result: { dmPerSecond: number; p99Ms: number }): TargetCheck => {
  if (rate >= budget) {
    const ratio = result.dmPerSecond / budget;
    return {
      measured: `invites drained at ${number(result.dmPerSecond, 1)}/s of a ${budget}/s budget = ${number(ratio, 2)}×`,
      target: `≥ ${DRAIN_TARGET_RATIO}×`,
      met: ratio >= DRAIN_TARGET_RATIO,
    };
  }
  return {
    measured: `PaymentReceived → invite DM p99 ${number(result.p99Ms, 0)} ms`,
    target: `≤ ${number(BELOW_BUDGET_P99_TARGET_MS, 0)} ms`,
    met: result.p99Ms <= BELOW_BUDGET_P99_TARGET_MS,
  };
};
