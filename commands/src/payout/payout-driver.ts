import { parsePayoutEvent, type RecordedEvent } from '@paygate/domain';
import type { ProcessManager } from '../process-manager/index.ts';
import type { PayoutPipeline } from './payout-pipeline.ts';

export const PAYOUT_DRIVER_NAME = 'payout-driver';

/**
 * On PayoutStarted and PayoutResumed: takes the payout as far as it goes now. What waits for the
 * chain or the exchange is picked up again by the payout sweeper, so a consumer slot is never
 * held for minutes, and a crash anywhere loses nothing: the next advance reads the events.
 */
export const createPayoutDriver = (pipeline: Pick<PayoutPipeline, 'advance'>): ProcessManager => ({
  name: PAYOUT_DRIVER_NAME,
  handles: ['PayoutStarted', 'PayoutResumed'],
  async handle(recorded: RecordedEvent) {
    const event = parsePayoutEvent(recorded);
    await pipeline.advance(event.data.payoutId);
  },
});
