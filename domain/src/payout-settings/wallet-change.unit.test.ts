import { describe, expect, it } from 'vitest';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import { channelDecider, type ChannelEvent } from '../channel/index.ts';
import { channelPayoutSettings, effectivePayoutSettings } from './effective-payout-settings.ts';
import type { CancelPayoutWalletChange, PayoutSettingsCommand, SetPayoutWallet } from './payout-settings-commands.ts';
import { payoutSettingsDecider } from './payout-settings-decider.ts';
import { parsePayoutSettingsEvent, type PayoutSettingsEvent, type WalletChangeCancelReason } from './payout-settings-events.ts';

const given = deciderSpec(payoutSettingsDecider, { validateEvent: parsePayoutSettingsEvent });
const HOLD = 48 * 3600;
const t0 = '2026-01-01T00:00:00.000Z';
const t1 = '2026-01-01T10:00:00.000Z';
const due1 = '2026-01-03T10:00:00.000Z'; // t1 + 48 h
const t2 = '2026-01-02T00:00:00.000Z';
const due2 = '2026-01-04T00:00:00.000Z'; // t2 + 48 h
const OLD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const NEW = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
const OTHER = '0x52908400098527886E0F7030069857D2E4169EE7';
const channel = { channelId: 'ch1', ownerId: '42' };
const wallet = (address: string) => ({ address, network: 'polygon' as const, currency: 'USDTMATIC' });

const setWallet = (address: string, setAt: string, data: Partial<SetPayoutWallet['data']> = {}): PayoutSettingsCommand => ({
  type: 'SetPayoutWallet',
  data: { channel, channelId: 'ch1', requestedBy: '42', address, network: 'polygon', currency: 'usdtmatic', setAt, holdSeconds: HOLD, ...data },
});
const cancel = (changeNumber: number, cancelledAt: string, data: Partial<CancelPayoutWalletChange['data']> = {}): PayoutSettingsCommand => ({
  type: 'CancelPayoutWalletChange',
  data: { channel, channelId: 'ch1', requestedBy: '42', changeNumber, cancelledAt, ...data },
});
const walletSet = (address: string, setAt = t0, ownerId = '42'): PayoutSettingsEvent => ({
  type: 'PayoutWalletSet',
  data: { channelId: 'ch1', ownerId, ...wallet(address), setAt },
});
const requested = (changeNumber: number, address: string, requestedAt: string, effectiveAt: string, ownerId = '42'): PayoutSettingsEvent => ({
  type: 'PayoutWalletChangeRequested',
  data: { channelId: 'ch1', ownerId, changeNumber, ...wallet(address), requestedAt, effectiveAt },
});
const cancelled = (changeNumber: number, reason: WalletChangeCancelReason, cancelledAt: string): PayoutSettingsEvent => ({
  type: 'PayoutWalletChangeCancelled',
  data: { channelId: 'ch1', ownerId: '42', changeNumber, reason, cancelledAt },
});

describe('payout wallet changes wait out the hold', () => {
  it('the first wallet is in effect at once', () => given([]).when(setWallet(OLD, t0)).then([walletSet(OLD)]));
  it('a change of the wallet is requested, effective after the hold', () =>
    given([walletSet(OLD)]).when(setWallet(NEW, t1)).then([requested(1, NEW, t1, due1)]));
  it('requesting the pending wallet again changes nothing (the hold is not restarted)', () =>
    given([walletSet(OLD), requested(1, NEW, t1, due1)]).when(setWallet(NEW, t2)).then([]));
  it('a new request replaces the pending one and restarts the hold', () =>
    given([walletSet(OLD), requested(1, NEW, t1, due1)]).when(setWallet(OTHER, t2)).then([cancelled(1, 'replaced', t2), requested(2, OTHER, t2, due2)]));
  it('restating the wallet in effect cancels the pending change', () =>
    given([walletSet(OLD), requested(1, NEW, t1, due1)]).when(setWallet(OLD, t2)).then([cancelled(1, 'current_wallet_kept', t2)]));
  it('after the hold the new wallet is the one in effect: restating it changes nothing, another is a new change', () => {
    given([walletSet(OLD), requested(1, NEW, t1, due1)]).when(setWallet(NEW, due1)).then([]);
    given([walletSet(OLD), requested(1, NEW, t1, due1)]).when(setWallet(OLD, due1)).then([requested(2, OLD, due1, '2026-01-05T10:00:00.000Z')]);
  });
  it('a zero hold replaces a pending change with a wallet in effect at once', () =>
    given([walletSet(OLD), requested(1, NEW, t1, due1)]).when(setWallet(OTHER, t2, { holdSeconds: 0 })).then([cancelled(1, 'replaced', t2), walletSet(OTHER, t2)]));
  it('after a claim, the new owner’s wallet is a change too (the previous owner’s wallet exists)', () =>
    given([walletSet(OLD)]).when(setWallet(NEW, t1, { channel: { channelId: 'ch1', ownerId: '7' }, requestedBy: '7' })).then([requested(1, NEW, t1, due1, '7')]));
  it('only the owner requests a change', () => given([walletSet(OLD)]).when(setWallet(NEW, t1, { requestedBy: '7' })).thenThrows('forbidden'));
});

describe('cancelling a wallet change', () => {
  const pending = [walletSet(OLD), requested(1, NEW, t1, due1)];
  it('cancels it during the hold', () => given(pending).when(cancel(1, t2)).then([cancelled(1, 'owner_cancelled', t2)]));
  it('cancelling again changes nothing', () => given([...pending, cancelled(1, 'owner_cancelled', t2)]).when(cancel(1, t2)).then([]));
  it('a change kept out by restating the current wallet counts as cancelled', () =>
    given([...pending, cancelled(1, 'current_wallet_kept', t2)]).when(cancel(1, t2)).then([]));
  it('is too late once the change is in effect', () => given(pending).when(cancel(1, due1)).thenThrows('conflict', 'already in effect'));
  it('is too late for a change that took effect before a later one', () =>
    given([...pending, requested(2, OTHER, '2026-01-05T00:00:00.000Z', '2026-01-07T00:00:00.000Z')]).when(cancel(1, '2026-01-05T01:00:00.000Z')).thenThrows('conflict', 'in effect'));
  it('a replaced change says so and leaves the newer one alone', () =>
    given([...pending, cancelled(1, 'replaced', t2), requested(2, OTHER, t2, due2)]).when(cancel(1, t2)).thenThrows('conflict', 'replaced'));
  it('an unknown change is not found', () => given(pending).when(cancel(3, t2)).thenThrows('not_found'));
  it('only the owner cancels', () => given(pending).when(cancel(1, t2, { requestedBy: '7' })).thenThrows('forbidden'));
});

describe('effective payout settings under a clock', () => {
  const at = (iso: string) => new Date(iso);
  const fold = (events: PayoutSettingsEvent[]) => foldEvents(payoutSettingsDecider, events);

  it('return the old wallet during the hold and the new one from effectiveAt', () => {
    const state = fold([walletSet(OLD), requested(1, NEW, t1, due1)]);
    const during = effectivePayoutSettings(state, at('2026-01-03T09:59:59.999Z'));
    expect(during.wallet).toMatchObject({ address: OLD, ownerId: '42' });
    expect(during.pendingChange).toMatchObject({ changeNumber: 1, wallet: { address: NEW }, effectiveAt: due1 });
    const after = effectivePayoutSettings(state, at(due1));
    expect(after.wallet).toEqual({ ...wallet(NEW), ownerId: '42', effectiveSince: due1 });
    expect(after.pendingChange).toBeNull();
  });

  it('never return a cancelled change, not even after its effectiveAt', () => {
    const state = fold([walletSet(OLD), requested(1, NEW, t1, due1), cancelled(1, 'owner_cancelled', t2)]);
    for (const now of [t2, due1, '2027-01-01T00:00:00.000Z']) {
      expect(effectivePayoutSettings(state, at(now))).toMatchObject({ wallet: { address: OLD }, pendingChange: null });
    }
  });

  it('never return a replaced change; the replacement waits its own hold', () => {
    const state = fold([walletSet(OLD), requested(1, NEW, t1, due1), cancelled(1, 'replaced', t2), requested(2, OTHER, t2, due2)]);
    expect(effectivePayoutSettings(state, at(due1)).wallet?.address).toBe(OLD);
    expect(effectivePayoutSettings(state, at(due2)).wallet?.address).toBe(OTHER);
  });

  it('with no wallet there is nothing to pay to', () => expect(effectivePayoutSettings(fold([]), at(t0)).wallet).toBeNull());
});

describe('channel payout settings (what payouts read)', () => {
  const registered: ChannelEvent = { type: 'ChannelRegistered', data: { channelId: 'ch1', chatId: '-100123', ownerId: '42', title: 'A', registeredAt: t0 } };
  const claimedBy7: ChannelEvent = { type: 'ChannelOwnershipClaimed', data: { channelId: 'ch1', previousOwnerId: '42', ownerId: '7', claimedAt: t1 } };
  const held: ChannelEvent = { type: 'ChannelPayoutsHeld', data: { channelId: 'ch1', ownerId: '42', reason: 'owner_not_admin', ownerStatus: 'left', heldAt: t1 } };
  const view = (channelEvents: ChannelEvent[], settingsEvents: PayoutSettingsEvent[], now = t2) =>
    channelPayoutSettings('ch1', foldEvents(channelDecider, channelEvents), foldEvents(payoutSettingsDecider, settingsEvents), new Date(now));

  it('may pay the owner’s wallet in effect', () => expect(view([registered], [walletSet(OLD)])).toMatchObject({ ownerId: '42', blockedBy: null, wallet: { address: OLD } }));
  it('waits while payouts are held', () => expect(view([registered, held], [walletSet(OLD)])).toMatchObject({ blockedBy: 'payouts_held', payoutsHeld: { reason: 'owner_not_admin' } }));
  it('waits for a wallet', () => expect(view([registered], []).blockedBy).toBe('no_wallet'));
  it('never pays a previous owner’s wallet after a claim, until the new owner’s is in effect', () => {
    const events = [walletSet(OLD), requested(1, NEW, t2, due2, '7')];
    expect(view([registered, claimedBy7], events, t2)).toMatchObject({ blockedBy: 'wallet_of_previous_owner', pendingChange: { ownerId: '7' } });
    expect(view([registered, claimedBy7], events, due2)).toMatchObject({ blockedBy: null, wallet: { address: NEW, ownerId: '7' } });
  });
  it('a channel that is not registered is not paid', () => expect(view([], []).blockedBy).toBe('channel_not_registered'));
});
