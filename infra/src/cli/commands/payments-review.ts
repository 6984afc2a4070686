import * as v from 'valibot';
import { reviewHeldPayment, type HeldPaymentReview } from '@paygate/commands';
import { IdSchema, notFoundError, paymentStreamId } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption, requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { loginName } from '../operator-name.ts';
import { loadPaymentState } from './payments-held.ts';

/** PaymentHoldReleased/PaymentHoldRejected keep the note up to this length. */
const MAX_REASON = 500;

type Decision = HeldPaymentReview['decision'];

const PAST: Record<Decision, string> = { release: 'released', reject: 'rejected' };

const reviewInput = (decision: Decision, context: Parameters<Command['run']>[0]): HeldPaymentReview => {
  const name = `payments ${decision}`;
  const paymentId = context.positionals[0]!;
  if (!v.is(IdSchema, paymentId)) throw new UsageError(`<paymentId> must be 1-128 printable characters without spaces`, name);
  const note = requiredOption(context.values, 'reason', name);
  if (note.length > MAX_REASON) throw new UsageError(`--reason must be at most ${MAX_REASON} characters (got ${note.length})`, name);
  const decidedBy = optionalOption(context.values, 'by') ?? loginName();
  if (decidedBy === undefined) throw new UsageError('--by is required (no login name to default to)', name);
  if (!v.is(IdSchema, decidedBy)) throw new UsageError('--by must be an operator id without spaces', name);
  return { decision, paymentId, decidedBy, note };
};

const reviewCommand = (decision: Decision, summary: string, description: string): Command => ({
  name: `payments ${decision}`,
  summary,
  description,
  positionals: [{ name: 'paymentId', required: true, description: 'NOWPayments payment id, as `paygate payments held` lists it' }],
  options: {
    reason: { type: 'string', valueName: 'text', description: `Why, in your words (1-${MAX_REASON} characters); recorded on the event as its note` },
    by: { type: 'string', valueName: 'operator', description: 'Who decides, without spaces; recorded on the event (default: your login name)' },
  },
  json: true,
  examples: [`paygate payments ${decision} 5077125051 --reason "${decision === 'release' ? 'paid the rest by bank transfer' : 'subscriber asked for a refund'}" --by anna`],
  async run(context) {
    const review = reviewInput(decision, context);
    await withCommandPlatform(context.io.env, async ({ platform }) => {
      const { events } = await loadPaymentState(platform.eventStore, review.paymentId);
      // The decider would call it "not held"; an id with no stream at all is more likely a typo.
      if (events === 0) throw notFoundError(`payment ${review.paymentId} not found (${paymentStreamId(review.paymentId)} has no events)`);
      // Not held, or already decided the other way: the handler throws conflict (exit 1).
      const { eventTypes } = await reviewHeldPayment({ eventStore: platform.eventStore, clock: platform.clock })(review);
      const again = eventTypes.length === 0;
      const text = again
        ? `payment ${review.paymentId} was already ${PAST[decision]}; nothing appended`
        : `payment ${review.paymentId} ${PAST[decision]} by ${review.decidedBy}: appended ${eventTypes.join(', ')}` +
          (decision === 'release' ? '\naccess and the fee split follow once the running PayGate relays the event' : '');
      writeResult(context, text, { ...review, appended: eventTypes, alreadyDecided: again });
    });
    return EXIT_OK;
  },
});

export const paymentsReleaseCommand = reviewCommand(
  'release',
  'Release a payment held for review: it grants access and is split like any paid invoice',
  [
    'Appends PaymentHoldReleased (who, why) and PaymentReceived with the amounts actually paid to payment-<paymentId>.',
    'Releasing again appends nothing (exit 0); a rejected, refunded or never-held payment is refused (exit 1).',
  ].join('\n'),
);

export const paymentsRejectCommand = reviewCommand(
  'reject',
  'Reject a payment held for review: it never grants (refund it in NOWPayments if due)',
  [
    'Appends PaymentHoldRejected (who, why) to payment-<paymentId>; the payments read model shows it as rejected.',
    'Rejecting again appends nothing (exit 0); a released or never-held payment is refused (exit 1).',
  ].join('\n'),
);
