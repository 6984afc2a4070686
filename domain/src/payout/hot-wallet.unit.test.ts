import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { hotWalletDecider, parseHotWalletEvent, type HotWalletCommand, type HotWalletEvent } from './hot-wallet.ts';

const given = deciderSpec(hotWalletDecider, { validateEvent: parseHotWalletEvent });
const at = '2026-01-02T00:00:00.000Z';
const reserve = (payoutId: string, chainNonce = 0): HotWalletCommand => ({ type: 'ReserveNonce', data: { payoutId, chainNonce, reservedAt: at } });
const reserved = (payoutId: string, nonce: number): HotWalletEvent => ({ type: 'NonceReserved', data: { payoutId, nonce, reservedAt: at } });
const release = (payoutId: string): HotWalletCommand => ({ type: 'ReleaseNonce', data: { payoutId, releasedAt: at } });
const released = (payoutId: string, nonce: number): HotWalletEvent => ({ type: 'NonceReleased', data: { payoutId, nonce, releasedAt: at } });

describe('hot wallet nonces', () => {
  it('hands out consecutive nonces, starting at the chain count', () => {
    given([]).when(reserve('p1', 5)).then([reserved('p1', 5)]);
    given([reserved('p1', 5)]).when(reserve('p2', 5)).then([reserved('p2', 6)]);
  });

  it('never below what the chain has used (a transaction sent from elsewhere)', () => given([reserved('p1', 5)]).when(reserve('p2', 9)).then([reserved('p2', 9)]));

  it('a payout asking again keeps its nonce (after a crash, the same transaction is rebuilt)', () =>
    given([reserved('p1', 5), reserved('p2', 6)]).when(reserve('p1', 7)).then([]));

  it('a released nonce is used next, so no gap stalls the wallet', () => {
    given([reserved('p1', 5), reserved('p2', 6)]).when(release('p1')).then([released('p1', 5)]);
    given([reserved('p1', 5), reserved('p2', 6), released('p1', 5)]).when(reserve('p3', 5)).then([reserved('p3', 5)]);
    given([reserved('p1', 5), reserved('p2', 6), released('p1', 5), reserved('p3', 5)]).when(reserve('p4', 5)).then([reserved('p4', 7)]);
  });

  it('a released nonce the chain has used since is skipped', () =>
    given([reserved('p1', 5), reserved('p2', 6), released('p1', 5)]).when(reserve('p3', 7)).then([reserved('p3', 7)]));

  it('releasing what was never reserved changes nothing; a bad chain count is refused', () => {
    given([]).when(release('p1')).then([]);
    given([]).when(reserve('p1', -1)).thenThrows('validation');
  });
});
