import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayoutSettingsCommands, type PayoutSettingsCommands } from '@paygate/commands';
import { payoutSettingsStreamId } from '@paygate/domain';
import { startLifecycleHarness, typesOf, type LifecycleHarness } from './test-support/lifecycle-harness.ts';

// Wallet changes over a real PostgreSQL event store under a test clock: the settings payouts
// read (payoutSettingsFor) keep the old wallet through the hold, never a cancelled one.

let h: LifecycleHarness;
let commands: PayoutSettingsCommands;
const CHANNEL = 'ch_hold';
const OWNER = '501';
const HOUR = 3_600_000;
const OLD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const NEW = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
const OTHER = '0x52908400098527886E0F7030069857D2E4169EE7';
const set = (address: string) => commands.setPayoutWallet({ channelId: CHANNEL, requestedBy: OWNER, address, network: 'polygon', currency: 'USDTMATIC' });
const effectiveAddress = async () => (await commands.payoutSettingsFor(CHANNEL)).wallet?.address;

beforeAll(async () => {
  h = await startLifecycleHarness('paygate_wallet_hold');
  commands = createPayoutSettingsCommands({ eventStore: h.eventStore, clock: h.clock, walletHoldSeconds: 48 * 3600 });
  await h.channels.registerChannel({ channelId: CHANNEL, chatId: '-1009876543210', ownerId: OWNER, title: 'Hold' });
});
afterAll(async () => {
  await h?.close();
});

describe('payout wallet hold', () => {
  it('the first wallet is in effect at once; a change only after the hold', async () => {
    h.clock.set('2026-02-01T00:00:00.000Z');
    expect((await set(OLD)).events.map((event) => event.type)).toEqual(['PayoutWalletSet']);
    expect(await effectiveAddress()).toBe(OLD);

    h.clock.advance(HOUR);
    const [requested] = (await set(NEW)).events;
    expect(requested).toMatchObject({ type: 'PayoutWalletChangeRequested', data: { changeNumber: 1, address: NEW, effectiveAt: '2026-02-03T01:00:00.000Z' } });
    const during = await commands.payoutSettingsFor(CHANNEL);
    expect(during).toMatchObject({ wallet: { address: OLD }, pendingChange: { changeNumber: 1, wallet: { address: NEW } }, blockedBy: null });

    h.clock.set('2026-02-03T00:59:59.999Z');
    expect(await effectiveAddress()).toBe(OLD);
    h.clock.set('2026-02-03T01:00:00.000Z');
    expect(await effectiveAddress()).toBe(NEW);
    expect((await commands.payoutSettingsFor(CHANNEL)).pendingChange).toBeNull();
    await expect(commands.cancelPayoutWalletChange({ channelId: CHANNEL, requestedBy: OWNER, changeNumber: 1 })).rejects.toMatchObject({
      kind: 'conflict',
      details: { reason: 'in_effect' },
    });
  });

  it('a cancelled change never takes effect, not even after its effectiveAt; a replaced one neither', async () => {
    h.clock.set('2026-03-01T00:00:00.000Z');
    await set(OTHER); // change 2, from NEW
    h.clock.advance(HOUR);
    expect((await commands.cancelPayoutWalletChange({ channelId: CHANNEL, requestedBy: OWNER, changeNumber: 2 })).events).toHaveLength(1);
    expect((await commands.cancelPayoutWalletChange({ channelId: CHANNEL, requestedBy: OWNER, changeNumber: 2 })).events).toEqual([]);
    h.clock.advance(100 * HOUR);
    expect(await commands.payoutSettingsFor(CHANNEL)).toMatchObject({ wallet: { address: NEW }, pendingChange: null });

    await set(OLD); // change 3
    h.clock.advance(HOUR);
    await set(OTHER); // replaces 3 with 4, the hold starts again
    await expect(commands.cancelPayoutWalletChange({ channelId: CHANNEL, requestedBy: OWNER, changeNumber: 3 })).rejects.toMatchObject({
      details: { reason: 'replaced' },
    });
    h.clock.advance(47.5 * HOUR); // past change 3's effectiveAt, not 4's
    expect(await effectiveAddress()).toBe(NEW);
    h.clock.advance(HOUR);
    expect(await effectiveAddress()).toBe(OTHER);
    await expect(commands.cancelPayoutWalletChange({ channelId: CHANNEL, requestedBy: '999', changeNumber: 4 })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(typesOf(await h.stream(payoutSettingsStreamId(CHANNEL)))).toEqual([
      'PayoutWalletSet',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeCancelled',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeCancelled',
      'PayoutWalletChangeRequested',
    ]);
  });
});
