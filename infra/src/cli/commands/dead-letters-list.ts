import type { DeadLetter } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { CONSUMER_OPTION, deadLetterJson, withDeadLetters } from '../dead-letter-access.ts';
import { optionalOption } from '../options.ts';
import { writeJson } from '../output.ts';

const NAME = 'dead-letters list';

const describe = (letter: DeadLetter): string => {
  const json = deadLetterJson(letter);
  return `#${json.id}  ${json.deadAt}  ${json.consumer}  ${json.eventType ?? json.subject} (message ${json.messageId}, ${json.deliveryCount} deliveries)\n    error: ${json.error}`;
};

export const deadLettersListCommand: Command = {
  name: NAME,
  summary: 'List the messages a process manager gave up on (the NATS dead-letter stream), oldest first',
  description: [
    'A message lands here once its last allowed delivery failed (8 deliveries, with backoff). Fix the cause, then',
    '`paygate dead-letters replay <id>` delivers it once more; `paygate dead-letters discard <id> --reason …` gives it up, recorded.',
    'Needs NATS_URL: with the in-process broker the dead letters live only inside the running `paygate start`.',
  ].join('\n'),
  options: { consumer: CONSUMER_OPTION },
  json: true,
  examples: ['paygate dead-letters list', 'paygate dead-letters list --consumer split-manager --json'],
  async run(context) {
    const consumer = optionalOption(context.values, 'consumer');
    await withDeadLetters(context.io.env, async ({ platform }) => {
      const letters = await platform.broker.deadLetters.list(consumer);
      if (context.json) return writeJson(context, letters.map((letter) => deadLetterJson(letter)));
      if (letters.length === 0) return context.io.stdout(`no dead letters${consumer === undefined ? '' : ` for consumer ${consumer}`}\n`);
      for (const letter of letters) context.io.stdout(`${describe(letter)}\n`);
    });
    return EXIT_OK;
  },
};
