import { DEFAULT_READ_MODEL_SCHEMA, findOpenInvoiceOf } from '@paygate/projections';
import { loadConfig, type Env } from '../../config/index.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { userIdOption } from '../typed-options.ts';
import { NOWPAYMENTS_SANDBOX_PATH } from '../../runtime/nowpayments-gateway.ts';
import { readRuntimeInfo } from '../../runtime/runtime-file.ts';
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command.ts';
import { optionalOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'sandbox pay';

/** The subscriber's newest unpaid invoice, from the invoices read model of the running instance. */
const openInvoiceOf = (env: Env, subscriberId: string): Promise<string> =>
  withCommandPlatform(env, async ({ paygate }) => {
    const invoiceId = await findOpenInvoiceOf(paygate.readModels, DEFAULT_READ_MODEL_SCHEMA, subscriberId);
    if (invoiceId === undefined) throw new UsageError(`subscriber ${subscriberId} has no unpaid invoice`, NAME);
    return invoiceId;
  });
const OUTCOMES = ['finished', 'partially_paid', 'failed', 'expired'];

export const sandboxPayCommand: Command = {
  name: NAME,
  summary: 'Pay an invoice in the NOWPayments sandbox; signed IPNs go to the webhook',
  description: 'Talks to the sandbox inside the running `paygate start`. Waits until every IPN was delivered.',
  positionals: [{ name: 'invoiceId', description: 'Our invoice id (the order id) or the sandbox invoice id; or give --user', required: false }],
  options: {
    user: { type: 'string', description: "Pay this subscriber's newest unpaid invoice instead of naming one" },
    outcome: { type: 'string', valueName: OUTCOMES.join('|'), description: 'How the payment ends (default finished)' },
    duplicate: { type: 'boolean', description: 'Send every IPN twice' },
    'out-of-order': { type: 'boolean', description: 'Deliver the last two statuses in reverse order' },
    again: { type: 'boolean', description: 'Pay an invoice that is already paid (PayGate records it as an overpayment)' },
  },
  json: true,
  examples: ['paygate sandbox pay inv_0123456789abcdef01234567', 'paygate sandbox pay --user 5000000002', 'paygate sandbox pay inv_… --outcome partially_paid', 'paygate sandbox pay inv_… --again'],
  async run(context) {
    const { values, positionals, io } = context;
    const outcome = optionalOption(values, 'outcome') ?? 'finished';
    if (!OUTCOMES.includes(outcome)) throw new UsageError(`--outcome must be one of ${OUTCOMES.join(', ')}`, NAME);
    const user = optionalOption(values, 'user');
    if ((positionals[0] === undefined) === (user === undefined)) throw new UsageError('name the invoice to pay, or give --user <subscriber id> (not both)', NAME);
    if (user !== undefined) userIdOption(values, 'user', NAME);
    const config = loadConfig(io.env);
    // Live mode has no sandbox to talk to; saying so beats a 404 from the real server.
    if (config.mode !== 'sandbox') throw new UsageError('sandbox commands need PAYGATE_MODE=sandbox; live mode has no sandbox', NAME);
    const apiUrl = (await readRuntimeInfo(config.dataDir))?.apiUrl ?? (config.publicUrlConfigured ? config.publicUrl : undefined);
    if (!apiUrl) throw new Error(`no running PayGate found in ${config.dataDir}: start one with \`paygate start\``);
    const invoiceId = positionals[0] ?? (await openInvoiceOf(io.env, user!));
    const response = await fetch(`${apiUrl}${NOWPAYMENTS_SANDBOX_PATH}/sandbox/invoices/${encodeURIComponent(invoiceId)}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome, duplicate: values.duplicate === true, outOfOrder: values['out-of-order'] === true, again: values.again === true }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 409 && body.paidBy !== undefined) {
      // Paying twice is a real mistake payers make; the demo shows it only when asked for.
      io.stderr(
        `error: invoice ${invoiceId} is already paid (payment ${String(body.paidBy)}); nothing was paid.\n` +
          'Add --again to pay it a second time on purpose: PayGate records the second payment as an overpayment for an operator, never as a new sale.\n',
      );
      return EXIT_FAILURE;
    }
    if (!response.ok) {
      io.stderr(`error: sandbox refused the payment (${response.status}): ${String(body.error ?? body.message ?? JSON.stringify(body))}\n`);
      return EXIT_FAILURE;
    }
    const statuses = Array.isArray(body.statuses) ? body.statuses.join(' → ') : '';
    writeResult(context, `invoice ${invoiceId}, payment ${String(body.paymentId)}: ${statuses}`, body);
    return EXIT_OK;
  },
};
