/**
 * The simulator's exchanges: created from a quote, then moved along exchange-flow by `tick()`,
 * which watches payin addresses and really pays (or refunds) through the settlement port. Ticks
 * run one at a time, so a timer and a test may both call it.
 */
import { randomBytes } from 'node:crypto';
import { amountTextToUnits } from '../amounts.ts';
import { nextStep, type ForcedOutcome, type SimulatedExchange } from './exchange-flow.ts';
import type { SandboxCurrency } from './market.ts';
import type { SimulatedSettlement } from './settlement.ts';

export type NewExchange = {
  readonly flow: 'standard' | 'fixed-rate';
  readonly from: SandboxCurrency;
  readonly to: SandboxCurrency;
  readonly fromAmount: string;
  readonly toAmount: string;
  readonly payoutAddress: string;
  readonly refundAddress: string | null;
  readonly rateId: string | null;
  readonly validUntil: Date | null;
};

export type ExchangeDesk = {
  create(request: NewExchange): SimulatedExchange;
  get(id: string): SimulatedExchange | undefined;
  list(): readonly SimulatedExchange[];
  /** The next `count` exchanges created end (or pass through) `outcome`. */
  forceOutcome(outcome: ForcedOutcome, count: number): void;
  tick(): Promise<void>;
};

export type ExchangeDeskOptions = {
  readonly clock: () => Date;
  readonly stepDelayMs: number;
  readonly settlement: SimulatedSettlement;
  readonly newPayinAddress: () => string;
};

const MAX_EXCHANGES = 10_000;
// One tick never loops forever, whatever the clock does; the longest path has 7 steps.
const MAX_STEPS_PER_TICK = 10;

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

export const createExchangeDesk = (options: ExchangeDeskOptions): ExchangeDesk => {
  const exchanges = new Map<string, SimulatedExchange>();
  const forced: ForcedOutcome[] = [];
  const { clock, settlement } = options;

  const move = (exchange: SimulatedExchange, status: SimulatedExchange['status'], now: Date) => {
    exchange.status = status;
    exchange.updatedAt = now;
    exchange.nextStepAt = new Date(now.getTime() + options.stepDelayMs);
    exchange.lastError = null;
  };

  const advance = async (exchange: SimulatedExchange): Promise<void> => {
    for (let i = 0; i < MAX_STEPS_PER_TICK; i += 1) {
      const now = clock();
      if (now.getTime() < exchange.nextStepAt.getTime()) return;
      const step = nextStep(exchange);
      switch (step.kind) {
        case 'final':
          return;
        case 'await-deposit': {
          const received = await settlement.depositAt(exchange.payinAddress, exchange.from.code);
          if (received < exchange.expectedFromUnits) return;
          exchange.depositReceivedAt = now;
          exchange.amountFromUnits = received;
          move(exchange, 'confirming', now);
          break;
        }
        case 'move':
          move(exchange, step.to, now);
          break;
        case 'pay-out': {
          // The quote may carry more digits than the chain moves: the owner gets it rounded down.
          const units = amountTextToUnits(exchange.toAmount, exchange.to.decimals, 'down');
          exchange.payoutHash = await settlement.pay(exchange.to.code, exchange.payoutAddress, units);
          exchange.amountToUnits = units;
          move(exchange, 'finished', now);
          break;
        }
        case 'refund': {
          const units = exchange.amountFromUnits ?? exchange.expectedFromUnits;
          exchange.refundHash = await settlement.pay(exchange.from.code, exchange.refundAddress!, units);
          exchange.refundUnits = units;
          move(exchange, 'refunded', now);
          break;
        }
      }
    }
  };

  // Exchanges move independently, as at a real exchange: one waiting for its payment to be mined
  // does not hold up the others (the settlement orders the payer's nonces itself).
  const runTick = async () => {
    await Promise.all(
      [...exchanges.values()].map(async (exchange) => {
        try {
          await advance(exchange);
        } catch (error) {
          exchange.lastError = errorText(error); // retried on the next tick
        }
      }),
    );
  };

  let ticking: Promise<void> = Promise.resolve();

  return {
    create(request) {
      const now = clock();
      const exchange: SimulatedExchange = {
        ...request,
        id: randomBytes(7).toString('hex'),
        status: 'new',
        expectedFromUnits: amountTextToUnits(request.fromAmount, request.from.decimals, 'up'),
        payinAddress: options.newPayinAddress(),
        forced: forced.shift() ?? null,
        createdAt: now,
        updatedAt: now,
        nextStepAt: new Date(now.getTime() + options.stepDelayMs),
        depositReceivedAt: null,
        amountFromUnits: null,
        payoutHash: null,
        amountToUnits: null,
        refundHash: null,
        refundUnits: null,
        lastError: null,
      };
      exchanges.set(exchange.id, exchange);
      if (exchanges.size > MAX_EXCHANGES) exchanges.delete(exchanges.keys().next().value!);
      return exchange;
    },
    get: (id) => exchanges.get(id),
    list: () => [...exchanges.values()],
    forceOutcome(outcome, count) {
      for (let i = 0; i < count; i += 1) forced.push(outcome);
    },
    tick() {
      ticking = ticking.then(runTick);
      return ticking;
    },
  };
};
