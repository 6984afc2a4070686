import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenConfig } from '../token-table.ts';
import { startAnvil, type Anvil } from './anvil.ts';
import { compileTestToken } from './compile-test-token.ts';
import { deploySandboxTokens } from './deploy-sandbox-tokens.ts';
import { createSandboxSettlement, type SandboxSettlement } from './sandbox-settlement.ts';

let anvil: Anvil;
let tokens: Record<string, TokenConfig>;
let settlement: SandboxSettlement;
beforeAll(async () => {
  anvil = await startAnvil();
  const payerKey = anvil.accounts[0]?.privateKey ?? '';
  tokens = await deploySandboxTokens(anvil.rpcUrl, payerKey, [
    { code: 'USDTERC20', symbol: 'USDT', decimals: 6 },
    { code: 'USDTMATIC', symbol: 'USDT', decimals: 6 },
    { code: 'USDTBSC', symbol: 'USDT', decimals: 18 },
  ]);
  settlement = createSandboxSettlement({ rpcUrl: anvil.rpcUrl, payerKey, tokens });
});
afterAll(async () => {
  await anvil?.stop();
});

const fresh = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

describe('sandbox tokens and settlement on anvil', () => {
  it('compiles TestToken offline with solc-js', () => {
    const { abi, bytecode } = compileTestToken();
    const token = new Interface(abi);
    expect(token.getFunction('transferFrom')).not.toBeNull();
    expect(token.getEvent('Transfer')).not.toBeNull();
    expect(bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
    expect(compileTestToken()).toBe(compileTestToken()); // cached in memory
  });

  it('deploys one token per code with its decimals, and mints the deployer a large supply', async () => {
    const token = new Interface(compileTestToken().abi);
    expect(new Set(Object.values(tokens).map(({ address }) => address)).size).toBe(3);
    for (const [code, decimals] of [['USDTERC20', 6], ['USDTBSC', 18]] as const) {
      const address = tokens[code]?.address;
      expect(tokens[code]?.decimals).toBe(decimals);
      const answer = await anvil.rpc.call<string>('eth_call', [{ to: address, data: token.encodeFunctionData('decimals') }, 'latest']);
      expect(token.decodeFunctionResult('decimals', answer)[0]).toBe(BigInt(decimals));
      expect(await settlement.depositAt(anvil.accounts[0]?.address ?? '', code)).toBe(10n ** 12n * 10n ** BigInt(decimals));
    }
  });

  it('pays tokens and the native coin (ETH and BNBBSC alike) and reads the deposits exactly', async () => {
    const to = fresh(0xa1);
    const hash = await settlement.pay('USDTMATIC', to, 1_234_567n);
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await settlement.depositAt(to, 'USDTMATIC')).toBe(1_234_567n);
    expect(await settlement.depositAt(to, 'USDTERC20')).toBe(0n);
    await settlement.pay('ETH', to, 10n ** 15n);
    await settlement.pay('BNBBSC', to, 1n);
    expect(await settlement.depositAt(to, 'ETH')).toBe(10n ** 15n + 1n);
    expect(await settlement.depositAt(to, 'BNBBSC')).toBe(10n ** 15n + 1n);
  });

  it('serializes concurrent payments on one nonce sequence', async () => {
    const to = fresh(0xa2);
    const hashes = await Promise.all([1n, 2n, 3n, 4n, 5n].map((amount) => settlement.pay('USDTBSC', to, amount)));
    expect(new Set(hashes).size).toBe(5);
    expect(await settlement.depositAt(to, 'USDTBSC')).toBe(15n);
  });

  it('refuses currencies the sandbox chain does not have', async () => {
    await expect(settlement.pay('USDTTRC20', fresh(0xa3), 1n)).rejects.toMatchObject({ kind: 'validation' });
    await expect(settlement.depositAt(fresh(0xa3), 'BTC')).rejects.toMatchObject({ kind: 'validation' });
  });
});
