import * as v from 'valibot';
import { formatMoney, TelegramUserIdSchema, type Money } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, listChannelBalances, listOwnerBalances, type ChannelBalanceView, type OwnerBalanceView } from '@paygate/projections';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'balances';

const text = (money: Money) => formatMoney(money);

const amounts = (balance: OwnerBalanceView | ChannelBalanceView) => ({
  currency: balance.currency,
  received: text(balance.received),
  fees: text(balance.fees),
  pending: text(balance.pending),
  inPayout: text(balance.inPayout),
  paidOut: text(balance.paidOut),
  convertedIn: text(balance.convertedIn),
  convertedOut: text(balance.convertedOut),
});

/** Converted in/out, only where a conversion moved something (most balances never convert). */
const converted = (balance: OwnerBalanceView | ChannelBalanceView) =>
  [
    ...(balance.convertedIn.amount === 0n ? [] : [`  converted in ${text(balance.convertedIn)}`]),
    ...(balance.convertedOut.amount === 0n ? [] : [`  converted out ${text(balance.convertedOut)}`]),
  ].join('');

const describe = (who: string, balance: OwnerBalanceView | ChannelBalanceView) =>
  `${who}  ${balance.currency}  received ${text(balance.received)}${converted(balance)}  fees ${text(balance.fees)}  paid out ${text(balance.paidOut)}  pending ${text(balance.pending)} (in payout ${text(balance.inPayout)})`;

export const balancesCommand: Command = {
  name: NAME,
  summary: "Owners' balances per currency: received, converted, fees, paid out, pending (from the owner_balances read model)",
  description: [
    'Per owner over their channels, then per channel; amounts exact, in the settled currency. Owner "-" is channels without an owner.',
    'Converted in/out (shown when not zero): shares that left in a micro-batched conversion, and the stable coin it gave back.',
  ].join('\n'),
  options: { owner: { type: 'string', valueName: 'id', description: "Only this owner's (Telegram user id)" } },
  json: true,
  examples: ['paygate balances', 'paygate balances --owner 5000000001 --json'],
  async run(context) {
    const owner = optionalOption(context.values, 'owner');
    if (owner !== undefined && !v.is(TelegramUserIdSchema, owner)) throw new UsageError('--owner must be a Telegram user id, a positive whole number like 5000000001', NAME);
    const filter = owner === undefined ? {} : { ownerId: owner };
    await withCommandPlatform(context.io.env, async ({ paygate }) => {
      const [owners, channels] = await Promise.all([
        listOwnerBalances(paygate.readModels, DEFAULT_READ_MODEL_SCHEMA, filter),
        listChannelBalances(paygate.readModels, DEFAULT_READ_MODEL_SCHEMA, filter),
      ]);
      const lines = [
        ...owners.map((balance) => describe(`owner ${balance.ownerId ?? '-'}`, balance)),
        ...channels.map((balance) => `  ${describe(`channel ${balance.channelId} (owner ${balance.ownerId ?? '-'})`, balance)}`),
      ];
      writeResult(context, lines.length === 0 ? 'no balances' : lines.join('\n'), {
        owners: owners.map((balance) => ({ ownerId: balance.ownerId, channels: balance.channels, ...amounts(balance) })),
        channels: channels.map((balance) => ({ channelId: balance.channelId, ownerId: balance.ownerId, ...amounts(balance) })),
      });
    });
    return EXIT_OK;
  },
};
