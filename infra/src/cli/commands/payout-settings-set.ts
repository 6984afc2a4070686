import { parseMoney, THRESHOLD_CURRENCY } from '@paygate/domain';
import { registeredChannel } from '../channel-lookup.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption, requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { idOption } from '../typed-options.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'payout-settings set';
const STRATEGIES = ['instant', 'threshold'] as const;

/**
 * The owner's `/wallet` and `/payout` from the operator's terminal: the same commands, on the
 * owner's behalf, with the same rules (EIP-55 checksum, networks, the hold on a changed wallet).
 */
export const payoutSettingsSetCommand: Command = {
  name: NAME,
  summary: "Set a channel's payout wallet and strategy (as its owner would with /wallet and /payout)",
  description: [
    'A first wallet is in effect at once; a changed one after PAYOUT_WALLET_HOLD_HOURS, as in the bot.',
    'instant: each payment is paid out as it arrives. threshold: payments wait until their sum reaches --threshold-usd.',
  ].join('\n'),
  options: {
    channel: { type: 'string', valueName: 'id', description: 'PayGate channel id' },
    wallet: { type: 'string', valueName: 'address', description: 'EVM address with its EIP-55 checksum' },
    currency: { type: 'string', valueName: 'code', description: 'Payout currency, e.g. USDTERC20, USDTMATIC, ETH' },
    network: { type: 'string', valueName: 'name', description: 'ethereum, polygon or bsc' },
    strategy: { type: 'string', valueName: 'name', description: 'instant (default) or threshold' },
    'threshold-usd': { type: 'string', valueName: 'decimal', description: 'With --strategy threshold: pay out once this much USD is waiting (10-1000000)' },
  },
  json: true,
  examples: ['paygate payout-settings set --channel ch_1a2b --wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed --currency USDTMATIC --network polygon --strategy threshold --threshold-usd 50'],
  async run(context) {
    const { values, io } = context;
    const channelId = idOption(values, 'channel', NAME);
    const address = requiredOption(values, 'wallet', NAME);
    const currency = requiredOption(values, 'currency', NAME);
    const network = requiredOption(values, 'network', NAME);
    const strategy = optionalOption(values, 'strategy') ?? 'instant';
    if (!(STRATEGIES as readonly string[]).includes(strategy)) throw new UsageError(`--strategy must be ${STRATEGIES.join(' or ')}`, NAME);
    const thresholdText = optionalOption(values, 'threshold-usd');
    if ((strategy === 'threshold') !== (thresholdText !== undefined)) throw new UsageError('--threshold-usd goes with --strategy threshold, and only with it', NAME);
    const threshold = thresholdText === undefined ? undefined : parseMoney(thresholdText, THRESHOLD_CURRENCY);
    await withCommandPlatform(io.env, async ({ platform, paygate }) => {
      const channel = await registeredChannel(platform.eventStore, channelId, NAME);
      const settings = paygate.lifecycle.payoutSettings;
      const requestedBy = channel.ownerId;
      const wallet = await settings.setPayoutWallet({ channelId, requestedBy, address, network, currency });
      const chosen = await settings.choosePayoutStrategy({ channelId, requestedBy, strategy: strategy as (typeof STRATEGIES)[number], ...(threshold === undefined ? {} : { threshold }) });
      const now = await settings.payoutSettingsFor(channelId);
      const pending = now.pendingChange;
      const text = [
        `channel ${channelId}: payouts to ${now.wallet ? `${now.wallet.address} (${now.wallet.currency} on ${now.wallet.network})` : 'no wallet yet'}`,
        pending ? `change to ${pending.wallet.address} takes effect at ${pending.effectiveAt}` : undefined,
        `strategy ${strategy}${threshold ? ` at ${thresholdText} USD` : ''}`,
      ].filter((line) => line !== undefined);
      writeResult(context, text.join('\n'), {
        channelId,
        wallet: now.wallet,
        pendingChange: pending,
        strategy,
        ...(thresholdText === undefined ? {} : { thresholdUsd: thresholdText }),
        changed: wallet.events.length + chosen.events.length > 0,
      });
    });
    return EXIT_OK;
  },
};
