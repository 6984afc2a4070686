import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { isPayGateError, type HostChain } from '@paygate/domain';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEthereumHostChain } from './host-chain.ts';
import { startAnvil, type Anvil } from './sandbox/anvil.ts';
import { ANVIL_DEV_ACCOUNTS } from './sandbox/dev-accounts.ts';

const KEY = ANVIL_DEV_ACCOUNTS[1]?.privateKey ?? '';
const SECRETS = ['s3cret-pass', 'PATH-API-KEY', 'QUERY-API-KEY', KEY, KEY.slice(2), KEY.slice(2, 18)];
// Valid signed bytes, made without any node, so broadcast really reaches the (failing) RPC.
const SIGNED_OFFLINE = new Wallet(KEY).signTransaction({
  type: 2,
  chainId: 31337,
  nonce: 0,
  gasLimit: 21_000,
  maxFeePerGas: 3_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
  to: ANVIL_DEV_ACCOUNTS[2]?.address ?? '',
  value: 1n,
});
const withCredentials = (port: number) => `http://rpc-user:s3cret-pass@127.0.0.1:${port}/v3/PATH-API-KEY?apikey=QUERY-API-KEY`;

const hostAt = (rpcUrl: string, rpcTimeoutMs = 2_000): HostChain =>
  createEthereumHostChain({ rpcUrl, privateKey: KEY, network: 'ethereum', tokens: {}, rpcTimeoutMs });

/** Every call the port makes fails `unavailable`, and nothing in the error shows a secret. */
const expectUnavailableWithoutSecrets = async (host: HostChain): Promise<string[]> => {
  const messages: string[] = [];
  const calls: Array<() => Promise<unknown>> = [
    () => host.pendingNonce(),
    () => host.balanceOf('ETH'),
    () => host.maxTransferCost('ETH'),
    () => host.signTransfer({ currency: 'ETH', to: ANVIL_DEV_ACCOUNTS[2]?.address ?? '', amount: 1n, nonce: 0 }),
    async () => host.broadcast(await SIGNED_OFFLINE),
    () => host.transferStatus(['0x' + 'ab'.repeat(32)], 1),
  ];
  for (const call of calls) {
    const error = await call().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isPayGateError(error) && error.kind).toBe('unavailable');
    const shown = isPayGateError(error) ? `${error.message} ${JSON.stringify(error.details)} ${String(error.cause ?? '')} ${error.stack ?? ''}` : '';
    for (const secret of SECRETS) expect(shown).not.toContain(secret);
    messages.push(isPayGateError(error) ? error.message : '');
  }
  return messages;
};

describe('RPC failures', () => {
  let anvil: Anvil;
  beforeAll(async () => {
    anvil = await startAnvil();
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('sends user-info as a Basic header, never in the URL: a live node answers', async () => {
    const port = Number(new URL(anvil.rpcUrl).port);
    const host = hostAt(`http://rpc-user:s3cret-pass@127.0.0.1:${port}/`);
    expect(await host.pendingNonce()).toBe(0);
  });

  it('a stopped node: unavailable, no key or URL credentials in the error', async () => {
    const stopped = await startAnvil();
    const port = Number(new URL(stopped.rpcUrl).port);
    await stopped.stop();
    const messages = await expectUnavailableWithoutSecrets(hostAt(withCredentials(port)));
    expect(messages[0]).toMatch(/ECONNREFUSED/);
  });

  it('a node that accepts the connection and never answers: unavailable after the timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const messages = await expectUnavailableWithoutSecrets(hostAt(withCredentials(port), 300));
      expect(messages[0]).toMatch(/no answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it.each([
    [502, 'unavailable'],
    [429, 'rate_limited'],
  ])('an HTTP %i answer is %s', async (status, kind) => {
    const failing = createHttpServer((_request, response) => {
      response.statusCode = status;
      response.end('{}');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = failing.address() as AddressInfo;
      await expect(hostAt(withCredentials(port)).pendingNonce()).rejects.toMatchObject({ kind, message: expect.not.stringContaining('s3cret') });
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it('a node on another chain than configured is refused before signing', async () => {
    const host = createEthereumHostChain({ rpcUrl: anvil.rpcUrl, privateKey: KEY, network: 'ethereum', tokens: {}, chainId: 1, rpcTimeoutMs: 2_000 });
    await expect(host.signTransfer({ currency: 'ETH', to: ANVIL_DEV_ACCOUNTS[2]?.address ?? '', amount: 1n, nonce: 0 })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/chain 31337, not the configured 1/),
    });
  });

  it('refuses a malformed private key without echoing it', () => {
    const bad = `${KEY.slice(0, 60)}zz`;
    expect(() => createEthereumHostChain({ rpcUrl: anvil.rpcUrl, privateKey: bad, network: 'ethereum', tokens: {}, rpcTimeoutMs: 1_000 })).toThrow(
      expect.objectContaining({ kind: 'validation', message: expect.not.stringContaining(KEY.slice(2, 18)) }),
    );
  });
});
