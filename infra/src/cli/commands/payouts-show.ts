import { notFoundError, payoutStreamId } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, findPayout } from '@paygate/projections';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeJson } from '../output.ts';
import { describeEvent } from './event-text.ts';
import { payoutJson } from './payouts-list.ts';

export const payoutsShowCommand: Command = {
  name: 'payouts show',
  summary: "Show one payout: every event of its stream (with transaction hashes), then the read model's row",
  description: 'The stream `payout-<id>` is the truth; the row is what the read API shows, as far as the projector has caught up.',
  positionals: [{ name: 'payoutId', required: true, description: 'The payout id, as `paygate payouts list` shows it' }],
  json: true,
  examples: ['paygate payouts show ch_0123-usdttrc20-1', 'paygate payouts show ch_0123-usdttrc20-1 --json'],
  async run(context) {
    const payoutId = context.positionals[0]!;
    await withCommandPlatform(context.io.env, async ({ platform, paygate }) => {
      const [events, payout] = await Promise.all([platform.eventStore.readStream(payoutStreamId(payoutId)), findPayout(paygate.readModels, DEFAULT_READ_MODEL_SCHEMA, payoutId)]);
      if (events.length === 0 && !payout) throw notFoundError(`payout ${payoutId} not found`, { payoutId });
      if (context.json) {
        writeJson(context, { payoutId, events, readModel: payout ? payoutJson(payout) : null });
        return;
      }
      const lines = [`stream ${payoutStreamId(payoutId)}: ${events.length === 0 ? 'no events yet (the batch started, the payout did not)' : `${events.length} events`}`];
      for (const event of events) lines.push(describeEvent(event));
      lines.push(payout ? `read model: ${JSON.stringify(payoutJson(payout), null, 2)}` : 'read model: no row yet (the projector has not reached it)');
      context.io.stdout(`${lines.join('\n')}\n`);
    });
    return EXIT_OK;
  },
};
