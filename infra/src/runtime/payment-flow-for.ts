import { createPaymentFlow, type PaymentFlow } from '../flows/index.ts';
import { nowPaymentsFor } from './nowpayments-gateway.ts';
import type { Platform } from './platform.ts';
import { publicUrl } from './public-address.ts';

const flows = new WeakMap<Platform, PaymentFlow>();

/** One payment flow per platform, shared by the roles of a process (webhook, workers, CLI). */
export const paymentFlowFor = (platform: Platform, options: { sandboxBaseUrl?: () => string } = {}): PaymentFlow => {
  let flow = flows.get(platform);
  if (!flow) {
    const nowPayments = nowPaymentsFor(platform, options.sandboxBaseUrl);
    flow = createPaymentFlow(
      { eventStore: platform.eventStore, broker: platform.broker, logger: platform.logger },
      {
        nowPayments: nowPayments.gateway,
        ipnSecret: nowPayments.ipnSecret,
        feeBps: platform.config.platformFeeBps,
        clock: platform.clock,
        publicUrl: () => publicUrl(platform),
      },
    );
    flows.set(platform, flow);
  }
  return flow;
};
