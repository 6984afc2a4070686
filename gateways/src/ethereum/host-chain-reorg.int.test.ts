import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEthereumHostChain } from './host-chain.ts';
import { settledStatus, startHostChainFixture, type HostChainFixture } from './host-chain-fixture.ts';

let chain: HostChainFixture;
beforeAll(async () => {
  chain = await startHostChainFixture();
});
afterAll(async () => {
  await chain?.anvil.stop();
});

/**
 * A JSON-RPC relay in front of anvil that keeps serving the first receipt it saw for a hash, as a
 * lagging replica behind a load balancer does after a reorg. Everything else goes to anvil.
 */
const staleReceiptRelay = async (target: string): Promise<{ url: string; close: () => Promise<void> }> => {
  const receipts = new Map<string, unknown>();
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { id, method, params } = JSON.parse(body) as { id: number; method: string; params: unknown[] };
    const cached = method === 'eth_getTransactionReceipt' ? receipts.get(String(params[0])) : undefined;
    let answer: { result?: unknown };
    if (cached === undefined) {
      answer = (await (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { result?: unknown };
      if (method === 'eth_getTransactionReceipt' && answer.result !== null) receipts.set(String(params[0]), answer.result);
    } else {
      answer = { result: cached };
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ jsonrpc: '2.0', id, ...answer }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

describe('reorg safety', () => {
  it('a transfer whose block is reorged away no longer counts (anvil_reorg)', async () => {
    const { host, anvil, recipient } = chain;
    const signed = await host.signTransfer({ currency: 'ETH', to: recipient(), amount: 7n, nonce: await host.pendingNonce() });
    await host.broadcast(signed.rawTransaction);
    expect((await settledStatus(host, [signed.hash], 1)).state).toBe('confirmed');
    await anvil.reorg(1);
    expect(await host.transferStatus([signed.hash], 1)).toEqual({ state: 'unknown' });
    // The same stored bytes can go out again and are mined in the new chain.
    await host.broadcast(signed.rawTransaction);
    expect((await settledStatus(host, [signed.hash], 1)).state).toBe('confirmed');
  });

  it('a chain reverted to before the block, then grown differently, drops the receipt (evm_snapshot/evm_revert)', async () => {
    const { host, anvil, recipient } = chain;
    const snapshot = await anvil.snapshot();
    const signed = await host.signTransfer({ currency: 'USDTERC20', to: recipient(), amount: 3n, nonce: await host.pendingNonce() });
    await host.broadcast(signed.rawTransaction);
    const mined = await settledStatus(host, [signed.hash], 1);
    expect(mined.state).toBe('confirmed');
    expect(await anvil.revert(snapshot)).toBe(true);
    await anvil.mine(3);
    expect(await host.transferStatus([signed.hash], 1)).toEqual({ state: 'unknown' });
  });

  it('a receipt a node still serves from a block no longer canonical does not count', async () => {
    const { anvil, recipient, tokens, hostKey } = chain;
    const relay = await staleReceiptRelay(anvil.rpcUrl);
    try {
      const host = createEthereumHostChain({ rpcUrl: relay.url, privateKey: hostKey, network: 'ethereum', tokens, rpcTimeoutMs: 5_000 });
      const signed = await host.signTransfer({ currency: 'ETH', to: recipient(), amount: 9n, nonce: await host.pendingNonce() });
      await host.broadcast(signed.rawTransaction);
      const before = await settledStatus(host, [signed.hash], 1);
      expect(before.state).toBe('confirmed');
      await anvil.reorg(1);
      // The relay still hands out the old receipt, but the canonical block at its height differs.
      const stale = await anvil.rpc.call('eth_getTransactionReceipt', [signed.hash]);
      expect(stale).toBeNull();
      expect(await host.transferStatus([signed.hash], 1)).toEqual({ state: 'unknown' });
    } finally {
      await relay.close();
    }
  });
});
