import type { DomainCommand } from '../decider/decider.ts';
import type { InvoiceSnapshot } from '../invoice/invoice-state.ts';
import type { PaymentNotice } from './payment-notice.ts';

/**
 * Records one IPN for a payment of a known invoice. The handler loads `invoice-<notice.orderId>`
 * and passes `invoiceSnapshot(state)`; when that is null (or orderId is null) the IPN goes to the
 * unmatched-payment decider instead.
 */
export type RecordPaymentStatus = DomainCommand<'RecordPaymentStatus', { notice: PaymentNotice; invoice: InvoiceSnapshot }>;

export type PaymentCommand = RecordPaymentStatus;
