import { hotWalletDecider, hotWalletStreamId, parseHotWalletEvent, PayGateError, type EventStore, type HostChain } from '@paygate/domain';
import { runHotWalletCommand } from './payout-streams.ts';

export type NonceReserver = (payoutId: string, at: string) => Promise<number>;

/** Conflicts a reservation rides out: other processes reserving on the same wallet at once. */
const MAX_ATTEMPTS = 10;

/**
 * The nonce a payout signs with: reserved once on the hot wallet's stream (expected revisions
 * serialise every process), and the same one again when asked after a crash. Reservations of
 * this process go one at a time, so a burst of payouts does not race itself into conflicts.
 */
export const createNonceReserver = (eventStore: EventStore, chain: HostChain): NonceReserver => {
  let queue: Promise<unknown> = Promise.resolve();
  const reserve = async (payoutId: string, at: string): Promise<number> => {
    const chainNonce = await chain.pendingNonce();
    const result = await runHotWalletCommand(eventStore, chain.network, chain.address, { type: 'ReserveNonce', data: { payoutId, chainNonce, reservedAt: at } }, MAX_ATTEMPTS);
    const reserved = result.events.find((event) => event.type === 'NonceReserved');
    if (reserved) return reserved.data.nonce;
    const recorded = await eventStore.readStream(hotWalletStreamId(chain.network, chain.address));
    const state = recorded.reduce((current, event) => hotWalletDecider.evolve(current, parseHotWalletEvent(event)), hotWalletDecider.initialState);
    const nonce = state.byPayout.get(payoutId);
    if (nonce === undefined) throw new PayGateError('conflict', `payout ${payoutId} holds no nonce`);
    return nonce;
  };
  return (payoutId, at) => {
    const next = queue.then(() => reserve(payoutId, at));
    queue = next.catch(() => undefined);
    return next;
  };
};
