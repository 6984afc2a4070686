import { describe, expect, it } from 'vitest';
import { foldRows } from '../rows/index.ts';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { balancesProjection } from './balances-projection.ts';

const rowsOf = (log: ReturnType<typeof createPayoutLog>) =>
  foldRows(balancesProjection.rows, log.events).owner_balances!.map(({ updated_commit: _c, updated_prepare: _p, ...row }) => row);

describe('owner balances projection (fold over rows)', () => {
  it('splits add gross, fee and owner share; a batch moves into in_payout; PayoutSent into paid_out', () => {
    const log = createPayoutLog();
    const a = log.split('p1', 'ch1', 12_439_990n, 500, '1001'); // fee 621_999
    const b = log.split('p2', 'ch1', 1_000_000n, 250, '1001'); // fee 25_000
    log.split('p3', 'ch2', 5_000_000n, 0);
    log.split('p4', 'ch1', 7n, 0, '1001', 'USDTMATIC');
    expect(rowsOf(log)).toEqual([
      { channel_id: 'ch1', currency: 'USDTTRC20', owner_id: '1001', decimals: 6, received: '13439990', fees: '646999', pending: '12792991', in_payout: '0', paid_out: '0', converted_in: '0', converted_out: '0' },
      { channel_id: 'ch2', currency: 'USDTTRC20', owner_id: null, decimals: 6, received: '5000000', fees: '0', pending: '5000000', in_payout: '0', paid_out: '0', converted_in: '0', converted_out: '0' },
      { channel_id: 'ch1', currency: 'USDTMATIC', owner_id: '1001', decimals: 6, received: '7', fees: '0', pending: '7', in_payout: '0', paid_out: '0', converted_in: '0', converted_out: '0' },
    ]);
    log.batch('ch1', 'ch1-usdttrc20-1', ['p1', 'p2'], a + b);
    expect(rowsOf(log)[0]).toMatchObject({ pending: '12792991', in_payout: '12792991', paid_out: '0' });
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', a + b);
    expect(rowsOf(log)[0]).toMatchObject({ received: '13439990', fees: '646999', pending: '0', in_payout: '0', paid_out: '12792991' });
  });

  it('an event delivered again is not counted twice', () => {
    const log = createPayoutLog();
    log.split('p1', 'ch1', 100n, 0, '1001');
    expect(foldRows(balancesProjection.rows, [...log.events, log.events[0]!]).owner_balances![0]).toMatchObject({ received: '100', pending: '100' });
  });

  describe('a conversion shared by two channels, allocated unevenly', () => {
    it('given pooled ETH shares, when the pool converts, is sent and allocated (7 and 3 of 10), then ETH moves to converted_out and USDT comes in as converted_in, pending', () => {
      const log = createPayoutLog();
      const a = log.split('p1', 'ch1', 2_000n, 0, '1001', 'ETH');
      const b = log.split('p2', 'ch2', 1_000n, 0, '1002', 'ETH');
      log.pool('ch1', 'p1', a);
      log.pool('ch2', 'p2', b);
      // Pooling changes no balance: the share is still pending, in ETH.
      expect(rowsOf(log).map((row) => [row.channel_id, row.pending, row.converted_out])).toEqual([
        ['ch1', '2000', '0'],
        ['ch2', '1000', '0'],
      ]);
      log.conversionStarted('conversion-eth-1', [
        { channelId: 'ch1', paymentIds: ['p1'], amount: a },
        { channelId: 'ch2', paymentIds: ['p2'], amount: b },
      ]);
      log.startConversion('conversion-eth-1', ['p1', 'p2'], a + b);
      log.sentConversion('conversion-eth-1', a + b, 10n);
      // The conversion's own PayoutSent pays no owner: nothing paid out, in ETH or USDT.
      expect(rowsOf(log).map((row) => [row.channel_id, row.currency, row.pending, row.converted_out, row.paid_out])).toEqual([
        ['ch1', 'ETH', '0', '2000', '0'],
        ['ch2', 'ETH', '0', '1000', '0'],
      ]);
      log.allocate('ch1', 'conversion-eth-1', ['p1'], 7n, a, 7n);
      log.allocate('ch2', 'conversion-eth-1', ['p2'], 3n, b, 3n);
      expect(rowsOf(log).slice(2)).toEqual([
        { channel_id: 'ch1', currency: 'USDTERC20', owner_id: '1001', decimals: 6, received: '0', fees: '0', pending: '7', in_payout: '0', paid_out: '0', converted_in: '7', converted_out: '0' },
        { channel_id: 'ch2', currency: 'USDTERC20', owner_id: '1002', decimals: 6, received: '0', fees: '0', pending: '3', in_payout: '0', paid_out: '0', converted_in: '3', converted_out: '0' },
      ]);
      log.batch('ch1', 'ch1-usdterc20-1', ['p1'], 7n, 'USDTERC20');
      log.start('ch1-usdterc20-1', 'ch1', '1001', ['p1'], 7n, 'USDTERC20');
      log.sent('ch1-usdterc20-1', 'ch1', '1001', 7n, 'USDTERC20');
      expect(rowsOf(log)[2]).toMatchObject({ pending: '0', in_payout: '0', paid_out: '7', converted_in: '7' });
    });

    it('an allocation without a row in the stable coin yet, applied in one batch with the conversion, takes the owner from the converted row; one delivered again counts once', () => {
      const log = createPayoutLog();
      const a = log.split('p1', 'ch1', 2_000n, 0, '1001', 'ETH');
      log.conversionStarted('conversion-eth-1', [{ channelId: 'ch1', paymentIds: ['p1'], amount: a }]);
      const allocation = log.allocate('ch1', 'conversion-eth-1', ['p1'], 5n, a, 5n);
      const rows = foldRows(balancesProjection.rows, [...log.events, allocation]).owner_balances!;
      expect(rows[1]).toMatchObject({ channel_id: 'ch1', currency: 'USDTERC20', owner_id: '1001', converted_in: '5', pending: '5' });
      // A PayoutAccumulated without `from` (an ordinary share) changes no balance: its split did.
      log.accumulate('ch1', ['p1'], a, a, 'ETH');
      expect(rowsOf(log)[0]).toMatchObject({ currency: 'ETH', pending: '0', converted_out: '2000' });
    });
  });
});
