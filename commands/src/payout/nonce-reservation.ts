import { hotWalletDecider, hotWalletStreamId, parseHotWalletEvent, PayGateError, type EventStore, type HostChain } from '@paygate/domain';
import { runHotWalletCommand } from './payout-streams.ts';

/**
 * The nonce this payout signs with: reserved once on the hot wallet's stream (expected revisions
 * serialise every process), and the same one again when asked after a crash.
 */
export const reserveNonce = async (eventStore: EventStore, chain: HostChain, payoutId: string, at: string): Promise<number> => {
  const chainNonce = await chain.pendingNonce();
  const result = await runHotWalletCommand(eventStore, chain.network, chain.address, { type: 'ReserveNonce', data: { payoutId, chainNonce, reservedAt: at } });
  const reserved = result.events.find((event) => event.type === 'NonceReserved');
  if (reserved) return reserved.data.nonce;
  const recorded = await eventStore.readStream(hotWalletStreamId(chain.network, chain.address));
  const state = recorded.reduce((current, event) => hotWalletDecider.evolve(current, parseHotWalletEvent(event)), hotWalletDecider.initialState);
  const nonce = state.byPayout.get(payoutId);
  if (nonce === undefined) throw new PayGateError('conflict', `payout ${payoutId} holds no nonce`);
  return nonce;
};
