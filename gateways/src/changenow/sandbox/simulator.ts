/**
 * A local stand-in for ChangeNOW API v2 that moves real (simulated-chain) money: quotes at fixed
 * illustrative rates, fixed-rate rateIds that expire, exchanges that walk ChangeNOW's statuses on
 * a clock, watching their payin address and paying the owner through a SimulatedSettlement. A
 * Hono app: mount it at any base path; `tick()` (or `start()`'s timer) drives the exchanges.
 */
import { Hono } from 'hono';
import { PayGateError } from '@paygate/domain';
import { createApiRoutes } from './api-routes.ts';
import { createControlRoutes } from './control-routes.ts';
import { createExchangeDesk } from './exchange-desk.ts';
import type { SimulatedExchange } from './exchange-flow.ts';
import { createFaults } from './faults.ts';
import { createMarket, DEFAULT_USD_RATES } from './market.ts';
import { createRateBook } from './rate-book.ts';
import { randomEvmAddress, type SimulatedSettlement } from './settlement.ts';
import type { ChangeNowSimulatorControl } from './simulator-control.ts';
import { exchangeControlJson } from './wire.ts';

export type ChangeNowSimulatorOptions = {
  readonly apiKey: string;
  readonly settlement: SimulatedSettlement;
  /** Payin address for each new exchange; a random EVM address by default. */
  readonly newPayinAddress?: () => string;
  readonly clock?: () => Date;
  /** How long a fixed-rate rateId stays valid (default 60). */
  readonly rateValiditySeconds?: number;
  /** Pause between successive statuses of an exchange (default 1000; 0 = as fast as ticks go). */
  readonly stepDelayMs?: number;
  /** How often `start()` ticks (default 1000). */
  readonly tickIntervalMs?: number;
  /** USD price per ChangeNOW ticker (DEFAULT_USD_RATES); a ticker without one is not traded. */
  readonly usdRates?: Readonly<Record<string, string>>;
  /** Standard estimates: market minus this (default 50 = 0.5 %). */
  readonly standardFeeBps?: number;
  /** Fixed-rate quotes: market minus this (default 100 = 1 %). */
  readonly fixedFeeBps?: number;
  /** The smallest exchange, in USD worth of the sent currency (default "5"). */
  readonly minAmountUsd?: string;
  /** Every API request waits this long first (default 0). */
  readonly requestDelayMs?: number;
  /** `tokenContract` per registry code in the currency list (the settlement chain's tokens); null otherwise. */
  readonly tokenContracts?: Readonly<Record<string, string>>;
  /** Told when a timer tick fails (a settlement failure is recorded on its exchange instead). */
  readonly onTickError?: (error: unknown) => void;
};

export type ChangeNowSimulator = {
  readonly app: Hono;
  readonly control: ChangeNowSimulatorControl;
  /** Checks payin addresses and moves every due exchange as far as the clock allows. */
  tick(): Promise<void>;
  /** Ticks every `tickIntervalMs` until `stop()`. */
  start(): void;
  stop(): void;
  /** The live record of one exchange (for tests). */
  exchange(id: string): Readonly<SimulatedExchange> | undefined;
};

export const createChangeNowSimulator = (options: ChangeNowSimulatorOptions): ChangeNowSimulator => {
  if (options.apiKey.trim() === '') throw new PayGateError('validation', 'the ChangeNOW simulator needs an api key');
  const rateValiditySeconds = options.rateValiditySeconds ?? 60;
  const stepDelayMs = options.stepDelayMs ?? 1_000;
  const tickIntervalMs = options.tickIntervalMs ?? 1_000;
  if (!(rateValiditySeconds > 0)) throw new PayGateError('validation', 'rateValiditySeconds must be positive');
  if (!(stepDelayMs >= 0)) throw new PayGateError('validation', 'stepDelayMs must not be negative');
  if (!(tickIntervalMs > 0)) throw new PayGateError('validation', 'tickIntervalMs must be positive');
  const clock = options.clock ?? (() => new Date());

  const market = createMarket({
    usdRates: options.usdRates ?? DEFAULT_USD_RATES,
    standardFeeBps: options.standardFeeBps ?? 50,
    fixedFeeBps: options.fixedFeeBps ?? 100,
    minAmountUsd: options.minAmountUsd ?? '5',
  });
  const rates = createRateBook({ clock, validityMs: rateValiditySeconds * 1_000 });
  const desk = createExchangeDesk({
    clock,
    stepDelayMs,
    settlement: options.settlement,
    newPayinAddress: options.newPayinAddress ?? randomEvmAddress,
  });
  const faults = createFaults(options.requestDelayMs ?? 0);

  const control: ChangeNowSimulatorControl = {
    failNextRequests: (count, status) => faults.failNextRequests(count, status),
    forceOutcome(outcome, count = 1) {
      if (!Number.isSafeInteger(count) || count < 1) throw new PayGateError('validation', 'count must be a positive integer');
      desk.forceOutcome(outcome, count);
    },
    setRequestDelay: (ms) => faults.setRequestDelay(ms),
    expireRates: () => rates.expireAll(),
    faults: () => faults.state(),
    exchanges: () => desk.list().map(exchangeControlJson),
  };

  const app = new Hono();
  app.route('/', createApiRoutes({ apiKey: options.apiKey, market, rates, desk, faults, tokenContracts: options.tokenContracts ?? {} }));
  app.route('/', createControlRoutes(control, desk.tick));

  let timer: NodeJS.Timeout | undefined;
  return {
    app,
    control,
    tick: desk.tick,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        desk.tick().catch((error: unknown) => options.onTickError?.(error));
      }, tickIntervalMs);
      timer.unref(); // a forgotten stop() does not keep the process alive
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    exchange: (id) => desk.get(id),
  };
};
