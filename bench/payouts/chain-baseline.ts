import { Wallet } from 'ethers';
import { createEthereumHostChain } from '@paygate/gateways';
import type { HostChain } from '@paygate/domain';
import { summarise, type Summary } from '../lib/stats.ts';
import { BASELINE_ACCOUNT, type BenchPayoutWorld } from './world.ts';

export type ChainBaseline = {
  /** Sign → broadcast → `confirmations` deep, per transfer, from its own signing. */
  latency: Summary;
  /** Of which: broadcast → mined (in a block at all). */
  toMined: Summary;
  /** First signing → last transfer confirmed. */
  seconds: number;
  reverted: number;
};

const POLL_MS = 50;

/**
 * The chain's own send-and-confirm time, through PayGate's own host-chain client (the same signing,
 * broadcast and reorg-safe confirmation depth as payouts use), from an account PayGate does not
 * touch. `inFlight` transfers at a time: each takes the next nonce, so with `inFlight` = count all
 * are signed and broadcast back to back and ride the same blocks; with 1 each waits for the previous.
 * The random pauses before one-at-a-time sends are not counted. Confirmations are polled every 50 ms (PayGate's sweeper looks every 2 s).
 */
export const chainSendAndConfirm = async (world: BenchPayoutWorld, input: { count: number; inFlight: number; confirmations: number; blockTimeSeconds: number }): Promise<ChainBaseline> => {
  const chain: HostChain = createEthereumHostChain({
    rpcUrl: world.anvil.rpcUrl,
    privateKey: BASELINE_ACCOUNT.privateKey,
    network: 'ethereum',
    tokens: { USDTERC20: world.chain.tokens.USDTERC20! },
    rpcTimeoutMs: 10_000,
  });
  let nonce = await chain.pendingNonce();
  const latencies: number[] = [];
  const toMined: number[] = [];
  let reverted = 0;
  let pausedMs = 0;
  const one = async () => {
    // One at a time, each send would start right after the block that confirmed the previous one,
    // always the worst phase; a random pause (not timed) puts sends anywhere within a block, as payments arrive.
    if (input.inFlight === 1) {
      const pause = Math.random() * input.blockTimeSeconds * 1000;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pausedMs += pause;
    }
    const t0 = performance.now();
    const signed = await chain.signTransfer({ currency: 'USDTERC20', to: Wallet.createRandom().address, amount: 11_870_000n, nonce: nonce++ });
    await chain.broadcast(signed.rawTransaction);
    const sent = performance.now();
    let mined: number | undefined;
    for (;;) {
      const status = await chain.transferStatus([signed.hash], input.confirmations);
      if (status.state !== 'pending') mined ??= performance.now();
      if (status.state === 'confirmed') break;
      if (status.state === 'reverted') {
        reverted += 1;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    latencies.push(performance.now() - t0);
    toMined.push(mined! - sent);
  };
  const started = performance.now();
  let next = 0;
  // Nonces are taken in signing order; signing is synchronous up to its first await, so each worker's nonce++ is its own.
  await Promise.all(
    Array.from({ length: Math.min(input.inFlight, input.count) }, async () => {
      while (next++ < input.count) await one();
    }),
  );
  const elapsed = performance.now() - started - pausedMs;
  return { latency: summarise(latencies, elapsed), toMined: summarise(toMined, elapsed), seconds: elapsed / 1000, reverted };
};
