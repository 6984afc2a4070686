import { formatMoney, PayGateError } from '@paygate/domain';
import { sandboxWalletBalances } from '@paygate/gateways';
import { loadConfig } from '../../config/index.ts';
import { readRuntimeInfo } from '../../runtime/runtime-file.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'sandbox wallet';

export const sandboxWalletCommand: Command = {
  name: NAME,
  summary: "Show what an address holds on the sandbox's local chain (ETH and the sandbox stable coins)",
  description: 'Reads the chain the running `paygate start` launched (sandbox mode): an owner sees a payout arrive in their wallet.',
  positionals: [{ name: 'address', required: true, description: 'An EVM address with its EIP-55 checksum' }],
  json: true,
  examples: ['paygate sandbox wallet 0x90F79bf6EB2c4f870365E785982E1f101E93b906'],
  async run(context) {
    const config = loadConfig(context.io.env);
    if (config.mode !== 'sandbox') throw new UsageError('runs in sandbox mode only: live wallets are on a real chain', NAME);
    const address = context.positionals[0]!;
    const running = await readRuntimeInfo(config.dataDir);
    const chainUrl = config.payouts.sandboxChainUrl ?? running?.chainUrl;
    if (chainUrl === undefined) throw new PayGateError('unavailable', `no sandbox chain found in ${config.dataDir}: start PayGate with \`paygate start\` first`);
    const balances = await sandboxWalletBalances(chainUrl, address);
    const lines = balances.map(({ currency, decimals, units }) => `${formatMoney({ amount: units, currency, decimals })} ${currency}`);
    writeResult(context, [`${address} on the sandbox chain:`, ...lines.map((line) => `  ${line}`)].join('\n'), {
      address,
      balances: balances.map(({ currency, decimals, units }) => ({ currency, amount: formatMoney({ amount: units, currency, decimals }) })),
    });
    return EXIT_OK;
  },
};
