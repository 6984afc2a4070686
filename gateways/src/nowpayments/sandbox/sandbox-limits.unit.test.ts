import { describe, expect, it } from 'vitest';
import { createNowPaymentsSandbox } from './sandbox.ts';

const API_KEY = 'SANDBOX-KEY-LIMITS';

/** A sandbox with small caps whose IPNs go to a stub that always answers 200. */
const sandboxWith = (limits: { invoices?: number; payments?: number; sentIpns?: number }) => {
  const sandbox = createNowPaymentsSandbox({
    apiKey: API_KEY,
    ipnSecret: 'ipn',
    limits,
    fetch: async () => new Response('ok'),
  });
  const createInvoice = async (orderId: string) => {
    const response = await sandbox.app.request('/v1/invoice', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ price_amount: 5, price_currency: 'usd', order_id: orderId, ipn_callback_url: 'http://127.0.0.1:1/webhooks/nowpayments' }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: string }).id;
  };
  const paymentStatus = (paymentId: number) => sandbox.app.request(`/v1/payment/${paymentId}`, { headers: { 'x-api-key': API_KEY } });
  return { sandbox, createInvoice, paymentStatus };
};

describe('NOWPayments sandbox: memory caps', () => {
  it('keeps at most `invoices` invoices, forgetting the oldest (its page then answers 404)', async () => {
    const { sandbox, createInvoice } = sandboxWith({ invoices: 3 });
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) ids.push(await createInvoice(`inv_${i}`));
    expect([...sandbox.invoices.keys()]).toEqual(ids.slice(2));
    expect((await sandbox.app.request(`/payment/?iid=${ids[0]}`)).status).toBe(404);
    expect((await sandbox.app.request(`/payment/?iid=${ids[4]}`)).status).toBe(200);
    await expect(sandbox.pay('inv_1')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('keeps at most `payments` payments, also per invoice, forgetting the oldest', async () => {
    const { sandbox, createInvoice, paymentStatus } = sandboxWith({ payments: 2 });
    await createInvoice('inv_pay');
    const paid = [];
    for (let i = 0; i < 4; i += 1) paid.push(await sandbox.pay('inv_pay', { outcome: 'expired' }));
    expect((await paymentStatus(paid[0]!.paymentId)).status).toBe(404);
    expect((await paymentStatus(paid[1]!.paymentId)).status).toBe(404);
    expect((await paymentStatus(paid[3]!.paymentId)).status).toBe(200);
    expect([...sandbox.invoices.values()][0]!.paymentIds).toEqual([paid[2]!.paymentId, paid[3]!.paymentId]);
  });

  it('keeps the last `sentIpns` IPN deliveries', async () => {
    const { sandbox, createInvoice } = sandboxWith({ sentIpns: 4 });
    await createInvoice('inv_ipns');
    const first = await sandbox.pay('inv_ipns'); // 5 statuses → 5 IPNs
    expect(first.deliveries).toHaveLength(5); // what one call reports is complete
    expect(sandbox.sentIpns.map((ipn) => ipn.status)).toEqual(['confirming', 'confirmed', 'sending', 'finished']);
    await sandbox.pay('inv_ipns', { outcome: 'expired', again: true });
    expect(sandbox.sentIpns).toHaveLength(4);
    expect(sandbox.sentIpns.slice(-2).map((ipn) => ipn.status)).toEqual(['waiting', 'expired']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: 'ipn', limits: { invoices: 0 } })).toThrow(/invoices/);
  });
});
