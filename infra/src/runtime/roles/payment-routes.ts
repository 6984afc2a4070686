import type { PaymentFlow } from '../../flows/index.ts';
import type { Logger } from '../../logging/index.ts';
import { NOWPAYMENTS_SANDBOX_PATH, type NowPaymentsSetup } from '../nowpayments-gateway.ts';
import { loopbackOnly } from '../sandbox-guard.ts';
import type { ApiRoutes } from './api-role.ts';

export type PaymentRoutesDeps = { payments: Pick<PaymentFlow, 'mountRoutes'>; nowPayments: NowPaymentsSetup; logger: Logger };

/** `POST /webhooks/nowpayments`, and in sandbox mode the NOWPayments sandbox beside it. */
export const paymentRoutes =
  ({ payments, nowPayments, logger }: PaymentRoutesDeps): ApiRoutes =>
  (app) => {
    payments.mountRoutes(app);
    const { mode, sandbox } = nowPayments;
    if (mode !== 'sandbox' || !sandbox) return;
    // Paying an invoice and reading the IPN log are control actions: loopback callers only.
    app.use(`${NOWPAYMENTS_SANDBOX_PATH}/sandbox/*`, loopbackOnly);
    app.use(`${NOWPAYMENTS_SANDBOX_PATH}/payment/pay`, loopbackOnly);
    app.route(NOWPAYMENTS_SANDBOX_PATH, sandbox.app);
    logger.info(
      { path: NOWPAYMENTS_SANDBOX_PATH, mode },
      'SANDBOX MODE: NOWPayments is simulated (no real money); invoices are paid with `paygate sandbox pay` from this machine',
    );
  };
