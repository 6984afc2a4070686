import { randomUUID } from 'node:crypto';
import {
  broadcastDeliveryStreamId,
  deliveryDecider,
  parseDeliveryEvent,
  PayGateError,
  type DeliveryCommand,
  type DeliveryEvent,
  type DeliveryState,
  type EventStore,
} from '@paygate/domain';
import { deterministicId } from '../ids/index.ts';

/**
 * One occurrence's delivery stream as its single sender (the scheduler runs under a leader lock)
 * keeps it: read once, then every decision is made on the state in memory and appended at the
 * revision it was made on, one append at a time. Any failed append (a second writer, an outage)
 * breaks the log: the sender stops and a fresh one re-reads the stream.
 */
export type DeliveryLog = {
  /** This sender run's random id: in its claims and in the ids of the events it appends. */
  readonly runId: string;
  readonly state: () => DeliveryState;
  /** Decides the commands in order and appends all their events in one append; `[]` when none changes anything. */
  apply(commands: readonly DeliveryCommand[]): Promise<readonly DeliveryEvent[]>;
};

/**
 * The listing is per (broadcast, occurrence, chunk): two senders starting together list once.
 * Claims and outcomes are per run too: a second sender that read the same state appends a
 * different event at the same revision — a conflict that stops it — where equal ids would make
 * the store take it for a retry of the first and both would send.
 */
const eventIdOf = (event: DeliveryEvent, runId: string): string => {
  const { broadcastId, occurrence } = event.data;
  switch (event.type) {
    case 'BroadcastRecipientsListed':
      return deterministicId(event.type, broadcastId, occurrence, String(event.data.chunk));
    case 'BroadcastDeliveryClaimed':
    case 'BroadcastDeliveryReleased':
      return deterministicId(event.type, broadcastId, occurrence, runId, event.data.chatIds[0]!);
    default:
      return deterministicId(event.type, broadcastId, occurrence, runId, event.data.chatId);
  }
};

export const openDeliveryLog = async (eventStore: EventStore, broadcastId: string, occurrence: string, runId: string = randomUUID()): Promise<DeliveryLog> => {
  const streamId = broadcastDeliveryStreamId(broadcastId, occurrence);
  const recorded = await eventStore.readStream(streamId);
  let state = recorded.reduce((current, event) => deliveryDecider.evolve(current, parseDeliveryEvent(event)), deliveryDecider.initialState);
  let revision = recorded.at(-1)?.streamRevision ?? -1n;
  let broken: unknown;
  let tail: Promise<unknown> = Promise.resolve();

  const applyNow = async (commands: readonly DeliveryCommand[]): Promise<readonly DeliveryEvent[]> => {
    if (broken !== undefined) throw new PayGateError('unavailable', `the delivery log of ${streamId} failed earlier`, { streamId }, { cause: broken });
    const events: DeliveryEvent[] = [];
    // The fold updates the state in place, so a failed append leaves it ahead of the stream:
    // the log is then broken for good (above) and never decides on it again.
    for (const command of commands) {
      for (const event of deliveryDecider.decide(command, state)) {
        events.push(event);
        state = deliveryDecider.evolve(state, event);
      }
    }
    if (events.length === 0) return events;
    try {
      const result = await eventStore.append(
        streamId,
        events.map((event) => ({ id: eventIdOf(event, runId), type: event.type, data: event.data })),
        { expectedRevision: revision < 0n ? 'no_stream' : revision },
      );
      revision = result.nextExpectedRevision;
    } catch (error) {
      broken = error;
      throw error;
    }
    return events;
  };

  return {
    runId,
    state: () => state,
    apply(commands) {
      const next = tail.then(() => applyNow(commands));
      tail = next.catch(() => undefined);
      return next;
    },
  };
};
