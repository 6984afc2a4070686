import { PayGateError } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, listPaymentExceptions, readModelTableExists, type PaymentExceptionView } from '@paygate/projections';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeResult } from '../output.ts';

const KIND_TEXT: Record<string, string> = {
  unmatched: 'unmatched',
  mismatched: 'price mismatched',
  underpaid: 'underpaid',
  redeposit: 're-deposit',
  paid_twice: 'paid twice',
  held: 'held for review',
  status_conflicted: 'status conflicted',
  refused: 'refused',
};

const describe = (found: PaymentExceptionView): string =>
  [
    `payment ${found.paymentId}  ${KIND_TEXT[found.kind] ?? found.kind}  ${found.recordedAt}${found.state === 'open' ? '' : `  [${found.state}${found.decidedBy ? ` by ${found.decidedBy}` : ''}]`}`,
    `  ${found.invoiceId ? `invoice ${found.invoiceId}` : `order ${found.orderId ?? '(none)'}`}  status ${found.status}  paid ${found.paid}${found.arrived ? `, arrived ${found.arrived}` : ''}`,
    `  ${found.detail}`,
    ...(found.decision ? [`  decision: ${found.decision}`] : []),
  ].join('\n');

/**
 * `paygate payments exceptions [--all]`: every payment an operator must look at, of every kind,
 * from the payment_exceptions read model (one list instead of one command per kind; `payments
 * held` and `payments paid-twice` still show those kinds in more detail).
 */
export const paymentsExceptionsCommand: Command = {
  name: 'payments exceptions',
  summary: 'List payments that need an operator: unmatched, mismatched, underpaid, re-deposits, paid twice, held, conflicted, refused',
  description: [
    'Oldest first, as far as the projector has caught up. Decide each with',
    '`paygate payments exceptions attach <paymentId> --invoice <invoiceId> --note …` (grants the invoice if the payment covers it)',
    'or `paygate payments exceptions close <paymentId> --reason …`; a held payment with `payments release|reject`.',
    '--all lists decided ones too, with the decision.',
  ].join('\n'),
  options: { all: { type: 'boolean', description: 'Include exceptions already attached, closed or resolved' } },
  json: true,
  examples: ['paygate payments exceptions', 'paygate payments exceptions --all --json'],
  async run(context) {
    await withCommandPlatform(context.io.env, async ({ paygate }) => {
      if (!(await readModelTableExists(paygate.readModels, DEFAULT_READ_MODEL_SCHEMA, 'payment_exceptions'))) {
        throw new PayGateError('unavailable', 'the payment_exceptions read model does not exist yet: the projector role of `paygate start` builds it');
      }
      const found = await listPaymentExceptions(paygate.readModels, DEFAULT_READ_MODEL_SCHEMA, { all: context.values.all === true });
      writeResult(context, found.length === 0 ? 'no payment exceptions' : found.map(describe).join('\n\n'), found);
    });
    return EXIT_OK;
  },
};
