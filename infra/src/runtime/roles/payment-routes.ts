import type { HttpApp } from '../../http/index.ts';
import { NOWPAYMENTS_SANDBOX_PATH, nowPaymentsFor } from '../nowpayments-gateway.ts';
import { paymentFlowFor } from '../payment-flow-for.ts';
import type { Platform } from '../platform.ts';
import { loopbackOnly } from '../sandbox-guard.ts';

/** `POST /webhooks/nowpayments`, and in sandbox mode the NOWPayments sandbox beside it. */
export const mountPaymentRoutes = (app: HttpApp, platform: Platform): void => {
  paymentFlowFor(platform).mountRoutes(app);
  const { mode, sandbox } = nowPaymentsFor(platform);
  if (mode !== 'sandbox' || !sandbox) return;
  // Paying an invoice and reading the IPN log are control actions: loopback callers only.
  app.use(`${NOWPAYMENTS_SANDBOX_PATH}/sandbox/*`, loopbackOnly);
  app.use(`${NOWPAYMENTS_SANDBOX_PATH}/payment/pay`, loopbackOnly);
  app.route(NOWPAYMENTS_SANDBOX_PATH, sandbox.app);
  platform.logger.warn(
    { path: NOWPAYMENTS_SANDBOX_PATH, mode },
    'SANDBOX MODE: NOWPayments is simulated (no real money); invoices are paid with `paygate sandbox pay` from this machine',
  );
};
