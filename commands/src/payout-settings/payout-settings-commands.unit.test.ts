import { describe, expect, it } from 'vitest';
import { money, type EventStore } from '@paygate/domain';
import { commandSpec, testClock, type TestClock } from '@paygate/testkit';
import { channelEvents, OWNER, T0 } from '@paygate/testkit/fixtures';
import { createPayoutSettingsCommands } from './payout-settings-commands.ts';

// Wallet changes wait out a hold (default 48 h) under a test clock: payouts read the old wallet
// until the change's effectiveAt, and the owner can cancel it until then.

const HOUR = 3_600_000;
const STREAM = 'payout-settings-ch1';
const OLD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const NEW = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
const wallet = (address: string) => ({ channelId: 'ch1', requestedBy: OWNER, address, network: 'ethereum', currency: 'usdterc20' });
const channel = { 'channel-ch1': channelEvents({ channelId: 'ch1' }) };
const walletSet = { type: 'PayoutWalletSet', data: { channelId: 'ch1', ownerId: OWNER, address: OLD, network: 'ethereum', currency: 'USDTERC20', setAt: T0 } };
const withWallet = { ...channel, [STREAM]: [walletSet] };

const setup = (clock: TestClock, eventStore: EventStore, walletHoldSeconds?: number) =>
  createPayoutSettingsCommands({ eventStore, clock, ...(walletHoldSeconds === undefined ? {} : { walletHoldSeconds }) });

describe('payout settings commands', () => {
  it("the channel's first wallet is in effect at once", async () => {
    const clock = testClock(T0);
    const { eventStore } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => setup(clock, eventStore).setPayoutWallet(wallet(OLD)))
      .thenAppends({ [STREAM]: [walletSet] });
    expect(await setup(clock, eventStore).payoutSettingsFor('ch1')).toMatchObject({ wallet: { address: OLD }, pendingChange: null, ownerId: OWNER, blockedBy: null });
  });

  it('a change waits out the 48 h hold: the old wallet is paid until effectiveAt, the new one from then', async () => {
    const clock = testClock('2026-01-02T00:00:00.000Z');
    const { eventStore } = await commandSpec()
      .given(withWallet)
      .when(({ eventStore }) => setup(clock, eventStore).setPayoutWallet(wallet(NEW)))
      .thenAppends({
        [STREAM]: [
          {
            type: 'PayoutWalletChangeRequested',
            data: { channelId: 'ch1', ownerId: OWNER, changeNumber: 1, address: NEW, network: 'ethereum', currency: 'USDTERC20', requestedAt: '2026-01-02T00:00:00.000Z', effectiveAt: '2026-01-04T00:00:00.000Z' },
          },
        ],
      });
    const settings = setup(clock, eventStore);
    clock.advance(48 * HOUR - 1);
    expect(await settings.payoutSettingsFor('ch1')).toMatchObject({ wallet: { address: OLD }, pendingChange: { changeNumber: 1 } });
    clock.advance(1);
    expect(await settings.payoutSettingsFor('ch1')).toMatchObject({ wallet: { address: NEW }, pendingChange: null, blockedBy: null });
    // The events did not change: only the clock did.
    expect((await settings.loadPayoutSettings('ch1')).pendingChange).toMatchObject({ changeNumber: 1 });
  });

  it('the hold is configurable (PAYOUT_WALLET_HOLD_HOURS)', async () => {
    const clock = testClock('2026-01-02T00:00:00.000Z');
    const { appended } = await commandSpec()
      .given(withWallet)
      .when(({ eventStore }) => setup(clock, eventStore, 3_600).setPayoutWallet(wallet(NEW)))
      .thenAppends({ [STREAM]: [{ type: 'PayoutWalletChangeRequested' }] });
    expect(appended[STREAM]![0]!.data).toMatchObject({ effectiveAt: '2026-01-02T01:00:00.000Z' });
  });

  it('the owner cancels a pending change before it takes effect, not after', async () => {
    const clock = testClock('2026-01-02T00:00:00.000Z');
    await commandSpec()
      .given({ ...withWallet })
      .when(async ({ eventStore: store }) => {
        const commands = setup(clock, store);
        await commands.setPayoutWallet(wallet(NEW));
        clock.advance(47 * HOUR);
        return commands.cancelPayoutWalletChange({ channelId: 'ch1', requestedBy: OWNER, changeNumber: 1 });
      })
      .thenAppends({
        [STREAM]: [
          { type: 'PayoutWalletChangeRequested' },
          { type: 'PayoutWalletChangeCancelled', data: { channelId: 'ch1', ownerId: OWNER, changeNumber: 1, reason: 'owner_cancelled', cancelledAt: '2026-01-03T23:00:00.000Z' } },
        ],
      });

    clock.set('2026-01-02T00:00:00.000Z');
    await commandSpec()
      .given({ ...withWallet })
      .when(async ({ eventStore: store }) => {
        const commands = setup(clock, store);
        await commands.setPayoutWallet(wallet(NEW));
        clock.advance(48 * HOUR);
        return commands.cancelPayoutWalletChange({ channelId: 'ch1', requestedBy: OWNER, changeNumber: 1 });
      })
      .thenThrows('conflict', { message: 'already in effect', appends: { [STREAM]: [{ type: 'PayoutWalletChangeRequested' }] } });
  });

  it('only the owner of a registered channel may change the wallet or the strategy', async () => {
    const clock = testClock(T0);
    await commandSpec().given({}).when(({ eventStore }) => setup(clock, eventStore).setPayoutWallet(wallet(OLD))).thenThrows('not_found');
    await commandSpec().given(withWallet).when(({ eventStore }) => setup(clock, eventStore).setPayoutWallet({ ...wallet(NEW), requestedBy: '2002' })).thenThrows('forbidden');
    await commandSpec()
      .given(withWallet)
      .when(({ eventStore }) => setup(clock, eventStore).choosePayoutStrategy({ channelId: 'ch1', requestedBy: '2002', strategy: 'instant' }))
      .thenThrows('forbidden');
  });

  it('a strategy needs a wallet first; then instant or a threshold in USD', async () => {
    const clock = testClock(T0);
    const choose = { channelId: 'ch1', requestedBy: OWNER };
    await commandSpec().given(channel).when(({ eventStore }) => setup(clock, eventStore).choosePayoutStrategy({ ...choose, strategy: 'instant' })).thenThrows('conflict');
    await commandSpec()
      .given(withWallet)
      .when(({ eventStore }) => setup(clock, eventStore).choosePayoutStrategy({ ...choose, strategy: 'threshold', threshold: money(5_000n, 'USD') }))
      .thenAppends({
        [STREAM]: [{ type: 'PayoutStrategyChosen', data: { strategy: 'threshold', channelId: 'ch1', ownerId: OWNER, threshold: { amount: '5000', currency: 'USD', decimals: 2 }, chosenAt: T0 } }],
      });
  });

  it('payouts are blocked while the owner of record is not an admin, or the wallet is a previous owner’s', async () => {
    const clock = testClock(T0);
    const held = { type: 'ChannelPayoutsHeld', data: { channelId: 'ch1', ownerId: OWNER, reason: 'owner_not_admin', ownerStatus: 'left', heldAt: T0 } };
    const claimed = { type: 'ChannelOwnershipClaimed', data: { channelId: 'ch1', previousOwnerId: OWNER, ownerId: '2002', claimedAt: T0 } };
    const read = (extra: object) =>
      commandSpec()
        .given({ 'channel-ch1': [...channel['channel-ch1'], extra as { type: string; data: unknown }], [STREAM]: [walletSet] })
        .when(({ eventStore }) => setup(clock, eventStore).payoutSettingsFor('ch1'))
        .thenAppendsNothing();
    expect((await read(held)).result).toMatchObject({ blockedBy: 'payouts_held', payoutsHeld: { reason: 'owner_not_admin' } });
    expect((await read(claimed)).result).toMatchObject({ blockedBy: 'wallet_of_previous_owner', ownerId: '2002' });
    const none = await commandSpec().given({}).when(({ eventStore }) => setup(clock, eventStore).payoutSettingsFor('ch1')).thenAppendsNothing();
    expect(none.result).toMatchObject({ blockedBy: 'channel_not_registered', wallet: null });
  });
});
