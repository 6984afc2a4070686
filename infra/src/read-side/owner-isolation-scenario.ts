import type { ScenarioCommands } from './read-side-harness.ts';

// Two owners with one of everything each: channel, tiers, invoices, a paid payment with its split
// and payout, a subscriber. B's ids, amounts and names are all distinct from A's, so any of them
// in an answer to A is a leak.

export const OWNER_A = '5000000101';
export const OWNER_B = '5000000102';
export const AUDITOR = '5000000199';

export const A = {
  owner: OWNER_A,
  channel: 'alpha-ch',
  title: 'Alpha Signals',
  invoice: 'alpha-inv',
  payment: 'alpha-pay',
  /** A second, waiting payment on a tier whose id a spreadsheet would read as a formula. */
  formulaInvoice: 'alpha-inv-2',
  formulaPayment: 'alpha-pay-2',
  formulaTier: '=1+2',
  payout: 'alpha-ch-usdttrc20-1',
  subscriber: '7000000001',
  /** The IPN amounts: outcome 49.2129 USDTTRC20 split at 250 bps → fee 1.230322, owner 47.982578. */
  outcome: '49.212900',
  fee: '1.230322',
  ownerShare: '47.982578',
} as const;

export const B = {
  owner: OWNER_B,
  channel: 'bravo-ch',
  title: 'Bravo Club',
  invoice: 'bravo-inv',
  payment: 'bravo-pay',
  payout: 'bravo-ch-usdttrc20-1',
  subscriber: '7000000002',
} as const;

/** Text that only B's data contains: none of it may appear in anything answered to A. */
export const B_MARKERS = ['bravo', 'Bravo', OWNER_B, B.subscriber, '77.7777', '77777700', '78.1234', '75.83', '43.21', '4321'] as const;

/**
 * B's markers in an answer to `path`, once the B ids the request itself named are taken out: a
 * 404 or a kept filter may repeat what was asked, never anything more of B's.
 */
export const leaksOfB = (text: string, path: string): string[] => {
  const url = new URL(path, 'http://api');
  const asked = [...url.searchParams.values(), ...Object.values(B).filter((id) => url.pathname.split('/').includes(id))];
  const shown = asked.reduce((rest, id) => rest.replaceAll(id, '<asked>'), text);
  return B_MARKERS.filter((marker) => shown.includes(marker));
};

export const seedTwoOwners = async (commands: ScenarioCommands): Promise<void> => {
  await commands.registerChannel(A.channel, A.title, A.owner);
  await commands.priceTier(A.channel, 'basic', 'Basic', 1250n, 30);
  await commands.priceTier(A.channel, A.formulaTier, 'Formula', 500n, 7);
  await commands.registerChannel(B.channel, B.title, B.owner);
  await commands.priceTier(B.channel, 'basic', 'Bravo Basic', 4321n, 30);

  await commands.createInvoice(A.invoice, A.channel, 'basic', A.subscriber);
  await commands.linkInvoice(A.invoice);
  await commands.ipn(A.payment, A.invoice, 'waiting');
  await commands.ipn(A.payment, A.invoice, 'finished');
  await commands.split(A.payment, 250, A.owner);
  await commands.payOut(A.payment);
  await commands.grantAccess(A.channel, A.subscriber, A.invoice, A.payment);
  await commands.createInvoice(A.formulaInvoice, A.channel, A.formulaTier, A.subscriber);
  await commands.ipn(A.formulaPayment, A.formulaInvoice, 'waiting', { priceAmount: 5 });

  await commands.createInvoice(B.invoice, B.channel, 'basic', B.subscriber);
  await commands.linkInvoice(B.invoice);
  const bAmounts = { priceAmount: 43.21, actuallyPaid: 78.1234, outcomeAmount: 77.7777 };
  await commands.ipn(B.payment, B.invoice, 'waiting', bAmounts);
  await commands.ipn(B.payment, B.invoice, 'finished', bAmounts);
  await commands.split(B.payment, 250, B.owner);
  await commands.payOut(B.payment);
  await commands.grantAccess(B.channel, B.subscriber, B.invoice, B.payment);
};
