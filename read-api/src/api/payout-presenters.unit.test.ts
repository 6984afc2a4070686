import { describe, expect, it } from 'vitest';
import type { ChannelBalanceView, OwnerBalanceView, PayoutView } from '@paygate/projections';
import { channelBalanceOut, ownerBalanceOut, payoutOut } from './payout-presenters.ts';

const eth = (amount: bigint) => ({ amount, currency: 'ETH', decimals: 18 });
const usdt = (amount: bigint) => ({ amount, currency: 'USDTERC20', decimals: 6 });

/** A conversion as the payouts read model holds it: no owner, purpose conversion, ETH out and USDT back. */
const conversion: PayoutView = {
  payoutId: 'conversion-eth-1',
  channelId: 'platform',
  ownerId: null,
  purpose: 'conversion',
  amount: eth(3n * 10n ** 15n),
  paymentIds: ['e1', 'e2'],
  wallet: { address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', network: 'ethereum', currency: 'USDTERC20' },
  route: 'swap',
  status: 'sent',
  statusReason: null,
  rateId: null,
  exchangeId: null,
  payinAddress: null,
  transfers: [],
  executed: null,
  payoutHash: `0x${'ab'.repeat(32)}`,
  received: usdt(10_000_001n),
  startedAt: '2026-01-02T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:01.000Z',
  sentAt: '2026-01-02T00:00:01.000Z',
  updatedPosition: { commit: 5n, prepare: 5n },
};

describe('payout presenters', () => {
  it('a conversion shows its purpose and no owner; money exact; positions stay internal', () => {
    const out = payoutOut(conversion);
    expect(out).toMatchObject({
      id: 'conversion-eth-1',
      channelId: 'platform',
      ownerId: null,
      purpose: 'conversion',
      amount: { amount: '0.003000000000000000', currency: 'ETH', decimals: 18, minorUnits: '3000000000000000' },
      received: { amount: '10.000001', currency: 'USDTERC20', decimals: 6, minorUnits: '10000001' },
    });
    expect(out).not.toHaveProperty('updatedPosition');
    expect(payoutOut({ ...conversion, ownerId: '1001', purpose: null })).toMatchObject({ ownerId: '1001', purpose: null });
  });

  it('balances show converted in and out beside received, fees, pending, in payout and paid out', () => {
    const amounts = { received: usdt(0n), fees: usdt(0n), pending: usdt(6_666_667n), inPayout: usdt(0n), paidOut: usdt(0n), convertedIn: usdt(6_666_667n), convertedOut: usdt(0n) };
    const channel: ChannelBalanceView = { channelId: 'ch-3', ownerId: '1003', currency: 'USDTERC20', ...amounts };
    const owner: OwnerBalanceView = { ownerId: '1003', currency: 'USDTERC20', channels: 1, ...amounts };
    expect(channelBalanceOut(channel)).toEqual({
      channelId: 'ch-3',
      ownerId: '1003',
      currency: 'USDTERC20',
      received: { amount: '0.000000', currency: 'USDTERC20', decimals: 6, minorUnits: '0' },
      fees: { amount: '0.000000', currency: 'USDTERC20', decimals: 6, minorUnits: '0' },
      pending: { amount: '6.666667', currency: 'USDTERC20', decimals: 6, minorUnits: '6666667' },
      inPayout: { amount: '0.000000', currency: 'USDTERC20', decimals: 6, minorUnits: '0' },
      paidOut: { amount: '0.000000', currency: 'USDTERC20', decimals: 6, minorUnits: '0' },
      convertedIn: { amount: '6.666667', currency: 'USDTERC20', decimals: 6, minorUnits: '6666667' },
      convertedOut: { amount: '0.000000', currency: 'USDTERC20', decimals: 6, minorUnits: '0' },
    });
    expect(ownerBalanceOut({ ...owner, convertedOut: eth(2n), currency: 'ETH' })).toMatchObject({ ownerId: '1003', channels: 1, convertedOut: { amount: '0.000000000000000002', minorUnits: '2' } });
  });
});
