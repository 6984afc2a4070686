import type { Decider, DomainCommand } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyToJson, type Money } from '../money/index.ts';
import { SplitCalculatedSchema, SplitReversedSchema, type SplitCalculated, type SplitEvent } from './split-events.ts';
import { splitFee } from './split-fee.ts';

/** Issued by the split manager on PaymentReceived: gross = the payment's outcome, feeBps = the platform fee then in force. */
export type CalculateSplit = DomainCommand<
  'CalculateSplit',
  { paymentId: string; invoiceId: string; channelId: string; ownerId?: string; gross: Money; feeBps: number; calculatedAt: string }
>;

/** Issued by the split manager on a PaymentRefunded that took back a grant: the split is undone whole. */
export type ReverseSplit = DomainCommand<'ReverseSplit', { paymentId: string; reason: 'refunded'; reversedAt: string }>;

export type SplitCommand = CalculateSplit | ReverseSplit;

export type SplitState = { readonly calculated: boolean; readonly split: SplitCalculated['data'] | null; readonly reversed: boolean };

export const initialSplitState: SplitState = { calculated: false, split: null, reversed: false };

const calculate = (command: CalculateSplit, state: SplitState): SplitEvent[] => {
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
};

const reverse = (command: ReverseSplit, state: SplitState): SplitEvent[] => {
  if (state.reversed) return [];
  const split = state.split;
  if (split === null) {
    // The caller calculates the split first (from the PaymentReceived) and comes back.
    throw new PayGateError('conflict', `payment ${command.data.paymentId} has no split to reverse yet`, { paymentId: command.data.paymentId });
  }
  const { paymentId, invoiceId, channelId, ownerId, gross, fee, ownerShare } = split;
  const data = { paymentId, invoiceId, channelId, ...(ownerId === undefined ? {} : { ownerId }), gross, fee, ownerShare, reason: command.data.reason, reversedAt: command.data.reversedAt };
  return [parseWithSchema(SplitReversedSchema, { type: 'SplitReversed', data }, 'SplitReversed')];
};

/**
 * Stream `split-<paymentId>`. A payment is split exactly once: a second CalculateSplit (a
 * redelivered PaymentReceived, or one with another fee) changes nothing. A refund reverses the
 * split once, in its own amounts; a calculation after the reversal changes nothing either.
 */
export const splitDecider: Decider<SplitCommand, SplitEvent, SplitState> = {
  initialState: initialSplitState,
  evolve: (state, event) => {
    switch (event.type) {
      case 'SplitCalculated':
        return { ...state, calculated: true, split: event.data };
      case 'SplitReversed':
        return { ...state, reversed: true };
    }
  },
  decide: (command, state) => (command.type === 'CalculateSplit' ? calculate(command, state) : reverse(command, state)),
};
