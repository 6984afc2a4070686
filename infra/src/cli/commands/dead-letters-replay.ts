import { replayDeadLetter } from '@paygate/commands';
import { EXIT_OK, type Command } from '../command.ts';
import { BY_OPTION, CONSUMER_OPTION, deadLetterIdOf, operatorOf, withDeadLetters } from '../dead-letter-access.ts';
import { optionalOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'dead-letters replay';

export const deadLettersReplayCommand: Command = {
  name: NAME,
  summary: 'Deliver dead letters to their consumer once more (one by id, or --all) and record DeadLetterReplayed',
  description: [
    'The message goes to the consumer that gave up on it, and only to it, once; the dead letter is removed.',
    'If the handler fails again it comes back as a new dead letter. The consumer must be running (the workers role) to receive it;',
    'until then the replay waits in JetStream. Each replay is recorded in the log (stream dead-letters) with who did it.',
  ].join('\n'),
  positionals: [{ name: 'id', description: 'Dead letter id, as `paygate dead-letters list` shows it (or --all)' }],
  options: {
    all: { type: 'boolean', description: 'Replay every dead letter (of --consumer, if given)' },
    consumer: CONSUMER_OPTION,
    by: BY_OPTION,
  },
  json: true,
  examples: ['paygate dead-letters replay 42', 'paygate dead-letters replay --all --consumer split-manager'],
  async run(context) {
    const all = context.values.all === true;
    const consumer = optionalOption(context.values, 'consumer');
    if (all === (context.positionals[0] !== undefined)) throw new UsageError('give one dead letter <id> or --all', NAME);
    if (!all && consumer !== undefined) throw new UsageError('--consumer goes with --all', NAME);
    const id = all ? undefined : deadLetterIdOf(context.positionals[0], NAME);
    const by = operatorOf(context.values, NAME);
    await withDeadLetters(context.io.env, async ({ platform }) => {
      const deps = { eventStore: platform.eventStore, deadLetters: platform.broker.deadLetters };
      const ids = id !== undefined ? [id] : (await platform.broker.deadLetters.list(consumer)).map((letter) => letter.id);
      const replayed = [];
      for (const each of ids) {
        const letter = await replayDeadLetter(deps, each, { by, at: platform.clock() });
        replayed.push({ id: letter.id, consumer: letter.consumer, messageId: letter.message.id });
      }
      const text = replayed.length === 0 ? 'no dead letters to replay' : replayed.map((each) => `dead letter #${each.id} replayed to ${each.consumer} by ${by}`).join('\n');
      writeResult(context, text, { replayed, by });
    });
    return EXIT_OK;
  },
};
