import { describe, expect, it } from 'vitest';
import { IPN_SIGNATURE_HEADER, signIpnPayload, verifyIpnSignature } from '@paygate/gateways';
import { createMemoryLogger } from '@paygate/testkit';
import { IPN_CALLBACK_PATH } from '../invoice/index.ts';
import { createNowPaymentsWebhook } from './nowpayments-webhook.ts';

// Rotating NOWPAYMENTS_IPN_SECRET: during the overlap the previous secret is accepted too.
const NEW = 'new_ipn_secret_2';
const OLD = 'old_ipn_secret_1';
const ipn = {
  payment_id: 5077125051,
  payment_status: 'finished',
  pay_address: 'T123',
  price_amount: 12.5,
  price_currency: 'usd',
  pay_amount: 12.51,
  actually_paid: 12.51,
  pay_currency: 'usdttrc20',
  order_id: 'inv_1',
  outcome_amount: 12.4,
  outcome_currency: 'usdttrc20',
};
const body = JSON.stringify(ipn);

const webhook = (previousIpnSecret: string | undefined) => {
  const logger = createMemoryLogger();
  const recorded: number[] = [];
  const app = createNowPaymentsWebhook({
    ipnSecret: NEW,
    previousIpnSecret,
    logger,
    recordIpn: async (notice) => {
      recorded.push(Number(notice.paymentId));
      return { outcome: 'recorded', paymentId: notice.paymentId, status: notice.status, streamId: 'payment-x', eventTypes: [] };
    },
  });
  const post = (secret: string) =>
    app.request(IPN_CALLBACK_PATH, { method: 'POST', body, headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, secret) } });
  return { post, logger, recorded };
};

describe('IPN secret rotation (NOWPAYMENTS_IPN_SECRET_PREVIOUS)', () => {
  it('the verifier says which secret matched, and ignores an empty previous secret', () => {
    const signature = signIpnPayload(ipn, OLD);
    expect(verifyIpnSignature({ rawBody: body, signature: signIpnPayload(ipn, NEW), secret: NEW, previousSecret: OLD })).toEqual({ ok: true, payload: ipn });
    expect(verifyIpnSignature({ rawBody: body, signature, secret: NEW, previousSecret: OLD })).toEqual({ ok: true, payload: ipn, previous: true });
    expect(verifyIpnSignature({ rawBody: body, signature, secret: NEW, previousSecret: '  ' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyIpnSignature({ rawBody: body, signature, secret: NEW })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('during the overlap both secrets are accepted; the old one is logged so the operator knows when to drop it', async () => {
    const { post, logger, recorded } = webhook(OLD);
    expect((await post(NEW)).status).toBe(200);
    expect(logger.entries.filter((entry) => entry.message.includes('PREVIOUS'))).toEqual([]);
    expect((await post(OLD)).status).toBe(200);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'info', message: 'NOWPayments IPN signed with NOWPAYMENTS_IPN_SECRET_PREVIOUS' }));
    expect((await post('some_other_secret')).status).toBe(401);
    expect(recorded).toEqual([5077125051, 5077125051]);
  });

  it('once the previous secret is removed, an IPN signed with it is refused (401) and records nothing', async () => {
    const { post, recorded } = webhook(undefined);
    expect((await post(OLD)).status).toBe(401);
    expect(recorded).toEqual([]);
  });
});
