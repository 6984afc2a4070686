import type { ScenarioCommands } from './read-side-harness.ts';

export const BULK_PAYMENTS = 23;

/**
 * One of everything the first money flow can record: channels with re-priced and retired tiers,
 * a paid invoice with a split, its payout and a later re-deposit, an expired payment that then reported
 * finished (a conflict), an underpaid and a mismatched one, unmatched IPNs, and a bulk of
 * waiting/confirming payments in channel ch-2 for paging.
 */
export const seedScenario = async (commands: ScenarioCommands): Promise<void> => {
  await commands.registerChannel('ch-1', 'Alpha signals');
  await commands.priceTier('ch-1', 'basic', 'Basic', 1250n, 30);
  await commands.priceTier('ch-1', 'pro', 'Pro', 9900n, 365);
  await commands.priceTier('ch-1', 'pro', 'Pro', 12000n, 365);
  await commands.priceTier('ch-1', 'old', 'Old', 500n, 7);
  await commands.retireTier('ch-1', 'old');
  await commands.registerChannel('ch-2', 'Beta club', '1002');
  await commands.priceTier('ch-2', 'monthly', 'Monthly', 300n, 30);

  await commands.createInvoice('inv-1', 'ch-1', 'basic');
  await commands.linkInvoice('inv-1');
  await commands.ipn('pay-1', 'inv-1', 'waiting');
  await commands.ipn('pay-1', 'inv-1', 'confirming');
  await commands.ipn('pay-1', 'inv-1', 'finished');
  await commands.ipn('pay-1', 'inv-1', 'finished'); // a retried IPN: the decider records nothing
  await commands.split('pay-1', 250);
  await commands.payOut('pay-1');
  await commands.grantAccess('ch-1', '2002', 'inv-1', 'pay-1');
  await commands.grantAccess('ch-1', '2002', 'inv-1', 'pay-1'); // a redelivered grant changes nothing
  await commands.ipn('pay-2', 'inv-1', 'waiting', { parentPaymentId: 'pay-1', actuallyPaid: 0 });
  await commands.ipn('pay-2', 'inv-1', 'partially_paid', { parentPaymentId: 'pay-1', actuallyPaid: 1.5 });

  await commands.createInvoice('inv-2', 'ch-1', 'pro');
  await commands.ipn('pay-3', 'inv-2', 'waiting', { priceAmount: 120 });
  await commands.ipn('pay-3', 'inv-2', 'expired', { priceAmount: 120 });
  await commands.ipn('pay-3', 'inv-2', 'finished', { priceAmount: 120 });

  await commands.createInvoice('inv-3', 'ch-2', 'monthly');
  await commands.ipn('pay-4', 'inv-3', 'partially_paid', { priceAmount: 3, actuallyPaid: 1, payAmount: 3.02 });
  await commands.createInvoice('inv-4', 'ch-2', 'monthly');
  await commands.ipn('pay-5', 'inv-4', 'finished', { priceAmount: 3.5 });

  await commands.ipn('pay-6', null, 'waiting');
  await commands.ipn('pay-6', null, 'finished');
  await commands.ipn('pay-7', 'inv-unknown', 'waiting');

  for (let i = 1; i <= BULK_PAYMENTS; i++) {
    await commands.createInvoice(`bulk-${i}`, 'ch-2', 'monthly', String(3000 + i));
    await commands.ipn(`bulk-pay-${i}`, `bulk-${i}`, 'waiting', { priceAmount: 3 });
  }
  // Later changes move these payments ahead of the others in the newest-first order.
  for (let i = 3; i <= BULK_PAYMENTS; i += 3) await commands.ipn(`bulk-pay-${i}`, `bulk-${i}`, 'confirming', { priceAmount: 3 });

  // Broadcasts: a linked public channel, a daily one and a cancelled one-off, and an opt-out.
  const owner = { channelId: 'ch-1', requestedBy: '1001' };
  await commands.broadcasts.linkPublicChannel({ ...owner, publicChatId: '-1009876543210', title: 'Alpha news', username: 'alpha_news' });
  await commands.broadcasts.draftBroadcast({ ...owner, broadcastId: 'bc-1', audience: 'public_channel', html: '<b>New season</b> starts Monday', tierButtons: true });
  await commands.broadcasts.scheduleBroadcast({ ...owner, broadcastId: 'bc-1', schedule: { kind: 'daily', time: '09:00', timeZone: 'Europe/Berlin' } });
  await commands.broadcasts.draftBroadcast({ ...owner, broadcastId: 'bc-2', audience: 'subscribers', html: 'Thanks for being here', tierButtons: false });
  await commands.broadcasts.scheduleBroadcast({ ...owner, broadcastId: 'bc-2', schedule: { kind: 'once', at: '2026-02-01T10:00:00.000Z' } });
  await commands.broadcasts.cancelBroadcast({ ...owner, broadcastId: 'bc-2' });
  await commands.broadcasts.setBroadcastOptOut({ channelId: 'ch-1', subscriberId: '2002', optedOut: true });

  // Dashboard logins: one refreshed and then replayed (revoked for reuse), one logged out, one live.
  const replayed = await commands.sessions.startSession({ ownerId: '1001', role: 'owner', method: 'telegram_widget' });
  await commands.sessions.refresh(replayed.refreshToken);
  await commands.sessions.refresh(replayed.refreshToken).catch(() => undefined);
  const loggedOut = await commands.sessions.startSession({ ownerId: '1002', role: 'owner', method: 'bot_link' });
  await commands.sessions.logout(loggedOut.refreshToken);
  await commands.sessions.startSession({ ownerId: '1001', role: 'auditor', method: 'bot_link' });
};
