/**
 * The audit trail of operator actions on dead letters. The dead letters themselves live in the
 * broker (NATS JetStream); what an operator did with one — who, when, why — is recorded in the
 * log so an auditor sees a discarded message was given up on purpose, not lost.
 */
export const DEAD_LETTERS_STREAM_ID = 'dead-letters';

/** What identifies the dead message in the audit record: never its payload. */
export type DeadLetterRef = {
  deadLetterId: string;
  consumer: string;
  /** The original message id (for relayed events, the event id). */
  messageId: string;
  subject: string;
};

export type DeadLetterDiscarded = {
  type: 'DeadLetterDiscarded';
  data: DeadLetterRef & { error: string; reason: string; by: string; discardedAt: string };
};

export type DeadLetterReplayed = {
  type: 'DeadLetterReplayed';
  data: DeadLetterRef & { by: string; replayedAt: string };
};

export type DeadLetterEvent = DeadLetterDiscarded | DeadLetterReplayed;
