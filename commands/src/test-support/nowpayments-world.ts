import { createNowPaymentsClient, createNowPaymentsSandbox, type NowPaymentsSandbox } from '@paygate/gateways';
import type { InvoiceGateway } from '../invoice/index.ts';

const API_KEY = 'commands-unit-api-key';
/** The secret the sandbox signs IPNs with; give it to the webhook that receives them. */
export const IPN_SECRET = 'commands-unit-ipn-secret';

export type NowPaymentsWorld = {
  sandbox: NowPaymentsSandbox;
  /** The real NOWPayments client, its requests answered by the sandbox's app in process. */
  nowPayments: InvoiceGateway;
  /** Requests the client made, as the sandbox received them (method and path). */
  requests: string[];
  /** While true, every request fails as a dropped connection would. */
  outage(down: boolean): void;
};

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * `clientApiKey`: the key the client sends (default the sandbox's own). `ipnReceiver`: where the
 * sandbox posts the signed IPNs of the payments it plays through (e.g. a webhook app's `request`).
 */
export const nowPaymentsWorld = ({ clientApiKey = API_KEY, ipnReceiver }: { clientApiKey?: string; ipnReceiver?: Fetch } = {}): NowPaymentsWorld => {
  const sandbox = createNowPaymentsSandbox({
    apiKey: API_KEY,
    ipnSecret: IPN_SECRET,
    publicUrl: 'https://pay.sandbox.test',
    ipnRetry: { attempts: 1 },
    fetch: ipnReceiver ?? (async () => new Response('no IPN receiver in this test', { status: 503 })),
  });
  const requests: string[] = [];
  let down = false;
  const nowPayments = createNowPaymentsClient({
    apiUrl: 'http://nowpayments.sandbox',
    apiKey: clientApiKey,
    timeoutMs: 5_000,
    fetch: async (input, init) => {
      if (down) throw new TypeError('fetch failed: connection refused');
      requests.push(`${init.method ?? 'GET'} ${new URL(input).pathname}`);
      return sandbox.app.request(input, init);
    },
  });
  return { sandbox, nowPayments, requests, outage: (value) => void (down = value) };
};
