import { formatMoney } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { registeredChannel, requireTier } from '../channel-lookup.ts';
import { requiredOption } from '../options.ts';
import { idOption, userIdOption } from '../typed-options.ts';
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
    tier: { type: 'string', valueName: 'id|name', description: 'Tier id or name, e.g. monthly or "Monthly"' },
    user: { type: 'string', valueName: 'userId', description: "Subscriber's Telegram user id" },
  },
  json: true,
  examples: ['paygate invoice create --channel ch_1a2b --tier monthly --user 1001', 'paygate invoice create --channel ch_1a2b --tier Monthly --user 1001'],
  async run(context) {
    const { values, io } = context;
    const channelId = idOption(values, 'channel', NAME);
    const tierText = requiredOption(values, 'tier', NAME);
    const subscriberId = userIdOption(values, 'user', NAME);
    // IPN callbacks and the sandbox go to the running api, not to this short-lived process.
    await withCommandPlatform(io.env, async ({ platform, paygate, apiUrl }) => {
      if (paygate.nowPayments.mode === 'sandbox' && !apiUrl) {
        throw new Error('the NOWPayments sandbox runs inside `paygate start` (api role); start it first or set NOWPAYMENTS_API_URL');
      }
      const channel = await registeredChannel(platform.eventStore, channelId, NAME);
      const tier = requireTier(channel, tierText, NAME);
      const invoice = await paygate.payments.invoices.createInvoice({ channelId, tierId: tier.tierId, subscriberId });
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
