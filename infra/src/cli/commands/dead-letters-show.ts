import { EXIT_OK, type Command } from '../command.ts';
import { deadLetterDetailJson, deadLetterIdOf, withDeadLetters } from '../dead-letter-access.ts';
import { writeJson } from '../output.ts';

const NAME = 'dead-letters show';

export const deadLettersShowCommand: Command = {
  name: NAME,
  summary: 'Print one dead letter: consumer, last error, the message headers and payload',
  positionals: [{ name: 'id', required: true, description: 'Dead letter id, as `paygate dead-letters list` shows it' }],
  json: true,
  examples: ['paygate dead-letters show 42', 'paygate dead-letters show 42 --json'],
  async run(context) {
    const id = deadLetterIdOf(context.positionals[0], NAME);
    await withDeadLetters(context.io.env, async ({ platform }) => {
      const json = deadLetterDetailJson(await platform.broker.deadLetters.get(id));
      if (context.json) return writeJson(context, json);
      const lines = [
        `dead letter #${json.id} of consumer ${json.consumer}, dead at ${json.deadAt} after ${json.deliveryCount} deliveries`,
        `error:    ${json.error}`,
        `message:  ${json.messageId} on ${json.subject} (stream sequence ${json.sequence})`,
        ...Object.entries(json.headers).map(([key, value]) => `header:   ${key}: ${value}`),
        json.data === null ? `data (base64): ${json.dataBase64}` : `data:     ${json.data}`,
      ];
      context.io.stdout(`${lines.join('\n')}\n`);
    });
    return EXIT_OK;
  },
};
