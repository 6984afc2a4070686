import { newTierId } from '@paygate/bot';
import { formatMoney } from '@paygate/domain';
import { findTier, registeredChannel } from '../channel-lookup.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { daysOption, idOption, priceUsdOption, tierNameOption } from '../typed-options.ts';

const NAME = 'tier set';

export const tierSetCommand: Command = {
  name: NAME,
  summary: 'Add a tier to a channel or change its price/duration for new purchases',
  description: 'The price is an exact USD decimal (at most 2 decimals; 9.99, 9,99 and $9.99 are read alike). A tier of the same name (or the --tier id) is re-priced; otherwise a new tier gets an id made from its name, as the bot makes one.',
  options: {
    channel: { type: 'string', valueName: 'id', description: 'PayGate channel id' },
    name: { type: 'string', valueName: 'text', description: 'Tier name, e.g. "Monthly"' },
    'price-usd': { type: 'string', valueName: 'decimal', description: 'Price in USD, e.g. 9.99 or 9,99' },
    days: { type: 'string', valueName: 'n', description: 'Access duration in days (1-3650)' },
    tier: { type: 'string', valueName: 'id', description: 'Tier id or name to re-price (default: the tier of that name, else a new id from the name)' },
  },
  json: true,
  examples: ['paygate tier set --channel ch_1a2b --name Monthly --price-usd 9.99 --days 30'],
  async run(context) {
    const { values, io } = context;
    const name = tierNameOption(values, 'name', NAME);
    const channelId = idOption(values, 'channel', NAME);
    const price = priceUsdOption(values, 'price-usd', NAME);
    const durationDays = daysOption(values, 'days', NAME);
    const tierText = optionalOption(values, 'tier');
    await withCommandPlatform(io.env, async ({ platform, paygate }) => {
      const channel = await registeredChannel(platform.eventStore, channelId, NAME);
      const tiers = [...channel.tiers.values()];
      // The same tier as the bot would pick: by id or name, else a new id as the bot makes one.
      const tierId = findTier(channel, tierText ?? name)?.tierId ?? (tierText === undefined ? newTierId(name, tiers) : idOption(values, 'tier', NAME));
      const input = { channelId, tierId, name, price, durationDays };
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
