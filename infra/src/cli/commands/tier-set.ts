import { formatMoney, parseMoney } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption, requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'tier set';

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48) || 'tier';

export const tierSetCommand: Command = {
  name: NAME,
  summary: 'Add a tier to a channel or change its price/duration for new purchases',
  description: 'The price is an exact USD decimal (at most 2 decimals). The tier id defaults to a slug of the name.',
  options: {
    channel: { type: 'string', valueName: 'id', description: 'PayGate channel id' },
    name: { type: 'string', valueName: 'text', description: 'Tier name, e.g. "Monthly"' },
    'price-usd': { type: 'string', valueName: 'decimal', description: 'Price in USD, e.g. 9.99' },
    days: { type: 'string', valueName: 'n', description: 'Access duration in days (1-3650)' },
    tier: { type: 'string', valueName: 'id', description: 'Tier id (default: slug of the name)' },
  },
  json: true,
  examples: ['paygate tier set --channel ch_1a2b --name Monthly --price-usd 9.99 --days 30'],
  async run(context) {
    const { values, io } = context;
    const name = requiredOption(values, 'name', NAME);
    const daysText = requiredOption(values, 'days', NAME);
    if (!/^\d{1,4}$/.test(daysText)) throw new UsageError('--days must be a whole number of days', NAME);
    const input = {
      channelId: requiredOption(values, 'channel', NAME),
      tierId: optionalOption(values, 'tier') ?? slug(name),
      name,
      price: parseMoney(requiredOption(values, 'price-usd', NAME), 'USD'),
      durationDays: Number(daysText),
    };
    await withCommandPlatform(io.env, async ({ paygate }) => {
      const result = await paygate.payments.channels.priceTier(input);
      const changed = result.events.length > 0;
      writeResult(
        context,
        `tier ${input.tierId} of ${input.channelId}: ${formatMoney(input.price)} USD for ${input.durationDays} days${changed ? '' : ' (unchanged)'}`,
        { channelId: input.channelId, tierId: input.tierId, name, priceUsd: formatMoney(input.price), durationDays: input.durationDays, changed },
      );
    });
    return EXIT_OK;
  },
};
