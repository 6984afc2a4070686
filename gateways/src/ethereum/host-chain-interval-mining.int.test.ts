import { setTimeout as sleep } from 'node:timers/promises';
import type { TransferStatus } from '@paygate/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChainFixture, type HostChainFixture } from './host-chain-fixture.ts';

// anvil with `--block-time 1`: blocks come on their own, as on a real chain.
let chain: HostChainFixture;
beforeAll(async () => {
  chain = await startHostChainFixture({ blockTimeSeconds: 1 });
});
afterAll(async () => {
  await chain?.anvil.stop();
});

describe('EthereumHostChain with interval mining', () => {
  it('a broadcast token transfer goes pending → mined (1) → confirmed (2) as blocks arrive', async () => {
    const { host, recipient, balanceAt } = chain;
    const to = recipient();
    const signed = await host.signTransfer({ currency: 'USDTERC20', to, amount: 42n, nonce: await host.pendingNonce() });
    await host.broadcast(signed.rawTransaction);
    const seen: TransferStatus['state'][] = [];
    let status: TransferStatus = { state: 'unknown' };
    const deadline = Date.now() + 15_000;
    while (status.state !== 'confirmed' && Date.now() < deadline) {
      status = await host.transferStatus([signed.hash], 2);
      if (seen.at(-1) !== status.state) seen.push(status.state);
      if (status.state === 'mined') expect(status.confirmations).toBe(1);
      await sleep(100);
    }
    expect(status).toMatchObject({ state: 'confirmed', hash: signed.hash });
    // The first poll may already see the block, so `pending` is not guaranteed; `mined` (1 of 2) is.
    expect(seen.filter((state) => state !== 'pending')).toEqual(['mined', 'confirmed']);
    expect(await balanceAt(to, 'USDTERC20')).toBe(42n);
  });
});
