import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyEquals, moneyFromJson, moneyToJson } from '../money/index.ts';
import type { PayoutCommand, RecordEstimate } from './payout-commands.ts';
import { PayoutEventSchema, type PayoutEvent } from './payout-events.ts';
import { evolvePayout, initialPayoutState, type PayoutState } from './payout-state.ts';

const event = (type: PayoutEvent['type'], data: Record<string, unknown>): PayoutEvent =>
  parseWithSchema(PayoutEventSchema, { type, data }, type);

const conflict = (message: string) => new PayGateError('conflict', message);

/** A quote at least (1 − maxSlippageBps/10,000) of the market estimate, in exact integers. */
const withinSlippage = ({ to, reference, maxSlippageBps }: RecordEstimate['data']): boolean =>
  to.amount * 10_000n >= reference.amount * BigInt(10_000 - maxSlippageBps);

const sentFacts = (state: PayoutState) => ({
  payoutId: state.payoutId!,
  channelId: state.channelId!,
  ...(state.ownerId === undefined ? {} : { ownerId: state.ownerId }),
  ...(state.purpose === undefined ? {} : { purpose: state.purpose }),
  amount: state.amount!,
});

const mustRun = (state: PayoutState): void => {
  if (!state.started) throw new PayGateError('not_found', 'no such payout');
  if (state.outcome !== 'running') throw conflict(`the payout is ${state.outcome}`);
};

const decide = (command: PayoutCommand, state: PayoutState): PayoutEvent[] => {
  switch (command.type) {
    case 'StartPayout': {
      if (state.started) return [];
      const { amount, wallet, hostNetwork, ...rest } = command.data;
      if (amount.amount <= 0n) throw new PayGateError('validation', 'a payout needs a positive amount');
      if ((rest.ownerId === undefined) !== (rest.purpose === 'conversion')) throw new PayGateError('validation', 'an owner payout names its owner; a conversion has none');
      const route = wallet.network === hostNetwork && wallet.currency === amount.currency ? 'direct' : 'swap';
      return [event('PayoutStarted', { ...rest, amount: moneyToJson(amount), wallet, route })];
    }
    case 'RecordEstimate': {
      mustRun(state);
      if (state.route !== 'swap') throw conflict('a direct payout needs no quote');
      if (state.exchange) return []; // the swap is made: a late quote changes nothing
      if (state.estimate?.rateId === command.data.rateId) return [];
      const { rateId, validUntil, from, to, reference, maxSlippageBps, estimatedAt } = command.data;
      if (!moneyEquals(from, moneyFromJson(state.amount))) throw new PayGateError('validation', 'the quote is for another amount than the payout');
      const id = { payoutId: state.payoutId! };
      if (!withinSlippage(command.data)) {
        const detail = `quote ${to.amount} is more than ${maxSlippageBps} bps below the market estimate ${reference.amount} (${to.currency} units)`;
        return [event('PayoutHeld', { ...id, reason: 'slippage', detail, heldAt: estimatedAt })];
      }
      const data = { ...id, rateId, validUntil, from: moneyToJson(from), to: moneyToJson(to), reference: moneyToJson(reference), estimatedAt };
      return [event('SplitEstimated', data)];
    }
    case 'RecordSwap': {
      mustRun(state);
      const { exchangeId, payinAddress, from, expectedTo, createdAt } = command.data;
      if (state.exchange) {
        if (state.exchange.exchangeId === exchangeId) return [];
        throw conflict(`the payout has exchange ${state.exchange.exchangeId} already`);
      }
      if (!state.estimate) throw conflict('no quote to make the swap with');
      if (Date.parse(createdAt) > Date.parse(state.estimate.validUntil)) throw conflict('the quote expired: estimate again');
      const data = { payoutId: state.payoutId!, exchangeId, payinAddress, from: moneyToJson(from), expectedTo: moneyToJson(expectedTo), createdAt };
      return [event('SwapCreated', data)];
    }
    case 'RecordSignedTransfer': {
      mustRun(state);
      const { to, nonce, rawTransaction, hash, signedAt } = command.data;
      // Never a second transaction for a payout: a repeat of the stored one is fine, anything else is refused.
      if (state.transfer) {
        if (state.transfer.candidates.includes(hash)) return [];
        throw conflict('the payout has a signed transfer already; replace it with the same nonce');
      }
      const destination = state.route === 'direct' ? state.wallet!.address : state.exchange?.payinAddress;
      if (destination === undefined) throw conflict('no swap to pay into yet');
      if (to.toLowerCase() !== destination.toLowerCase()) throw new PayGateError('validation', `the transfer must go to ${destination}`);
      return [event('TransferSigned', { payoutId: state.payoutId!, to, nonce, rawTransaction, hash, signedAt })];
    }
    case 'ReplaceTransfer': {
      mustRun(state);
      const { nonce, rawTransaction, hash, signedAt } = command.data;
      if (!state.transfer) throw conflict('no transfer to replace');
      if (state.executedBy) return [];
      if (state.transfer.candidates.includes(hash)) return [];
      if (nonce !== state.transfer.nonce) throw new PayGateError('validation', `a replacement keeps nonce ${state.transfer.nonce}`);
      const replaces = state.transfer.candidates.at(-1)!;
      return [event('TransferSigned', { payoutId: state.payoutId!, to: state.transfer.to, nonce, rawTransaction, hash, replaces, signedAt })];
    }
    case 'RecordTransferConfirmed': {
      if (!state.started) throw new PayGateError('not_found', 'no such payout');
      const { txHash, blockNumber, gasUsed, confirmedAt } = command.data;
      if (state.executedBy !== undefined || state.outcome === 'sent') return [];
      if (!state.transfer?.candidates.includes(txHash)) throw new PayGateError('validation', `${txHash} is none of the payout's transfers`);
      const id = state.payoutId!;
      // Mined money moved, whatever state the payout was put in meanwhile.
      if (state.route === 'direct') return [event('PayoutSent', { ...sentFacts(state), payoutHash: txHash, received: state.amount!, sentAt: confirmedAt })];
      return [event('SwapExecuted', { payoutId: id, txHash, blockNumber, gasUsed: gasUsed.toString(), executedAt: confirmedAt })];
    }
    case 'RecordExchangeFinished': {
      if (state.outcome === 'sent') return [];
      if (state.executedBy === undefined) throw conflict('the swap was not paid into yet');
      const { payoutHash, received, finishedAt } = command.data;
      return [event('PayoutSent', { ...sentFacts(state), payoutHash, received: moneyToJson(received), sentAt: finishedAt })];
    }
    case 'HoldPayout': {
      mustRun(state);
      // Nothing is half-sent: once a transfer is signed the payout can only finish or fail.
      if (state.transfer) throw conflict('the transfer is signed: the payout cannot be held now');
      const { reason, detail, heldAt } = command.data;
      return [event('PayoutHeld', { payoutId: state.payoutId!, reason, detail, heldAt })];
    }
    case 'FailPayout': {
      if (!state.started) throw new PayGateError('not_found', 'no such payout');
      if (state.outcome === 'failed') return [];
      if (state.outcome === 'sent') throw conflict('the payout was sent');
      const { reason, status, failedAt } = command.data;
      // Nothing is half-sent: a signed transfer is followed until the chain (reverted) or the exchange (failed, refunded) ends it.
      if (state.transfer && status === undefined) throw conflict('the transfer is signed: the payout is followed, not failed');
      return [event('PayoutFailed', { payoutId: state.payoutId!, reason, ...(status === undefined ? {} : { status }), failedAt })];
    }
    case 'ResumePayout': {
      if (!state.started) throw new PayGateError('not_found', 'no such payout');
      if (state.outcome === 'running') return [];
      if (state.outcome === 'sent') throw conflict('the payout was sent');
      // After money moved (a refunded swap) or a spent nonce (a reverted transfer) only an operator
      // by hand can settle it. A signed transfer never mined is resumed: its stored bytes are sent again.
      if (state.executedBy !== undefined) throw conflict('money moved for this payout: settle it by hand');
      if (state.failedWith === 'reverted') throw conflict('the transfer reverted on chain and spent its nonce: settle it by hand');
      return [event('PayoutResumed', { payoutId: state.payoutId!, by: command.data.by, resumedAt: command.data.resumedAt })];
    }
  }
};

/**
 * Stream `payout-<payoutId>`: one payout of an owner's share, instant strategy. Start → (swap
 * route: quote → swap) → the one transfer, signed before it is broadcast (replacements keep its
 * nonce) → confirmed → (swap route: the exchange finishes) → sent. Holds and failures stop it
 * where an operator sees it; a resume goes on from there, never signing a second transfer.
 */
export const payoutDecider: Decider<PayoutCommand, PayoutEvent, PayoutState> = {
  initialState: initialPayoutState,
  evolve: evolvePayout,
  decide,
};
