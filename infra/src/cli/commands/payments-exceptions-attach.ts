import * as v from 'valibot';
import { createPaymentExceptions } from '@paygate/commands';
import { IdSchema } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { by, decisionInput, MAX_TEXT, paymentPositional } from './payments-exception-input.ts';

export const paymentsExceptionsAttachCommand: Command = {
  name: 'payments exceptions attach',
  summary: 'Attach an exception payment to an invoice it covers: grants access as if it had paid that invoice',
  description: [
    'Appends PaymentExceptionAttached (who, note) and PaymentReceived to payment-<paymentId>, after recording the payment as',
    "the invoice's payer: access and the fee split follow as for any paid invoice. Refused, saying why (exit 1), when the",
    "payment did not finish, was made for less than the invoice's price or in another currency, fell short of what NOWPayments",
    'asked beyond the underpayment band, or the invoice was paid by another payment. Attaching again appends nothing (exit 0).',
  ].join('\n'),
  positionals: paymentPositional,
  options: {
    invoice: { type: 'string', valueName: 'invoiceId', description: "PayGate's invoice id (inv_…) the payment pays for" },
    note: { type: 'string', valueName: 'text', description: `Why, in your words (1-${MAX_TEXT} characters)` },
    by,
  },
  json: true,
  examples: ['paygate payments exceptions attach 5077125051 --invoice inv_3f9c… --note "paid to an old link; matched by the subscriber\'s message"'],
  async run(context) {
    const name = 'payments exceptions attach';
    const { paymentId, text, decidedBy } = decisionInput(context, name, 'note');
    const invoiceId = requiredOption(context.values, 'invoice', name);
    if (!v.is(IdSchema, invoiceId)) throw new UsageError('--invoice must be an invoice id without spaces', name);
    await withCommandPlatform(context.io.env, async ({ platform }) => {
      const { eventTypes } = await createPaymentExceptions(platform).attach({ paymentId, invoiceId, decidedBy, note: text });
      const again = eventTypes.length === 0;
      const said = again
        ? `payment ${paymentId} was already attached to invoice ${invoiceId}; nothing appended`
        : `payment ${paymentId} attached to invoice ${invoiceId} by ${decidedBy}: appended ${eventTypes.join(', ')}\naccess and the fee split follow once the running PayGate relays the event`;
      writeResult(context, said, { paymentId, invoiceId, decidedBy, note: text, appended: eventTypes, alreadyDecided: again });
    });
    return EXIT_OK;
  },
};
