import {
  DEAD_LETTERS_STREAM_ID,
  isPayGateError,
  type DeadLetter,
  type DeadLetterEvent,
  type DeadLetterRef,
  type DeadLetters,
  type EventStore,
} from '@paygate/domain';
import { deterministicId } from '../ids/index.ts';

export type DeadLetterActionDeps = { eventStore: EventStore; deadLetters: DeadLetters };

/** Who acts and when; `by` is an operator id (checked by the caller). */
export type DeadLetterActor = { by: string; at: Date };

const refOf = (letter: DeadLetter): DeadLetterRef => ({
  deadLetterId: letter.id,
  consumer: letter.consumer,
  messageId: letter.message.id,
  subject: letter.message.subject,
});

/**
 * Appends the audit event once. Its id comes from the dead letter, so a retried action (after a
 * crash between recording and acting) finds it already in the stream and writes nothing more.
 * The stream is small (operator actions only): read it, then append at its revision.
 */
const recordOnce = async (eventStore: EventStore, event: DeadLetterEvent): Promise<void> => {
  const id = deterministicId('dead-letter-action', event.type, event.data.consumer, event.data.deadLetterId, event.data.messageId);
  for (let attempt = 1; ; attempt++) {
    const recorded = await eventStore.readStream(DEAD_LETTERS_STREAM_ID);
    if (recorded.some((each) => each.id === id)) return;
    const revision = recorded.at(-1)?.streamRevision;
    try {
      await eventStore.append(DEAD_LETTERS_STREAM_ID, [{ id, ...event }], { expectedRevision: revision ?? 'no_stream' });
      return;
    } catch (error) {
      // Another operator recorded something meanwhile: read again and retry.
      if (!(isPayGateError(error) && error.kind === 'conflict') || attempt >= 5) throw error;
    }
  }
};

/**
 * Gives up on a dead letter: records DeadLetterDiscarded (who, why, which message, its last
 * error) first, then removes it from the broker, so the log never misses a discarded message.
 * An unknown id is a `not_found` error and changes nothing.
 */
export const discardDeadLetter = async (deps: DeadLetterActionDeps, deadLetterId: string, actor: DeadLetterActor & { reason: string }): Promise<DeadLetter> => {
  const letter = await deps.deadLetters.get(deadLetterId);
  await recordOnce(deps.eventStore, {
    type: 'DeadLetterDiscarded',
    data: { ...refOf(letter), error: letter.error, reason: actor.reason, by: actor.by, discardedAt: actor.at.toISOString() },
  });
  await deps.deadLetters.discard(deadLetterId);
  return letter;
};

/**
 * Delivers a dead letter to its consumer once more, then records DeadLetterReplayed (the replay
 * is not destructive: the message is handled again, so the record follows the act).
 */
export const replayDeadLetter = async (deps: DeadLetterActionDeps, deadLetterId: string, actor: DeadLetterActor): Promise<DeadLetter> => {
  const letter = await deps.deadLetters.get(deadLetterId);
  await deps.deadLetters.replay(deadLetterId);
  await recordOnce(deps.eventStore, { type: 'DeadLetterReplayed', data: { ...refOf(letter), by: actor.by, replayedAt: actor.at.toISOString() } });
  return letter;
};

