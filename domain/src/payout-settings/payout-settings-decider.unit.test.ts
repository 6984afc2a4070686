import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money } from '../money/index.ts';
import type { ChoosePayoutStrategy, PayoutSettingsCommand, SetPayoutWallet } from './payout-settings-commands.ts';
import { payoutSettingsDecider } from './payout-settings-decider.ts';
import { parsePayoutSettingsEvent, type PayoutSettingsEvent } from './payout-settings-events.ts';

const given = deciderSpec(payoutSettingsDecider, { validateEvent: parsePayoutSettingsEvent });
const at = '2026-01-01T00:00:00.000Z';
const channel = { channelId: 'ch1', ownerId: '42' };
const address = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const HOLD = 48 * 3600;

const setWallet = (data: Partial<SetPayoutWallet['data']> = {}): PayoutSettingsCommand => ({
  type: 'SetPayoutWallet',
  data: { channel, channelId: 'ch1', requestedBy: '42', address, network: 'ethereum', currency: 'usdterc20', setAt: at, holdSeconds: HOLD, ...data },
});
const walletSet = (data: Partial<Extract<PayoutSettingsEvent, { type: 'PayoutWalletSet' }>['data']> = {}): PayoutSettingsEvent => ({
  type: 'PayoutWalletSet',
  data: { channelId: 'ch1', ownerId: '42', address, network: 'ethereum', currency: 'USDTERC20', setAt: at, ...data },
});
const choose = (data: Partial<ChoosePayoutStrategy['data']> = {}): PayoutSettingsCommand => ({
  type: 'ChoosePayoutStrategy',
  data: { channel, channelId: 'ch1', requestedBy: '42', strategy: 'instant', chosenAt: at, ...data },
});
const instantChosen: PayoutSettingsEvent = { type: 'PayoutStrategyChosen', data: { strategy: 'instant', channelId: 'ch1', ownerId: '42', chosenAt: at } };
const thresholdChosen = (cents: string): PayoutSettingsEvent => ({
  type: 'PayoutStrategyChosen',
  data: { strategy: 'threshold', channelId: 'ch1', ownerId: '42', threshold: { amount: cents, currency: 'USD', decimals: 2 }, chosenAt: at },
});

describe('payout settings: SetPayoutWallet', () => {
  it('sets a checksummed wallet, normalising the currency code', () => given([]).when(setWallet()).then([walletSet()]));
  it('setting the same wallet again changes nothing', () => given([walletSet()]).when(setWallet()).then([]));
  it('with no hold, a new network and currency is in effect at once', () =>
    given([walletSet()])
      .when(setWallet({ network: 'Polygon', currency: 'USDCMATIC', holdSeconds: 0 }))
      .then([walletSet({ network: 'polygon', currency: 'USDCMATIC' })]));
  it('only the owner may set it', () => given([]).when(setWallet({ requestedBy: '43' })).thenThrows('forbidden', 'owner'));
  it('needs a registered channel', () => given([]).when(setWallet({ channel: null })).thenThrows('not_found', 'ch1'));
  it('refuses the ownership of another channel', () =>
    given([]).when(setWallet({ channel: { channelId: 'ch2', ownerId: '42' } })).thenThrows('not_found'));
  it.each([
    ['a bad checksum', { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' }, 'EIP-55'],
    ['a lower-case address', { address: address.toLowerCase() }, 'EIP-55'],
    ['a short address', { address: '0x1234' }, '40 hex'],
    ['an unknown network', { network: 'tron' }, 'network must be one of ethereum, polygon, bsc'],
    ['a currency not offered on the network', { currency: 'USDTTRC20' }, 'cannot be paid out on ethereum'],
    ['an unknown currency', { currency: 'XYZ' }, 'unknown currency'],
    ['a negative hold', { holdSeconds: -1 }, 'holdSeconds'],
    ['a fractional hold', { holdSeconds: 1.5 }, 'holdSeconds'],
  ])('refuses %s', (_what, data, message) => given([]).when(setWallet(data)).thenThrows('validation', message));
});

describe('payout settings: ChoosePayoutStrategy', () => {
  it('chooses instant payouts', () => given([walletSet()]).when(choose()).then([instantChosen]));
  it('chooses a threshold', () =>
    given([walletSet()]).when(choose({ strategy: 'threshold', threshold: money(50_00n, 'USD') })).then([thresholdChosen('5000')]));
  it('repeating the current strategy changes nothing', () => {
    given([walletSet(), instantChosen]).when(choose()).then([]);
    given([walletSet(), thresholdChosen('5000')]).when(choose({ strategy: 'threshold', threshold: money(50_00n, 'USD') })).then([]);
  });
  it('switches between strategies and thresholds', () => {
    given([walletSet(), thresholdChosen('5000')]).when(choose()).then([instantChosen]);
    given([walletSet(), thresholdChosen('5000')]).when(choose({ strategy: 'threshold', threshold: money(60_00n, 'USD') })).then([thresholdChosen('6000')]);
  });
  it('needs a wallet first', () => given([]).when(choose()).thenThrows('conflict', 'wallet'));
  it('only the owner may choose', () => given([walletSet()]).when(choose({ requestedBy: '7' })).thenThrows('forbidden'));
  it.each([
    ['a threshold without the threshold strategy', { threshold: money(50_00n, 'USD') }, 'no threshold'],
    ['the threshold strategy without a threshold', { strategy: 'threshold' as const }, 'needs a threshold'],
    ['a threshold below 10 USD', { strategy: 'threshold' as const, threshold: money(9_99n, 'USD') }, 'from 10.00'],
    ['a threshold above 1,000,000 USD', { strategy: 'threshold' as const, threshold: money(1_000_000_01n, 'USD') }, 'from 10.00'],
    ['a threshold in another currency', { strategy: 'threshold' as const, threshold: money(50_000_000n, 'USDTERC20') }, 'in USD'],
    ['an unknown strategy', { strategy: 'weekly' as 'instant' }, 'instant or threshold'],
  ])('refuses %s', (_what, data, message) => given([walletSet()]).when(choose(data)).thenThrows('validation', message));
  it('accepts the threshold bounds', () => {
    given([walletSet()]).when(choose({ strategy: 'threshold', threshold: money(10_00n, 'USD') })).then([thresholdChosen('1000')]);
    given([walletSet()]).when(choose({ strategy: 'threshold', threshold: money(1_000_000_00n, 'USD') })).then([thresholdChosen('100000000')]);
  });
});
