import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonRpc } from '../json-rpc.ts';
import { startAnvil, type Anvil } from './anvil.ts';

const answers = async (rpcUrl: string): Promise<boolean> =>
  createJsonRpc({ url: rpcUrl, timeoutMs: 1_000 })
    .call('eth_chainId')
    .then(
      () => true,
      () => false,
    );

describe('startAnvil', () => {
  let anvil: Anvil;
  const lines: string[] = [];
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: 1337, debug: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('runs the npm-shipped anvil on a free port with the well-known funded dev accounts', async () => {
    expect(anvil.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await anvil.rpc.call('eth_chainId')).toBe('0x539');
    const accounts = await anvil.rpc.call<string[]>('eth_accounts');
    expect(accounts.map((address) => address.toLowerCase())).toEqual(anvil.accounts.map(({ address }) => address.toLowerCase()));
    expect(BigInt(await anvil.rpc.call<string>('eth_getBalance', [anvil.accounts[3]?.address, 'latest']))).toBe(10_000n * 10n ** 18n);
    expect(lines.some((line) => line.includes('Listening on'))).toBe(true);
  });

  it('mines on demand and sets balances', async () => {
    const before = BigInt(await anvil.rpc.call<string>('eth_blockNumber'));
    await anvil.mine(3);
    expect(BigInt(await anvil.rpc.call<string>('eth_blockNumber'))).toBe(before + 3n);
    const someone = '0x00000000000000000000000000000000000000aa';
    await anvil.setBalance(someone, 12_345n);
    expect(BigInt(await anvil.rpc.call<string>('eth_getBalance', [someone, 'latest']))).toBe(12_345n);
  });

  it('stop() ends anvil', async () => {
    const other = await startAnvil();
    expect(await answers(other.rpcUrl)).toBe(true);
    await other.stop();
    expect(await answers(other.rpcUrl)).toBe(false);
  });

  it('keeps the chain in stateDir across restarts', async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'paygate-anvil-state-'));
    try {
      const first = await startAnvil({ stateDir });
      await first.setBalance('0x00000000000000000000000000000000000000bb', 777n);
      await first.stop();
      const second = await startAnvil({ stateDir });
      try {
        expect(BigInt(await second.rpc.call<string>('eth_getBalance', ['0x00000000000000000000000000000000000000bb', 'latest']))).toBe(777n);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('dies with the process that started it, even one killed with SIGKILL', async () => {
    const script = `import { startAnvil } from ${JSON.stringify(new URL('./anvil.ts', import.meta.url).href)};
const anvil = await startAnvil();
process.stdout.write(anvil.rpcUrl + '\\n');
setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const rpcUrl = await new Promise<string>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      parent.once('exit', () => reject(new Error('the parent exited before starting anvil')));
    });
    expect(await answers(rpcUrl)).toBe(true);
    parent.kill('SIGKILL');
    let alive = true;
    for (let i = 0; i < 50 && alive; i++) {
      await sleep(100);
      alive = await answers(rpcUrl);
    }
    expect(alive).toBe(false);
  });
});
