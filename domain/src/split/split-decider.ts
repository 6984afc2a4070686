import type { Decider, DomainCommand } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { moneyToJson, type Money } from '../money/index.ts';
import { SplitCalculatedSchema, type SplitEvent } from './split-events.ts';
import { splitFee } from './split-fee.ts';

/** Issued by the split manager on PaymentReceived: gross = the payment's outcome, feeBps = the platform fee then in force. */
export type CalculateSplit = DomainCommand<
  'CalculateSplit',
  { paymentId: string; invoiceId: string; channelId: string; ownerId?: string; gross: Money; feeBps: number; calculatedAt: string }
>;

export type SplitState = { readonly calculated: boolean };

export const initialSplitState: SplitState = { calculated: false };

/**
 * Stream `split-<paymentId>`. A payment is split exactly once: a second CalculateSplit (a
 * redelivered PaymentReceived, or one with another fee) changes nothing.
 */
export const splitDecider: Decider<CalculateSplit, SplitEvent, SplitState> = {
  initialState: initialSplitState,
  evolve: (state, event) => (event.type === 'SplitCalculated' ? { calculated: true } : state),
  decide: (command, state) => {
    if (state.calculated) return [];
    const { gross, feeBps, ownerId, ...rest } = command.data;
    const { fee, ownerShare } = splitFee(gross, feeBps);
    const data = {
      ...rest,
      ...(ownerId === undefined ? {} : { ownerId }),
      gross: moneyToJson(gross),
      feeBps,
      fee: moneyToJson(fee),
      ownerShare: moneyToJson(ownerShare),
    };
    return [parseWithSchema(SplitCalculatedSchema, { type: 'SplitCalculated', data }, 'SplitCalculated')];
  },
};
