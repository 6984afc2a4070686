import { formatMoney } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';

const NAME = 'invoice create';

export const invoiceCreateCommand: Command = {
  name: NAME,
  summary: 'Create an invoice for a subscriber (as the bot will when a tier is chosen)',
  description: [
    'Appends InvoiceCreated, creates the NOWPayments invoice (order_id = our invoice id) and appends InvoiceLinked.',
    'Without NOWPAYMENTS_API_URL the invoice is created in the sandbox of the running `paygate start`.',
  ].join('\n'),
  options: {
    channel: { type: 'string', valueName: 'id', description: 'PayGate channel id' },
    tier: { type: 'string', valueName: 'id', description: 'Tier id' },
    user: { type: 'string', valueName: 'userId', description: "Subscriber's Telegram user id" },
  },
  json: true,
  examples: ['paygate invoice create --channel ch_1a2b --tier monthly --user 1001'],
  async run(context) {
    const { values, io } = context;
    const request = {
      channelId: requiredOption(values, 'channel', NAME),
      tierId: requiredOption(values, 'tier', NAME),
      subscriberId: requiredOption(values, 'user', NAME),
    };
    // IPN callbacks and the sandbox go to the running api, not to this short-lived process.
    await withCommandPlatform(io.env, async ({ paygate, apiUrl }) => {
      if (paygate.nowPayments.mode === 'sandbox' && !apiUrl) {
        throw new Error('the NOWPayments sandbox runs inside `paygate start` (api role); start it first or set NOWPAYMENTS_API_URL');
      }
      const invoice = await paygate.payments.invoices.createInvoice(request);
      const price = `${formatMoney(invoice.price)} ${invoice.price.currency}`;
      writeResult(context, [`invoice ${invoice.invoiceId}`, `order id   ${invoice.invoiceId}`, `price      ${price}`, `pay at     ${invoice.invoiceUrl}`].join('\n'), {
        invoiceId: invoice.invoiceId,
        orderId: invoice.invoiceId,
        providerInvoiceId: invoice.providerInvoiceId,
        price: { amount: formatMoney(invoice.price), currency: invoice.price.currency },
        durationDays: invoice.durationDays,
        invoiceUrl: invoice.invoiceUrl,
      });
    });
    return EXIT_OK;
  },
};
