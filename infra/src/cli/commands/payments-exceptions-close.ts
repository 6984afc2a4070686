import { createPaymentExceptions } from '@paygate/commands';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeResult } from '../output.ts';
import { by, decisionInput, MAX_TEXT, paymentPositional } from './payments-exception-input.ts';

export const paymentsExceptionsCloseCommand: Command = {
  name: 'payments exceptions close',
  summary: 'Close an exception payment with a reason: it grants nothing and leaves the list',
  description: [
    'Appends PaymentExceptionClosed (who, reason) to payment-<paymentId>. Closing again appends nothing (exit 0); an attached,',
    'held (use payments reject), granted or refunded payment is refused (exit 1). Refund the payer in NOWPayments if due.',
  ].join('\n'),
  positionals: paymentPositional,
  options: { reason: { type: 'string', valueName: 'text', description: `Why, in your words (1-${MAX_TEXT} characters)` }, by },
  json: true,
  examples: ['paygate payments exceptions close 5077125051 --reason "refunded to the payer in NOWPayments"'],
  async run(context) {
    const { paymentId, text, decidedBy } = decisionInput(context, 'payments exceptions close', 'reason');
    await withCommandPlatform(context.io.env, async ({ platform }) => {
      const { eventTypes } = await createPaymentExceptions(platform).close({ paymentId, decidedBy, reason: text });
      const again = eventTypes.length === 0;
      const said = again ? `payment ${paymentId} was already closed; nothing appended` : `payment ${paymentId} closed by ${decidedBy}: appended ${eventTypes.join(', ')}`;
      writeResult(context, said, { paymentId, decidedBy, reason: text, appended: eventTypes, alreadyDecided: again });
    });
    return EXIT_OK;
  },
};
