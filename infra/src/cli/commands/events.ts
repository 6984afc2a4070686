import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { requiredOption } from '../options.ts';
import { writeJson } from '../output.ts';
import { describeEvent } from './event-text.ts';

const NAME = 'events';

export const eventsCommand: Command = {
  name: NAME,
  summary: "Print a stream's events, oldest first (for auditors)",
  options: { stream: { type: 'string', valueName: 'id', description: 'Stream id, e.g. invoice-inv_…, payment-5077125051, channel-ch_…' } },
  json: true,
  examples: ['paygate events --stream invoice-inv_0123456789abcdef01234567', 'paygate events --stream payment-5077125051 --json'],
  async run(context) {
    const streamId = requiredOption(context.values, 'stream', NAME);
    await withCommandPlatform(context.io.env, async ({ platform }) => {
      const events = await platform.eventStore.readStream(streamId);
      if (context.json) {
        writeJson(context, events);
        return;
      }
      if (events.length === 0) context.io.stdout(`stream ${streamId} has no events\n`);
      for (const event of events) context.io.stdout(`${describeEvent(event)}\n`);
    });
    return EXIT_OK;
  },
};
