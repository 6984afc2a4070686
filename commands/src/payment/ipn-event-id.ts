import type { PaymentStatus } from '@paygate/domain';
import { deterministicId } from '../ids/index.ts';

/**
 * The id of an event an IPN causes, from what makes it unique in its stream: the event type and
 * the reported status (each status moves a payment at most once), plus the status it conflicted
 * with for PaymentStatusConflicted (once per pair). Never the body or the time: two copies of one
 * IPN racing each other decide the same events with the same ids, so the slower append is an
 * idempotent repeat of the faster one, not a second record.
 */
export const ipnEventId = (streamId: string, reportedStatus: PaymentStatus, event: { type: string; data: unknown }): string => {
  const current = (event.data as { currentStatus?: unknown } | null)?.currentStatus;
  return deterministicId('nowpayments-ipn', streamId, event.type, reportedStatus, typeof current === 'string' ? current : '');
};
