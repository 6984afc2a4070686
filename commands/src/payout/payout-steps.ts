import { isPayGateError, moneyFromJson, PayGateError, type EventStore, type HostChain, type PayoutExchange, type PayoutState, type PayoutStep } from '@paygate/domain';
import { fundsShortage } from './host-wallet-checks.ts';
import type { NonceReserver } from './nonce-reservation.ts';
import { runPayoutCommand } from './payout-streams.ts';

export type StepContext = {
  eventStore: EventStore;
  exchange: PayoutExchange;
  chain: HostChain;
  now: () => string;
  /** Confirmations a transfer needs before it counts (PAYOUT_CONFIRMATIONS). */
  confirmations: number;
  maxSlippageBps: number;
  /** A transfer still unmined this long after it was first seen waiting is replaced at a higher fee. */
  stuckAfterMs: number;
  /** When each waiting candidate was first seen waiting (this process's memory; a restart waits anew). */
  waitingSince: Map<string, number>;
  reserveNonce: NonceReserver;
  alert: (payoutId: string, message: string, details: Record<string, unknown>) => void;
};

/** How close to `validUntil` a refused quote is taken for expired rather than wrong. */
const QUOTE_EXPIRY_MARGIN_MS = 10_000;

export type StepOutcome = 'progressed' | 'waiting';

const ignoreConflict = (error: unknown): void => {
  if (!(isPayGateError(error) && error.kind === 'conflict')) throw error;
};

/** Records the step's result; a conflict means another process decided first, and the next round reads what it decided. */
const recorder = (ctx: StepContext, payoutId: string) => async (command: Parameters<typeof runPayoutCommand>[2]): Promise<StepOutcome> => {
  await runPayoutCommand(ctx.eventStore, payoutId, command).catch(ignoreConflict);
  return 'progressed';
};

/** Does one step of the payout; 'waiting' when the outside world has not moved yet. */
export const runStep = async (ctx: StepContext, state: PayoutState, step: PayoutStep): Promise<StepOutcome> => {
  const payoutId = state.payoutId!;
  const amount = moneyFromJson(state.amount!);
  const wallet = state.wallet!;
  const record = recorder(ctx, payoutId);
  switch (step.kind) {
    case 'estimate': {
      const [quote, reference] = await Promise.all([ctx.exchange.quoteFixedRate(amount, wallet.currency), ctx.exchange.estimateStandard(amount, wallet.currency)]);
      const { rateId, validUntil, to } = quote;
      return record({ type: 'RecordEstimate', data: { rateId, validUntil, from: amount, to, reference, maxSlippageBps: ctx.maxSlippageBps, estimatedAt: ctx.now() } });
    }
    case 'create_swap': {
      const { rateId, validUntil } = state.estimate!;
      const created = await ctx.exchange.createExchange({ from: amount, toCurrency: wallet.currency, address: wallet.address, rateId, refundAddress: ctx.chain.address }).catch((error: unknown) => {
        // A quote refused at the end of its life has expired on ChangeNOW's clock: quote again.
        if (isPayGateError(error) && error.kind === 'validation' && Date.parse(ctx.now()) >= Date.parse(validUntil) - QUOTE_EXPIRY_MARGIN_MS) return null;
        throw error;
      });
      if (created === null) return runStep(ctx, state, { kind: 'estimate' });
      const { exchangeId, payinAddress, expectedTo } = created;
      return record({ type: 'RecordSwap', data: { exchangeId, payinAddress, from: amount, expectedTo, createdAt: ctx.now() } });
    }
    case 'sign': {
      if (!ctx.chain.currencies.includes(amount.currency)) {
        return record({ type: 'FailPayout', data: { reason: `the host wallet cannot send ${amount.currency}`, failedAt: ctx.now() } });
      }
      const shortage = await fundsShortage(ctx.chain, amount);
      if (shortage) {
        ctx.alert(payoutId, 'payout held: the host wallet is short', { reason: shortage.reason, detail: shortage.detail });
        return record({ type: 'HoldPayout', data: { ...shortage, heldAt: ctx.now() } });
      }
      const nonce = await ctx.reserveNonce(payoutId, ctx.now());
      const signed = await ctx.chain.signTransfer({ currency: amount.currency, to: step.to, amount: amount.amount, nonce });
      return record({ type: 'RecordSignedTransfer', data: { to: step.to, nonce, ...signed, signedAt: ctx.now() } });
    }
    case 'broadcast':
      return broadcastAndWatch(ctx, state, step);
    case 'poll_exchange': {
      const report = await ctx.exchange.exchangeStatus(step.exchangeId);
      if (report.status === 'finished') {
        if (report.payoutHash === undefined || report.received === undefined) throw new PayGateError('unavailable', `exchange ${step.exchangeId} finished without a payout hash or amount`);
        return record({ type: 'RecordExchangeFinished', data: { payoutHash: report.payoutHash, received: report.received, finishedAt: ctx.now() } });
      }
      if (report.status === 'failed' || report.status === 'refunded') {
        ctx.alert(payoutId, `payout failed: the exchange ended ${report.status}`, { exchangeId: step.exchangeId });
        return record({ type: 'FailPayout', data: { reason: `ChangeNOW exchange ${step.exchangeId} ended ${report.status}`, status: report.status, failedAt: ctx.now() } });
      }
      return 'waiting';
    }
    case 'none':
      return 'waiting';
  }
};

/** (Re)sends every stored candidate byte for byte, then looks which one is mined; replaces one stuck too long. */
const broadcastAndWatch = async (ctx: StepContext, state: PayoutState, step: Extract<PayoutStep, { kind: 'broadcast' }>): Promise<StepOutcome> => {
  const payoutId = state.payoutId!;
  for (const raw of step.rawTransactions) {
    // A replaced candidate is refused as underpriced, a mined one as a used nonce: neither is news.
    await ctx.chain.broadcast(raw).catch((error: unknown) => {
      if (isPayGateError(error) && error.kind === 'unavailable') throw error;
    });
  }
  const status = await ctx.chain.transferStatus(step.candidates, ctx.confirmations);
  const record = recorder(ctx, payoutId);
  if (status.state === 'confirmed' || status.state === 'reverted') for (const hash of step.candidates) ctx.waitingSince.delete(hash);
  if (status.state === 'confirmed') {
    return record({ type: 'RecordTransferConfirmed', data: { txHash: status.hash, blockNumber: status.blockNumber, gasUsed: status.gasUsed, confirmedAt: ctx.now() } });
  }
  if (status.state === 'reverted') {
    ctx.alert(payoutId, 'payout failed: the transfer reverted', { hash: status.hash });
    return record({ type: 'FailPayout', data: { reason: `the transfer ${status.hash} reverted on chain`, status: 'reverted', failedAt: ctx.now() } });
  }
  if (status.state === 'mined') return 'waiting';
  const latest = step.candidates.at(-1)!;
  const since = ctx.waitingSince.get(latest) ?? Date.parse(ctx.now());
  ctx.waitingSince.set(latest, since);
  if (Date.parse(ctx.now()) - since < ctx.stuckAfterMs) return 'waiting';
  // Stuck: the same nonce at a higher fee; whichever candidate is mined counts.
  const transfer = state.transfer!;
  const amount = moneyFromJson(state.amount!);
  const bumped = await ctx.chain.signTransfer({ currency: amount.currency, to: transfer.to, amount: amount.amount, nonce: transfer.nonce, bumpOver: step.rawTransactions.at(-1)! });
  ctx.waitingSince.delete(latest);
  return record({ type: 'ReplaceTransfer', data: { nonce: transfer.nonce, ...bumped, signedAt: ctx.now() } });
};
