import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';

/**
 * One stream per hot wallet and chain: the nonce allocator. Appending with the expected revision
 * serialises reservations across processes, so two payouts never get the same nonce; a payout
 * asking again (after a crash) gets the nonce it already has.
 */
export const hotWalletStreamId = (network: string, address: string): string => `hot-wallet-${network}-${address.toLowerCase()}`;

const NonceSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

export const NonceReservedSchema = v.object({
  type: v.literal('NonceReserved'),
  data: v.object({ payoutId: IdSchema, nonce: NonceSchema, reservedAt: TimestampSchema }),
});
/** A payout that reserved a nonce and will never sign with it gives it back; the lowest free one is used next, so no gap stalls the wallet. */
export const NonceReleasedSchema = v.object({
  type: v.literal('NonceReleased'),
  data: v.object({ payoutId: IdSchema, nonce: NonceSchema, releasedAt: TimestampSchema }),
});
export const HotWalletEventSchema = v.variant('type', [NonceReservedSchema, NonceReleasedSchema]);
export type HotWalletEvent = v.InferOutput<typeof HotWalletEventSchema>;
export const parseHotWalletEvent = createEventParser(HotWalletEventSchema, 'hot wallet');

export type ReserveNonce = DomainCommand<
  'ReserveNonce',
  { payoutId: string; /** The chain's pending transaction count for the wallet: nonces below it are used. */ chainNonce: number; reservedAt: string }
>;
export type ReleaseNonce = DomainCommand<'ReleaseNonce', { payoutId: string; releasedAt: string }>;
export type HotWalletCommand = ReserveNonce | ReleaseNonce;

export type HotWalletState = {
  /** One past the highest nonce ever reserved. */
  readonly next: number;
  readonly byPayout: ReadonlyMap<string, number>;
  readonly released: readonly number[];
};

export const initialHotWalletState: HotWalletState = { next: 0, byPayout: new Map(), released: [] };

const evolve = (state: HotWalletState, event: HotWalletEvent): HotWalletState => {
  const byPayout = new Map(state.byPayout);
  if (event.type === 'NonceReserved') {
    byPayout.set(event.data.payoutId, event.data.nonce);
    return { next: Math.max(state.next, event.data.nonce + 1), byPayout, released: state.released.filter((nonce) => nonce !== event.data.nonce) };
  }
  if (event.type === 'NonceReleased') {
    byPayout.delete(event.data.payoutId);
    return { ...state, byPayout, released: [...state.released, event.data.nonce].sort((a, b) => a - b) };
  }
  return state;
};

const decide = (command: HotWalletCommand, state: HotWalletState): HotWalletEvent[] => {
  const held = state.byPayout.get(command.data.payoutId);
  if (command.type === 'ReleaseNonce') {
    if (held === undefined) return [];
    return [parseWithSchema(NonceReleasedSchema, { type: 'NonceReleased', data: { payoutId: command.data.payoutId, nonce: held, releasedAt: command.data.releasedAt } }, 'NonceReleased')];
  }
  if (held !== undefined) return [];
  const { payoutId, chainNonce, reservedAt } = command.data;
  if (!Number.isSafeInteger(chainNonce) || chainNonce < 0) throw new PayGateError('validation', 'the chain nonce must be a non-negative integer');
  // A released nonce the chain has not used yet comes first; else the next after every reservation and the chain's count.
  const reusable = state.released.find((nonce) => nonce >= chainNonce);
  const nonce = reusable ?? Math.max(state.next, chainNonce);
  return [parseWithSchema(NonceReservedSchema, { type: 'NonceReserved', data: { payoutId, nonce, reservedAt } }, 'NonceReserved')];
};

export const hotWalletDecider: Decider<HotWalletCommand, HotWalletEvent, HotWalletState> = { initialState: initialHotWalletState, evolve, decide };
