import { randomBytes } from 'node:crypto';

/**
 * What the invoice commands need from NOWPayments (the gateways client satisfies it). A port
 * here keeps commands free of the HTTP client; tests point the real client at the sandbox.
 */
export type InvoiceGateway = {
  createInvoice(input: {
    /** Exact decimal string in the price currency, e.g. "12.50". */
    priceAmount: string;
    priceCurrency: string;
    /** Our invoice id; NOWPayments sends it back as `order_id` in every IPN. */
    orderId: string;
    orderDescription: string;
    ipnCallbackUrl: string;
  }): Promise<{ providerInvoiceId: string; invoiceUrl: string }>;
};

/** Where NOWPayments posts IPNs, below the public base URL (the webhook in ../webhooks serves this path). */
export const IPN_CALLBACK_PATH = '/webhooks/nowpayments';

/** `https://pay.example/base/` → `https://pay.example/base/webhooks/nowpayments` (a path prefix is kept). */
export const ipnCallbackUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}${IPN_CALLBACK_PATH}`;

/**
 * A fresh invoice id, e.g. `inv_3f9c…` (96 random bits): it names the stream and is the
 * NOWPayments order_id, so it must be unguessable enough that nobody can pay into someone
 * else's purchase by guessing, and printable for both.
 */
export const newInvoiceId = (): string => `inv_${randomBytes(12).toString('hex')}`;
