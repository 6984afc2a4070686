// Test fixture: a real anvil with one sandbox USDT, and the host wallet (dev account 1) holding some.
import type { HostChain, TransferStatus } from '@paygate/domain';
import { createEthereumHostChain } from './host-chain.ts';
import { startAnvil, type Anvil, type AnvilOptions } from './sandbox/anvil.ts';
import { deploySandboxTokens } from './sandbox/deploy-sandbox-tokens.ts';
import { createSandboxSettlement } from './sandbox/sandbox-settlement.ts';
import type { TokenConfig } from './token-table.ts';

export type HostChainFixture = {
  readonly anvil: Anvil;
  readonly tokens: Record<string, TokenConfig>;
  readonly host: HostChain;
  /** The host key (a public anvil dev key): tests check it never shows in errors. */
  readonly hostKey: string;
  /** A fresh recipient per call, so balances start at zero. */
  readonly recipient: () => string;
  readonly balanceAt: (address: string, currency: string) => Promise<bigint>;
};

export const HOST_USDT = 1_000_000_000n; // 1,000 USDT (6 decimals)

export const startHostChainFixture = async (anvilOptions: AnvilOptions = {}): Promise<HostChainFixture> => {
  const anvil = await startAnvil(anvilOptions);
  const [deployer, hostAccount] = anvil.accounts;
  if (deployer === undefined || hostAccount === undefined) throw new Error('anvil has no dev accounts');
  const tokens = await deploySandboxTokens(anvil.rpcUrl, deployer.privateKey, [{ code: 'USDTERC20', symbol: 'USDT', decimals: 6 }]);
  const settlement = createSandboxSettlement({ rpcUrl: anvil.rpcUrl, payerKey: deployer.privateKey, tokens });
  await settlement.pay('USDTERC20', hostAccount.address, HOST_USDT);
  const host = createEthereumHostChain({
    rpcUrl: anvil.rpcUrl,
    privateKey: hostAccount.privateKey,
    network: 'ethereum',
    tokens,
    chainId: anvil.chainId,
    rpcTimeoutMs: 5_000,
  });
  let next = 0x1000;
  const recipient = () => `0x${(next++).toString(16).padStart(40, '0')}`;
  return { anvil, tokens, host, hostKey: hostAccount.privateKey, recipient, balanceAt: settlement.depositAt };
};

/**
 * The status once anvil's automine has taken the transaction: a broadcast returns when the node
 * has it, and the block that mines it may follow a moment later on a loaded machine.
 */
export const settledStatus = async (host: HostChain, hashes: readonly string[], confirmations: number): Promise<TransferStatus> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = await host.transferStatus(hashes, confirmations);
    if (status.state !== 'pending' || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
