import { isPayGateError, nextPayoutStep, type EventStore, type HostChain, type PayoutExchange, type PayoutStep } from '@paygate/domain';
import { createNonceReserver } from './nonce-reservation.ts';
import { loadPayout, runHotWalletCommand, runPayoutCommand } from './payout-streams.ts';
import { runStep, type StepContext } from './payout-steps.ts';

export type PayoutPipelineLogger = {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
};

export type PayoutPipelineDeps = {
  eventStore: EventStore;
  exchange: PayoutExchange;
  chain: HostChain;
  clock: () => Date;
  logger: PayoutPipelineLogger;
  /** PAYOUT_CONFIRMATIONS. */
  confirmations: number;
  /** PAYOUT_MAX_SLIPPAGE_BPS. */
  maxSlippageBps: number;
  /** A transfer not mined this long is replaced at a higher fee (default 3 minutes). */
  stuckAfterMs?: number;
  /** Failed attempts at a step before the payout stops, failed, for an operator (default 8); once its transfer is signed it is followed on, with an alert instead. */
  maxAttempts?: number;
  /** Wait after the n-th failure: base × 2^(n−1), at most 5 minutes (default base 1 s). */
  backoffBaseMs?: number;
};

export type PayoutPipeline = {
  /** Takes the payout as far as it goes now; returns when it waits for the outside world or is over. */
  advance(payoutId: string): Promise<void>;
  /** `paygate payouts retry`: resumes a held or failed payout where it stopped, then advances it. */
  retry(payoutId: string, by: string): Promise<void>;
};

type Failures = { count: number; retryAt: number };

const MAX_STEPS_PER_ADVANCE = 12;

/**
 * Drives payouts by their events alone (nextPayoutStep): any process, after any crash, goes on
 * from the last recorded fact and never signs a second transfer. One advance per payout at a time
 * in this process; across processes the streams' expected revisions decide.
 */
export const createPayoutPipeline = (deps: PayoutPipelineDeps): PayoutPipeline => {
  const maxAttempts = deps.maxAttempts ?? 8;
  const backoffBaseMs = deps.backoffBaseMs ?? 1_000;
  const running = new Map<string, Promise<void>>();
  const failures = new Map<string, Failures>();
  const ctx: StepContext = {
    eventStore: deps.eventStore,
    exchange: deps.exchange,
    chain: deps.chain,
    now: () => deps.clock().toISOString(),
    confirmations: deps.confirmations,
    maxSlippageBps: deps.maxSlippageBps,
    stuckAfterMs: deps.stuckAfterMs ?? 180_000,
    waitingSince: new Map(),
    reserveNonce: createNonceReserver(deps.eventStore, deps.chain),
    alert: (payoutId, message, details) => deps.logger.error({ alert: 'payout', payoutId, ...details }, message),
  };

  const fail = async (payoutId: string, step: PayoutStep['kind'] | undefined, error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    const seen = failures.get(payoutId) ?? { count: 0, retryAt: 0 };
    const count = seen.count + 1;
    // Once a transfer is signed the chain (and the exchange) may act whatever we decide: keep
    // following it, with backoff, and tell the operator once; never stop it half-way.
    const signed = step === 'broadcast' || step === 'poll_exchange';
    if (signed && count === maxAttempts) ctx.alert(payoutId, 'payout stuck: its transfer or exchange cannot be followed', { reason, step });
    // Before that, a provider that refused the request will refuse it again: stop at once. Anything else is retried.
    const final = !signed && (count >= maxAttempts || (isPayGateError(error) && error.kind === 'validation'));
    deps.logger.warn({ payoutId, step, attempt: count, final, err: reason }, 'payout step failed');
    if (!final) {
      failures.set(payoutId, { count, retryAt: deps.clock().getTime() + Math.min(backoffBaseMs * 2 ** (count - 1), 300_000) });
      return;
    }
    failures.delete(payoutId);
    ctx.alert(payoutId, 'payout failed: stopped for an operator', { reason });
    try {
      await runPayoutCommand(deps.eventStore, payoutId, { type: 'FailPayout', data: { reason: reason.slice(0, 500), failedAt: ctx.now() } });
      // Nothing was signed with a nonce it took: give it back, or every later transfer would wait behind the gap.
      const releasedAt = ctx.now();
      await runHotWalletCommand(deps.eventStore, deps.chain.network, deps.chain.address, { type: 'ReleaseNonce', data: { payoutId, releasedAt } });
    } catch (failError) {
      deps.logger.warn({ payoutId, err: String(failError) }, 'could not record the payout as failed');
    }
  };

  const drive = async (payoutId: string) => {
    const waitUntil = failures.get(payoutId)?.retryAt ?? 0;
    if (deps.clock().getTime() < waitUntil) return;
    let step: PayoutStep | undefined;
    try {
      for (let round = 0; round < MAX_STEPS_PER_ADVANCE; round++) {
        const { state } = await loadPayout(deps.eventStore, payoutId);
        step = nextPayoutStep(state, ctx.now());
        if (step.kind === 'none') break;
        if ((await runStep(ctx, state, step)) === 'waiting') break;
      }
      failures.delete(payoutId);
    } catch (error) {
      await fail(payoutId, step?.kind, error);
    }
  };

  const advance = (payoutId: string): Promise<void> => {
    const current = running.get(payoutId);
    if (current) return current;
    const next = drive(payoutId).finally(() => running.delete(payoutId));
    running.set(payoutId, next);
    return next;
  };

  return {
    advance,
    async retry(payoutId, by) {
      await runPayoutCommand(deps.eventStore, payoutId, { type: 'ResumePayout', data: { by, resumedAt: ctx.now() } });
      failures.delete(payoutId);
      await advance(payoutId);
    },
  };
};
