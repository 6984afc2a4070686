import { Transaction } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChainFixture, type HostChainFixture } from './host-chain-fixture.ts';

let chain: HostChainFixture;
beforeAll(async () => {
  chain = await startHostChainFixture();
});
afterAll(async () => {
  await chain?.anvil.stop();
});

const receiptOf = (hash: string) => chain.anvil.rpc.call<{ status: string } | null>('eth_getTransactionReceipt', [hash]);

describe('replacing a stuck transfer at the same nonce', () => {
  it('bumps both fee fields by ≥ 12.5%; exactly one candidate is mined and reported', async () => {
    const { host, anvil, recipient } = chain;
    const to = recipient();
    const nonce = await host.pendingNonce();
    await anvil.setAutomine(false);
    try {
      const first = await host.signTransfer({ currency: 'USDTERC20', to, amount: 1_000_000n, nonce });
      await host.broadcast(first.rawTransaction);
      expect(await host.transferStatus([first.hash], 1)).toEqual({ state: 'pending' });

      const bump = await host.signTransfer({ currency: 'USDTERC20', to, amount: 1_000_000n, nonce, bumpOver: first.rawTransaction });
      const [old, bumped] = [Transaction.from(first.rawTransaction), Transaction.from(bump.rawTransaction)];
      expect(bumped.nonce).toBe(nonce);
      expect((bumped.maxFeePerGas ?? 0n) * 8n).toBeGreaterThanOrEqual((old.maxFeePerGas ?? 0n) * 9n);
      expect((bumped.maxPriorityFeePerGas ?? 0n) * 8n).toBeGreaterThanOrEqual((old.maxPriorityFeePerGas ?? 0n) * 9n);
      expect(bump.hash).not.toBe(first.hash);

      await host.broadcast(bump.rawTransaction);
      await host.broadcast(first.rawTransaction); // the older candidate again: not an error
      expect(await host.transferStatus([first.hash, bump.hash], 1)).toEqual({ state: 'pending' });

      await anvil.mine(1);
      const receipts = await Promise.all([receiptOf(first.hash), receiptOf(bump.hash)]);
      expect(receipts.filter((receipt) => receipt !== null)).toHaveLength(1);
      expect(receipts[1]).not.toBeNull(); // the higher fees won
      expect(await host.transferStatus([first.hash, bump.hash], 1)).toMatchObject({ state: 'confirmed', hash: bump.hash });
      // The replaced candidate alone is unknown now: it left the pool when its nonce was spent.
      expect(await host.transferStatus([first.hash], 1)).toEqual({ state: 'unknown' });
      expect(await host.pendingNonce()).toBe(nonce + 1);
      await host.broadcast(first.rawTransaction); // "nonce too low": the nonce is spent, not an error
    } finally {
      await anvil.setAutomine(true);
    }
    expect(await chain.balanceAt(to, 'USDTERC20')).toBe(1_000_000n);
  });

  it('a dropped transaction is unknown; its replacement is mined', async () => {
    const { host, anvil, recipient } = chain;
    const to = recipient();
    const nonce = await host.pendingNonce();
    await anvil.setAutomine(false);
    try {
      const first = await host.signTransfer({ currency: 'ETH', to, amount: 5n, nonce });
      await host.broadcast(first.rawTransaction);
      await anvil.dropTransaction(first.hash);
      expect(await host.transferStatus([first.hash], 1)).toEqual({ state: 'unknown' });

      const bump = await host.signTransfer({ currency: 'ETH', to, amount: 5n, nonce, bumpOver: first.rawTransaction });
      await host.broadcast(bump.rawTransaction);
      expect(await host.transferStatus([first.hash, bump.hash], 2)).toEqual({ state: 'pending' });
      await anvil.mine(1);
      expect(await host.transferStatus([first.hash, bump.hash], 2)).toMatchObject({ state: 'mined', hash: bump.hash, confirmations: 1 });
      await anvil.mine(1);
      expect(await host.transferStatus([first.hash, bump.hash], 2)).toMatchObject({ state: 'confirmed', hash: bump.hash });
    } finally {
      await anvil.setAutomine(true);
    }
    expect(await chain.balanceAt(to, 'ETH')).toBe(5n);
  });
});
