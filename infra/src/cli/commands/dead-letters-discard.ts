import { discardDeadLetter } from '@paygate/commands';
import { EXIT_OK, type Command } from '../command.ts';
import { BY_OPTION, deadLetterIdOf, operatorOf, reasonOf, withDeadLetters } from '../dead-letter-access.ts';
import { writeResult } from '../output.ts';

const NAME = 'dead-letters discard';

export const deadLettersDiscardCommand: Command = {
  name: NAME,
  summary: 'Give up on a dead letter for good: record DeadLetterDiscarded (who, why) and remove it',
  description: [
    'The event (stream dead-letters) keeps the consumer, the message id and subject, its last error, --reason and --by,',
    'so an auditor sees the message was given up on purpose. The record is written before the message is removed.',
  ].join('\n'),
  positionals: [{ name: 'id', required: true, description: 'Dead letter id, as `paygate dead-letters list` shows it' }],
  options: {
    reason: { type: 'string', valueName: 'text', description: 'Why it is given up (required, 1-500 characters)' },
    by: BY_OPTION,
  },
  json: true,
  examples: ['paygate dead-letters discard 42 --reason "duplicate of payout p_1, settled by hand"'],
  async run(context) {
    const id = deadLetterIdOf(context.positionals[0], NAME);
    const reason = reasonOf(context.values, NAME);
    const by = operatorOf(context.values, NAME);
    await withDeadLetters(context.io.env, async ({ platform }) => {
      const deps = { eventStore: platform.eventStore, deadLetters: platform.broker.deadLetters };
      const letter = await discardDeadLetter(deps, id, { by, reason, at: platform.clock() });
      writeResult(context, `dead letter #${letter.id} (${letter.consumer}, message ${letter.message.id}) discarded by ${by}: ${reason}`, {
        discarded: { id: letter.id, consumer: letter.consumer, messageId: letter.message.id },
        by,
        reason,
      });
    });
    return EXIT_OK;
  },
};
