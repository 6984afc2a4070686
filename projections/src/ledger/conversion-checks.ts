// Conversion checks: each micro-batched conversion is followed from the shares that went in to
// what came back, and every allocation to a channel is checked against the conversion and
// against the allocation rule (largest remainder, allocateConversion) over its output.
import { allocateConversion } from '@paygate/domain';
import type { LedgerConversion } from './ledger-types.ts';

export type Conversion = {
  conversionId: string;
  currency: string;
  decimals: number;
  amount: bigint;
  toCurrency: string;
  /** Each channel's shares that went in, in the order of the event. */
  shares: Map<string, bigint>;
  received?: { amount: bigint; currency: string; decimals: number };
  /** What the allocation rule gives each channel of `received`. */
  expected?: Map<string, bigint>;
  allocated: Map<string, bigint>;
};

/**
 * Records what a sent conversion gave back and what the allocation rule gives each channel of it;
 * says why when the rule cannot allocate it (then every allocation is checked against nothing).
 */
export const conversionReceived = (conversion: Conversion, received: { amount: string; currency: string; decimals: number }): string | undefined => {
  conversion.received = { amount: BigInt(received.amount), currency: received.currency, decimals: received.decimals };
  try {
    const rule = allocateConversion([...conversion.shares].map(([channelId, units]) => ({ ownerId: channelId, amount: units })), conversion.received.amount);
    conversion.expected = new Map(rule.map((part) => [part.ownerId, part.amount]));
    return undefined;
  } catch (error) {
    conversion.expected = new Map();
    return `conversion ${conversion.conversionId} cannot be allocated: ${error instanceof Error ? error.message : String(error)}`;
  }
};

/** What is wrong with a conversion's allocation to a channel, if anything: checked against the conversion and the allocation rule. */
export const allocationProblem = (conversion: Conversion, channelId: string, units: bigint, currency: string, from: { amount: string; currency: string }): string | undefined => {
  const { conversionId } = conversion;
  const share = conversion.shares.get(channelId);
  if (share === undefined) return `conversion ${conversionId} is allocated to channel ${channelId}, whose shares did not go into it`;
  if (from.currency !== conversion.currency || BigInt(from.amount) !== share) {
    return `conversion ${conversionId}'s allocation to channel ${channelId} says ${from.amount} ${from.currency} went in; the conversion took ${share} ${conversion.currency}`;
  }
  if (!conversion.received || !conversion.expected) return `conversion ${conversionId} is allocated to channel ${channelId} before it was sent`;
  if (currency !== conversion.received.currency) return `conversion ${conversionId} gave ${conversion.received.currency}; its allocation to channel ${channelId} is in ${currency}`;
  const expected = conversion.expected.get(channelId) ?? 0n;
  if (units !== expected) return `conversion ${conversionId}'s allocation to channel ${channelId} is ${units}; the allocation rule gives it ${expected} of ${conversion.received.amount}`;
  return undefined;
};

/** A conversion as the ledger reports it. */
export const conversionOf = (conversion: Conversion): LedgerConversion => ({
  conversionId: conversion.conversionId,
  currency: conversion.currency,
  decimals: conversion.decimals,
  amount: conversion.amount,
  toCurrency: conversion.received?.currency ?? conversion.toCurrency,
  toDecimals: conversion.received?.decimals ?? null,
  received: conversion.received?.amount ?? null,
  allocated: [...conversion.allocated.values()].reduce((sum, units) => sum + units, 0n),
  channels: conversion.shares.size,
  allocations: conversion.allocated.size,
});
