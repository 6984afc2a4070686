import type { Logger } from '../logging/index.ts';

/**
 * A dependency `/readyz` checks, e.g. `{ name: 'postgres', check: () => pool.query('select 1') }`.
 * `fatal: false`: reported, but its failure leaves the process ready (an outside service whose
 * outage degrades one feature, such as NOWPayments: a load balancer must not drop the webhook for it).
 */
export type ReadinessCheck = { name: string; check(): Promise<unknown>; fatal?: boolean };

export type CheckOutcome = 'ok' | 'failed' | 'timeout';

/** `nonFatal` names the checks that do not decide `ready` (absent when there are none). */
export type ReadinessReport = { ready: boolean; checks: Record<string, CheckOutcome>; nonFatal?: string[] };

const TIMED_OUT = Symbol('timeout');

const withTimeout = async <T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Runs every check in parallel, each bounded by `timeoutMs`. The report says which dependency
 * failed; the reason goes to the log only.
 */
export const runReadinessChecks = async (
  checks: readonly ReadinessCheck[],
  { timeoutMs, logger }: { timeoutMs: number; logger: Logger },
): Promise<ReadinessReport> => {
  const outcomes = await Promise.all(
    checks.map(async ({ name, check }): Promise<[string, CheckOutcome]> => {
      try {
        const result = await withTimeout(Promise.resolve().then(check), timeoutMs);
        if (result === TIMED_OUT) {
          logger.warn({ dependency: name, timeoutMs }, 'readiness check timed out');
          return [name, 'timeout'];
        }
        return [name, 'ok'];
      } catch (error) {
        logger.warn({ dependency: name, err: error }, 'readiness check failed');
        return [name, 'failed'];
      }
    }),
  );
  const nonFatal = checks.filter((check) => check.fatal === false).map((check) => check.name);
  const ready = outcomes.every(([name, outcome]) => outcome === 'ok' || nonFatal.includes(name));
  return { ready, checks: Object.fromEntries(outcomes), ...(nonFatal.length === 0 ? {} : { nonFatal }) };
};
