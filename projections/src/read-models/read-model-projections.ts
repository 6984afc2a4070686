import { channelsProjection } from '../channels/index.ts';
import { invoicesProjection } from '../invoices/index.ts';
import { paymentsProjection } from '../payments/index.ts';
import type { Projection } from '../runner/index.ts';
import { splitsProjection } from '../splits/index.ts';
import { payoutsProjection } from '../payouts/index.ts';
import { balancesProjection } from '../balances/index.ts';
import { subscriptionsProjection } from '../subscriptions/index.ts';
import { unmatchedPaymentsProjection } from '../unmatched-payments/index.ts';
import { dashboardSessionsProjection } from '../sessions/index.ts';
import { paymentExceptionsProjection } from '../payment-exceptions/index.ts';
import { broadcastsProjection } from '../broadcasts/index.ts';

/** Every read model; each runs (and rebuilds) on its own checkpoint. */
export const readModelProjections: readonly Projection[] = [
  channelsProjection,
  invoicesProjection,
  paymentsProjection,
  splitsProjection,
  payoutsProjection,
  balancesProjection,
  unmatchedPaymentsProjection,
  paymentExceptionsProjection,
  subscriptionsProjection,
  dashboardSessionsProjection,
  broadcastsProjection,
];
