import { getAddress, keccak256, Transaction } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_USDT, settledStatus, startHostChainFixture, type HostChainFixture } from './host-chain-fixture.ts';

let chain: HostChainFixture;
beforeAll(async () => {
  chain = await startHostChainFixture();
});
afterAll(async () => {
  await chain?.anvil.stop();
});

describe('EthereumHostChain on a real anvil', () => {
  it('is the host account, EIP-55, with ETH and its tokens', async () => {
    const { host, anvil } = chain;
    expect(host.address).toBe(anvil.accounts[1]?.address);
    expect(host.network).toBe('ethereum');
    expect(host.currencies).toEqual(['ETH', 'USDTERC20']);
    expect(await host.balanceOf('USDTERC20')).toBe(HOST_USDT);
    expect(await host.balanceOf('ETH')).toBeGreaterThan(9_000n * 10n ** 18n);
  });

  it('signs without sending; the stored bytes broadcast twice; the status goes pending → mined → confirmed', async () => {
    const { host, anvil, recipient, balanceAt } = chain;
    const to = recipient();
    const nonce = await host.pendingNonce();
    const signed = await host.signTransfer({ currency: 'ETH', to, amount: 123_456_789n, nonce });
    expect(signed.hash).toBe(keccak256(signed.rawTransaction));
    expect(signed.hash).toBe(signed.hash.toLowerCase());
    const tx = Transaction.from(signed.rawTransaction);
    expect(tx.type).toBe(2);
    expect(tx.gasLimit).toBe(21_000n);
    expect(tx.chainId).toBe(31337n);
    expect(tx.to).toBe(getAddress(to));

    expect(await host.transferStatus([signed.hash], 1)).toEqual({ state: 'unknown' });
    expect(await host.pendingNonce()).toBe(nonce);

    await anvil.setAutomine(false);
    try {
      await host.broadcast(signed.rawTransaction);
      await host.broadcast(signed.rawTransaction); // "transaction already imported": not an error
      expect(await host.transferStatus([signed.hash], 3)).toEqual({ state: 'pending' });
      expect(await host.pendingNonce()).toBe(nonce + 1);

      await anvil.mine(1);
      const mined = await host.transferStatus([signed.hash], 3);
      expect(mined).toMatchObject({ state: 'mined', hash: signed.hash, confirmations: 1 });
      await anvil.mine(1);
      expect(await host.transferStatus([signed.hash], 3)).toMatchObject({ state: 'mined', confirmations: 2 });
      await anvil.mine(1);
      const confirmed = await host.transferStatus([signed.hash], 3);
      expect(confirmed).toMatchObject({ state: 'confirmed', hash: signed.hash, blockNumber: mined.state === 'mined' ? mined.blockNumber : -1 });
      expect(confirmed.state === 'confirmed' && confirmed.gasUsed).toBe(21_000n);

      await host.broadcast(signed.rawTransaction); // mined: "nonce too low", still not an error
    } finally {
      await anvil.setAutomine(true);
    }
    expect(await balanceAt(to, 'ETH')).toBe(123_456_789n);
  });

  it('sends an ERC-20 transfer with an estimated gas limit plus 20%', async () => {
    const { host, recipient, balanceAt } = chain;
    const to = recipient();
    const before = await host.balanceOf('USDTERC20');
    const signed = await host.signTransfer({ currency: 'USDTERC20', to, amount: 2_500_000n, nonce: await host.pendingNonce() });
    const tx = Transaction.from(signed.rawTransaction);
    expect(tx.to).toBe(chain.tokens.USDTERC20?.address);
    expect(tx.value).toBe(0n);
    await host.broadcast(signed.rawTransaction);
    const status = await settledStatus(host, [signed.hash], 1);
    expect(status.state).toBe('confirmed');
    if (status.state !== 'confirmed') return;
    // The margin: the limit is the estimate × 1.2 (rounded up), so about 1.2 × what was used.
    expect(tx.gasLimit).toBeGreaterThan(status.gasUsed);
    expect(tx.gasLimit).toBeLessThanOrEqual((status.gasUsed * 13n) / 10n);
    expect(await balanceAt(to, 'USDTERC20')).toBe(2_500_000n);
    expect(await host.balanceOf('USDTERC20')).toBe(before - 2_500_000n);
  });

  it('reports a mined transfer that reverted (the balance was spent by the transfer before it)', async () => {
    const { host, anvil, recipient } = chain;
    const balance = await host.balanceOf('USDTERC20');
    const nonce = await host.pendingNonce();
    // Both are estimated against today's balance, so both sign; only the first can succeed.
    const first = await host.signTransfer({ currency: 'USDTERC20', to: recipient(), amount: balance, nonce });
    const second = await host.signTransfer({ currency: 'USDTERC20', to: recipient(), amount: balance, nonce: nonce + 1 });
    await anvil.setAutomine(false);
    try {
      await host.broadcast(first.rawTransaction);
      await host.broadcast(second.rawTransaction);
      await anvil.mine(1);
    } finally {
      await anvil.setAutomine(true);
    }
    expect((await settledStatus(host, [first.hash], 1)).state).toBe('confirmed');
    expect(await settledStatus(host, [second.hash], 1)).toMatchObject({ state: 'reverted', hash: second.hash });
    expect(await host.balanceOf('USDTERC20')).toBe(0n);
    // Signing a transfer that would revert today is refused instead of burning gas.
    await expect(host.signTransfer({ currency: 'USDTERC20', to: recipient(), amount: 1n, nonce: nonce + 2 })).rejects.toMatchObject({
      kind: 'validation',
    });
  });

  it('prices the worst transfer at today’s fee cap', async () => {
    const { host, anvil } = chain;
    const block = await anvil.rpc.call<{ baseFeePerGas: string }>('eth_getBlockByNumber', ['latest', false]);
    const tip = BigInt(await anvil.rpc.call<string>('eth_maxPriorityFeePerGas'));
    const feeCap = 2n * BigInt(block.baseFeePerGas) + tip;
    expect(await host.maxTransferCost('ETH')).toBe(21_000n * feeCap);
    const tokenCost = await host.maxTransferCost('USDTERC20');
    expect(tokenCost % feeCap).toBe(0n);
    expect(tokenCost / feeCap).toBeGreaterThan(21_000n);
    expect(tokenCost / feeCap).toBeLessThanOrEqual(100_000n);
  });

  it('refuses bad requests as validation errors', async () => {
    const { host, recipient } = chain;
    const nonce = await host.pendingNonce();
    const to = recipient();
    await expect(host.signTransfer({ currency: 'USDTBSC', to, amount: 1n, nonce })).rejects.toMatchObject({ kind: 'validation' });
    await expect(host.signTransfer({ currency: 'ETH', to: '0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266', amount: 1n, nonce })).rejects.toMatchObject({
      kind: 'validation',
    });
    await expect(host.signTransfer({ currency: 'ETH', to, amount: 0n, nonce })).rejects.toMatchObject({ kind: 'validation' });
    await expect(host.signTransfer({ currency: 'ETH', to, amount: 1n, nonce: -1 })).rejects.toMatchObject({ kind: 'validation' });
    const other = await host.signTransfer({ currency: 'ETH', to, amount: 1n, nonce });
    await expect(host.signTransfer({ currency: 'ETH', to, amount: 1n, nonce: nonce + 1, bumpOver: other.rawTransaction })).rejects.toMatchObject({
      kind: 'validation',
    });
    await expect(host.signTransfer({ currency: 'ETH', to, amount: 1n, nonce, bumpOver: '0x1234' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(host.broadcast('0xdeadbeef')).rejects.toMatchObject({ kind: 'validation' });
    await expect(host.transferStatus(['0x12'], 1)).rejects.toMatchObject({ kind: 'validation' });
    await expect(host.transferStatus([other.hash], 0)).rejects.toMatchObject({ kind: 'validation' });
  });
});
