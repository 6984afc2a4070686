// Test helper (not product code): the streams of a donation, made by the deciders themselves.
import { foldEvents, invoiceDecider, invoiceSnapshot, invoiceStreamId, money, paymentStreamId, type InvoiceEvent, type PaymentNotice } from '@paygate/domain';
import { channelStream, paymentEvents, T0 } from '@paygate/testkit/fixtures';

export type DonationFixture = {
  invoiceId: string;
  channelId: string;
  donorId: string;
  paymentId: string;
  /** Default: waiting, finished (the fixture notice pays 12.50 USD, the donation's amount). */
  statuses?: readonly PaymentNotice['status'][];
  showName?: boolean;
  donorName?: string;
  ownerId?: string;
  chatId?: string;
};

export const donationInvoiceEvents = ({ invoiceId, channelId, donorId, showName = true, donorName = 'Ann' }: DonationFixture): InvoiceEvent[] =>
  invoiceDecider.decide(
    {
      type: 'CreateDonationInvoice',
      data: { invoiceId, channelId, donorId, amount: money(1250n, 'USD'), showName, donorName, channelRegistered: true, donations: 'enabled', createdAt: T0 },
    },
    invoiceDecider.initialState,
  );

/** Channel, donation invoice and payment streams of a 12.50 USD donation (paid in full unless `statuses` says otherwise). */
export const donationStreams = (fixture: DonationFixture) => {
  const invoice = donationInvoiceEvents(fixture);
  return {
    ...channelStream({ channelId: fixture.channelId, ...(fixture.ownerId ? { ownerId: fixture.ownerId } : {}), ...(fixture.chatId ? { chatId: fixture.chatId } : {}) }),
    [invoiceStreamId(fixture.invoiceId)]: invoice,
    [paymentStreamId(fixture.paymentId)]: paymentEvents(invoiceSnapshot(foldEvents(invoiceDecider, invoice))!, fixture.paymentId, fixture.statuses ?? ['waiting', 'finished']),
  };
};
