import type { HttpApp } from '../../http/index.ts';
import { NOWPAYMENTS_SANDBOX_PATH, nowPaymentsFor } from '../nowpayments-gateway.ts';
import { paymentFlowFor } from '../payment-flow-for.ts';
import type { Platform } from '../platform.ts';

/** `POST /webhooks/nowpayments`, and in sandbox mode the NOWPayments sandbox beside it. */
export const mountPaymentRoutes = (app: HttpApp, platform: Platform): void => {
  paymentFlowFor(platform).mountRoutes(app);
  const { mode, sandbox } = nowPaymentsFor(platform);
  if (mode === 'sandbox' && sandbox) {
    app.route(NOWPAYMENTS_SANDBOX_PATH, sandbox.app);
    platform.logger.info({ path: NOWPAYMENTS_SANDBOX_PATH }, 'NOWPayments sandbox mounted: invoices are paid with `paygate sandbox pay`');
  }
};
