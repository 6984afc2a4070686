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
      { channel_id: 'ch1', currency: 'USDTTRC20', owner_id: '1001', decimals: 6, received: '13439990', fees: '646999', pending: '12792991', in_payout: '0', paid_out: '0' },
      { channel_id: 'ch2', currency: 'USDTTRC20', owner_id: null, decimals: 6, received: '5000000', fees: '0', pending: '5000000', in_payout: '0', paid_out: '0' },
      { channel_id: 'ch1', currency: 'USDTMATIC', owner_id: '1001', decimals: 6, received: '7', fees: '0', pending: '7', in_payout: '0', paid_out: '0' },
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
});
