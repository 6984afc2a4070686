import { describe, expect, it } from 'vitest';
import { foldRows } from '../rows/index.ts';
import { createPayoutLog, HOST_WALLET, txHash, WALLET } from '../test-support/payout-log.ts';
import { payoutsProjection } from './payouts-projection.ts';

const rowsOf = (log: ReturnType<typeof createPayoutLog>) => foldRows(payoutsProjection.rows, log.events).payouts!;

describe('payouts projection (fold over rows)', () => {
  it('a batch becomes a running payout; the payout stream fills in owner, wallet, route, quote, swap, transfers and what was sent', () => {
    const log = createPayoutLog();
    log.batch('ch1', 'ch1-usdttrc20-1', ['p1', 'p2'], 9_007_199_254_740_993n);
    expect(rowsOf(log)[0]).toMatchObject({ payout_id: 'ch1-usdttrc20-1', channel_id: 'ch1', owner_id: null, purpose: null, status: 'running', amount: '9007199254740993', payment_ids: ['p1', 'p2'], wallet_address: null });
    log.start('ch1-usdttrc20-1', 'ch1', '1001', ['p1', 'p2'], 9_007_199_254_740_993n);
    log.estimated('ch1-usdttrc20-1', 'rate-1', 9_007_199_254_740_993n, 9_000_000_000_000_000n);
    log.swapCreated('ch1-usdttrc20-1', 'ex-1', 9_007_199_254_740_993n, 9_000_000_000_000_000n);
    log.signed('ch1-usdttrc20-1', txHash(1), 7);
    log.signed('ch1-usdttrc20-1', txHash(2), 7, txHash(1));
    log.signed('ch1-usdttrc20-1', txHash(2), 7, txHash(1));
    log.executed('ch1-usdttrc20-1', txHash(2), 123_456);
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', 9_007_199_254_740_993n, 'USDTTRC20', { amount: '8999999123456', currency: 'USDTMATIC', decimals: 6 });
    const [row] = rowsOf(log);
    expect(row).toMatchObject({
      owner_id: '1001',
      purpose: null,
      wallet_address: WALLET.address,
      wallet_network: 'polygon',
      wallet_currency: 'USDTMATIC',
      route: 'swap',
      status: 'sent',
      status_reason: null,
      rate_id: 'rate-1',
      exchange_id: 'ex-1',
      payin_address: WALLET.address,
      executed_tx_hash: txHash(2),
      executed_block: '123456',
      payout_hash: txHash(9999),
      received_amount: '8999999123456',
      received_currency: 'USDTMATIC',
      received_decimals: 6,
      sent_at: (log.events.at(-1)!.data as { sentAt: string }).sentAt,
    });
    // Every candidate once (a signature recorded twice is one), nonces as text.
    expect(row!.transfers).toEqual([
      { hash: txHash(1), nonce: '7', to: WALLET.address, replaces: null, signedAt: expect.any(String) },
      { hash: txHash(2), nonce: '7', to: WALLET.address, replaces: txHash(1), signedAt: expect.any(String) },
    ]);
  });

  it('held and failed carry their reason; resumed runs again; sent is final', () => {
    const log = createPayoutLog();
    log.start('po-1', 'ch1', '1001', ['p1'], 100n);
    log.held('po-1');
    expect(rowsOf(log)[0]).toMatchObject({ status: 'held', status_reason: 'slippage: quote 3% below the market' });
    log.resumed('po-1');
    expect(rowsOf(log)[0]).toMatchObject({ status: 'running', status_reason: null });
    log.failed('po-1', 'exchange gave up', 'refunded');
    expect(rowsOf(log)[0]).toMatchObject({ status: 'failed', status_reason: 'exchange gave up (refunded)' });
    log.sent('po-1', 'ch1', '1001', 100n);
    log.failed('po-1', 'late report');
    expect(rowsOf(log)[0]).toMatchObject({ status: 'sent', status_reason: null });
  });

  it('a payout event with no start shows nothing; an event seen twice changes nothing', () => {
    const log = createPayoutLog();
    log.held('po-x');
    expect(rowsOf(log)).toEqual([]);
    log.start('po-1', 'ch1', '1001', ['p1'], 100n);
    const started = log.events.at(-1)!;
    log.sent('po-1', 'ch1', '1001', 100n);
    expect(foldRows(payoutsProjection.rows, [...log.events, started]).payouts![0]).toMatchObject({ status: 'sent' });
  });

  it('a conversion is a payout with purpose conversion and no owner, from the pool’s ETH to the host wallet’s stable coin', () => {
    const log = createPayoutLog();
    // (ConversionStarted, on the pool's stream, is not the payouts read model's: the conversion's row starts with its PayoutStarted.)
    log.startConversion('conversion-eth-1', ['p1', 'p2', 'p3'], 3_000n);
    expect(rowsOf(log)).toEqual([
      expect.objectContaining({ payout_id: 'conversion-eth-1', channel_id: 'platform', owner_id: null, purpose: 'conversion', amount: '3000', currency: 'ETH', decimals: 18, wallet_currency: 'USDTERC20', payment_ids: ['p1', 'p2', 'p3'], status: 'running' }),
    ]);
    log.sentConversion('conversion-eth-1', 3_000n, 10n);
    expect(rowsOf(log)[0]).toMatchObject({
      owner_id: null,
      purpose: 'conversion',
      status: 'sent',
      wallet_address: HOST_WALLET.address,
      amount: '3000',
      received_amount: '10',
      received_currency: 'USDTERC20',
      received_decimals: 6,
    });
  });
});
