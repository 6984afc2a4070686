import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { DeliverySchema, type Delivery } from '../subscription/subscription-events.ts';

/** One stream per donation payment: a donor is thanked at most once, however often DonationReceived is delivered. */
export const donorThanksStreamId = (paymentId: string): string => `donor-thanks-${paymentId}`;

export const DonorThankedSchema = v.object({
  type: v.literal('DonorThanked'),
  data: v.object({
    donorId: TelegramUserIdSchema,
    channelId: IdSchema,
    paymentId: IdSchema,
    causeEventId: IdSchema,
    delivery: DeliverySchema,
    messageId: v.exactOptional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    thankedAt: TimestampSchema,
  }),
});

export const DonorThanksEventSchema = v.variant('type', [DonorThankedSchema]);
export type DonorThanked = v.InferOutput<typeof DonorThankedSchema>;
export type DonorThanksEvent = v.InferOutput<typeof DonorThanksEventSchema>;
export const parseDonorThanksEvent = createEventParser(DonorThanksEventSchema, 'donor thanks');

export type RecordDonorThanked = DomainCommand<
  'RecordDonorThanked',
  { donorId: string; channelId: string; paymentId: string; causeEventId: string; delivery: Delivery; messageId?: number; thankedAt: string }
>;

export type DonorThanksState = { readonly thanked: boolean };

/** Stream `donor-thanks-<paymentId>`: recorded once; a repeat records nothing. */
export const donorThanksDecider: Decider<RecordDonorThanked, DonorThanksEvent, DonorThanksState> = {
  initialState: { thanked: false },
  evolve: (state, event) => (event.type === 'DonorThanked' ? { thanked: true } : state),
  decide: ({ data }, state) => {
    if (state.thanked) return [];
    const { messageId, ...rest } = data;
    return [parseWithSchema(DonorThankedSchema, { type: 'DonorThanked', data: { ...rest, ...(messageId === undefined ? {} : { messageId }) } }, 'DonorThanked')];
  },
};
