import {
  donorThanksDecider,
  donorThanksStreamId,
  messages,
  parseDonorThanksEvent,
  type DonationReceived,
  type DonorThanksEvent,
  type DonorThanksState,
  type Locale,
  type RecordedEvent,
} from '@paygate/domain';
import { causedBy } from '../access/subscription-store.ts';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { sendDirectMessage, type DirectMessageDeps } from './direct-message.ts';

/**
 * The donor's thank-you DM for a DonationReceived, recorded once as DonorThanked on
 * `donor-thanks-<paymentId>` (id from the cause), so a redelivery sends nothing more. A donor who
 * blocked the bot is recorded as such (delivery 'blocked') and not retried.
 */
export const thankDonor = async (deps: DirectMessageDeps, recorded: RecordedEvent, donation: DonationReceived['data'], channelTitle: string, locale: Locale): Promise<void> => {
  const streamId = donorThanksStreamId(donation.paymentId);
  if ((await deps.eventStore.readStream(streamId, { maxCount: 1 })).length > 0) return;
  const { donorId, channelId, paymentId, amount } = donation;
  const outcome = await sendDirectMessage(deps, { userId: donorId, text: messages.donorThanks(locale, { channelTitle, amount }) });
  const data = { donorId, channelId, paymentId, causeEventId: recorded.id, ...outcome, thankedAt: deps.clock().toISOString() };
  await handleCommand<DonorThanksState, DonorThanksEvent>({
    eventStore: deps.eventStore,
    streamId,
    initialState: () => donorThanksDecider.initialState,
    evolve: (state, event) => donorThanksDecider.evolve(state, parseDonorThanksEvent(event)),
    decide: (state) => donorThanksDecider.decide({ type: 'RecordDonorThanked', data }, state),
    eventId: () => deterministicId('DonorThanked', recorded.id),
    metadata: causedBy(recorded),
  });
};
