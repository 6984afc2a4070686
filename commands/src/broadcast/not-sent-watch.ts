import type { ChatOutcome } from './chat-outcome.ts';

/** The reason a sender run stopped early on purpose (an abort reason, not an error). */
export class RunHalted {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

/**
 * Watches chat outcomes for Telegram not taking messages at all: a refused token halts at once,
 * `inARow` not-sent chats with nothing sent or failed between them halt too (an outage, not one
 * bad chat). A chat not attempted because the run stopped counts for nothing.
 */
export const notSentWatch = (inARow: number, halt: (reason: string) => void) => {
  let streak = 0;
  return {
    saw(outcome: ChatOutcome): void {
      if (outcome.kind !== 'not_sent') {
        streak = 0;
        return;
      }
      if (outcome.reason === 'stopped') return;
      streak += 1;
      if (outcome.stopsRun || streak >= inARow) halt(outcome.reason);
    },
  };
};
