// Test helper (not product code): IPN bodies as NOWPayments sends them.

/** A finished IPN paying the harness tier's 12.50 USD in full; `overrides` changes any field. */
export const finishedIpn = (orderId: string, paymentId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  payment_id: paymentId,
  parent_payment_id: null,
  invoice_id: 4_000_000_001,
  payment_status: 'finished',
  pay_address: 'TXYZ',
  price_amount: 12.5,
  price_currency: 'usd',
  pay_amount: 12.502501,
  actually_paid: 12.502501,
  pay_currency: 'usdttrc20',
  order_id: orderId,
  order_description: 'Alpha signals: Monthly (30 days)',
  purchase_id: '6000000001',
  outcome_amount: 12.43999,
  outcome_currency: 'usdttrc20',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:05:00.000Z',
  ...overrides,
});
