/** What a test (or the control routes) can do to a running simulator. */
import type { ForcedOutcome } from './exchange-flow.ts';
import type { FaultState } from './faults.ts';
import type { exchangeControlJson } from './wire.ts';

export type SimulatedExchangeView = ReturnType<typeof exchangeControlJson>;

export type ChangeNowSimulatorControl = {
  /** The next `count` API requests answer `status` (default 503). */
  failNextRequests(count: number, status?: number): void;
  /** The next `count` (default 1) exchanges end `failed` or `refunded`, or pass through `verifying`. */
  forceOutcome(outcome: ForcedOutcome, count?: number): void;
  /** Every API request waits this long first. */
  setRequestDelay(ms: number): void;
  /** Every rateId handed out so far expires now. */
  expireRates(): void;
  faults(): FaultState;
  exchanges(): readonly SimulatedExchangeView[];
};
