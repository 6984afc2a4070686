import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Interface, keccak256, Transaction } from 'ethers';
import type { RpcCall, RpcVerdict } from '../payouts/test-support/rpc-proxy.ts';
import { decimalOf, typesOf, walletArgs, type Route, type ShownEvent } from '../payouts/test-support/payout-cli.ts';
import { freshWallet, PARKING_ACCOUNT, seconds, startPayoutHarness, type PayoutHarness } from '../payouts/test-support/payout-harness.ts';

/**
 * The outside world misbehaving under a running `paygate start`: the Ethereum node erring and
 * stalling, ChangeNOW erring and refunding, a broadcast lost for good, a host wallet short of
 * funds. Every verdict is read from the chain (anvil, through no relay) and the ChangeNOW
 * simulator, then from `paygate payouts show` and `paygate ledger check`.
 */

const CHANNELS = {
  txCount: { route: 'direct' },
  sendRaw: { route: 'swap' },
  receipt: { route: 'direct' },
  stall: { route: 'direct' },
  changenow5xx: { route: 'swap' },
  refunded: { route: 'swap' },
  shortHost: { route: 'direct' },
  replaced: { route: 'direct' },
} as const satisfies Record<string, { route: Route }>;
type ChannelName = keyof typeof CHANNELS;

const channel = (name: ChannelName) => {
  const index = Object.keys(CHANNELS).indexOf(name);
  return {
    route: CHANNELS[name].route as Route,
    channelId: `ch_fault_${name.toLowerCase()}`,
    chatId: `-10030000000${String(index + 1).padStart(2, '0')}`,
    owner: String(4200 + index),
    user: String(9200 + index),
    wallet: freshWallet(`gateway-${name}`),
    payoutId: `ch_fault_${name.toLowerCase()}-usdterc20-1`,
  };
};

// The sandbox host chain's JSON-RPC client gives up after 10 s (sandbox-payout-gateways.ts).
const RPC_CLIENT_TIMEOUT_MS = 10_000;
const ERC20 = new Interface(['function transfer(address to, uint256 amount)']);

describe('payouts under gateway faults: RPC errors and stalls, ChangeNOW 5xx and refunds, lost broadcasts, a short host wallet', () => {
  let bench: PayoutHarness;
  /** Every transaction the host wallet is expected to have mined so far (payouts and the test's own). */
  let hostTxs = 0;

  beforeAll(async () => {
    bench = await startPayoutHarness({ name: 'payout_gateway_faults', confirmations: 2, env: { LOG_LEVEL: 'warn' } });
    await bench.start();
    await Promise.all(
      (Object.keys(CHANNELS) as ChannelName[]).map((name) => {
        const { channelId, chatId, owner, route, wallet } = channel(name);
        return bench.setUpChannel(channelId, chatId, owner, walletArgs(route, wallet));
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await bench?.close();
  });

  /** The relay answers `verdict` for the first `count` calls of `method`, then forwards; counts every call. */
  const faultFirst = (method: string, count: number, verdict: (call: RpcCall) => Promise<RpcVerdict> | RpcVerdict) => {
    const seen = { calls: 0, faulted: 0 };
    bench.world.rpc.hooks.before = (call) => {
      if (call.method !== method) return 'forward';
      seen.calls += 1;
      if (seen.faulted >= count) return 'forward';
      seen.faulted += 1;
      return verdict(call);
    };
    return seen;
  };

  /** Pays into the channel and waits until its payout is sent; checks the one transfer on the chain and the owner's money. */
  const paidOnce = async (name: ChannelName) => {
    const { channelId, route, wallet, user, payoutId } = channel(name);
    await bench.pay(channelId, user);
    const payout = await bench.payoutIn(channelId, 'sent');
    hostTxs += 1;
    expect(payout).toMatchObject({ payoutId, route, status: 'sent' });
    const transfers = await bench.transfersTo(route === 'swap' ? payout.payinAddress! : wallet);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ currency: 'USDTERC20', status: 'success' });
    expect(decimalOf(transfers[0]!.amount, 6)).toBe(payout.amount.amount);
    const held = await bench.world.tokenBalance(route === 'swap' ? 'USDTMATIC' : 'USDTERC20', wallet);
    expect(payout.received).toEqual({ amount: decimalOf(held, 6), currency: route === 'swap' ? 'USDTMATIC' : 'USDTERC20' });
    expect(await bench.world.hostTransfers()).toHaveLength(hostTxs);
    const shown = await bench.show(payoutId);
    return { payout, transfer: transfers[0]!, events: shown.events };
  };

  const expectLedgerBalanced = async () => {
    const ledger = await bench.ledgerCheck();
    expect(ledger.code, ledger.stdout + ledger.stderr).toBe(0);
  };

  describe('(a) the Ethereum node errs (HTTP 500) and stalls', () => {
    it.each([
      ['eth_getTransactionCount', 'txCount'],
      ['eth_sendRawTransaction', 'sendRaw'],
      ['eth_getTransactionReceipt', 'receipt'],
    ] as const)('%s answers 500 three times → retried, sent, one transfer', async (method, name) => {
      const t0 = Date.now();
      const seen = faultFirst(method, 3, () => 'fail');
      try {
        const { events } = await paidOnce(name);
        expect(seen.faulted).toBe(3);
        expect(seen.calls).toBeGreaterThan(3);
        // The errors never made PayGate sign anew: one candidate, re-sent byte for byte.
        expect(typesOf(events).filter((type) => type === 'TransferSigned')).toHaveLength(1);
        expect(typesOf(events)).not.toContain('PayoutFailed');
      } finally {
        bench.world.clearHooks();
      }
      await expectLedgerBalanced();
      console.log(`[gateway] ${method} ×3 HTTP 500 (${CHANNELS[name].route}): sent in ${seconds(Date.now() - t0)}`);
    }, 120_000);

    it('eth_sendRawTransaction stalls past the client timeout, then reaches the node anyway → re-sent, one transfer', async () => {
      const t0 = Date.now();
      let stalledHash: string | undefined;
      const seen = faultFirst('eth_sendRawTransaction', 1, async (call): Promise<RpcVerdict> => {
        stalledHash = keccak256(String(call.params[0]));
        await sleep(RPC_CLIENT_TIMEOUT_MS + 2_000);
        return 'forward'; // the node gets it after PayGate gave up on the answer
      });
      try {
        const { transfer, events } = await paidOnce('stall');
        expect(seen.faulted).toBe(1);
        expect(seen.calls).toBeGreaterThan(1);
        expect(transfer.hash).toBe(stalledHash);
        expect(typesOf(events).filter((type) => type === 'TransferSigned')).toHaveLength(1);
      } finally {
        bench.world.clearHooks();
      }
      await expectLedgerBalanced();
      console.log(`[gateway] eth_sendRawTransaction stalled ${seconds(RPC_CLIENT_TIMEOUT_MS + 2_000)}: sent in ${seconds(Date.now() - t0)}`);
    }, 120_000);
  });

  it('(b) ChangeNOW answers 503 to the next three requests → retried, sent, one transfer', async () => {
    const t0 = Date.now();
    bench.world.simulator.control.failNextRequests(3);
    await paidOnce('changenow5xx');
    expect(bench.world.simulator.control.faults().failNext).toBe(0);
    await expectLedgerBalanced();
    console.log(`[gateway] ChangeNOW 503 ×3: sent in ${seconds(Date.now() - t0)}`);
  }, 120_000);

  it('(c) ChangeNOW refunds the exchange → failed (refunded), the refund is back in the host wallet, shares stay pending, retry refused', async () => {
    const t0 = Date.now();
    const { channelId, user, payoutId } = channel('refunded');
    const host = bench.world.chain.hostAddress;
    const hostBefore = await bench.world.tokenBalance('USDTERC20', host);
    bench.world.simulator.control.forceOutcome('refunded');
    // How often PayGate asks ChangeNOW about an exchange that has ended refunded already.
    let pollsAfterRefund = 0;
    bench.world.onChangeNow.hook = (request) => {
      if (request.method !== 'GET' || !request.path.endsWith('/exchange/by-id')) return;
      if (bench.world.simulator.control.exchanges().some((exchange) => (exchange as { status?: unknown }).status === 'refunded')) pollsAfterRefund += 1;
    };
    let payout;
    try {
      await bench.pay(channelId, user);
      payout = await bench.payoutIn(channelId, 'failed');
      await sleep(3_000); // a few sweeps
    } finally {
      bench.world.clearHooks();
    }
    hostTxs += 1; // the transfer to the pay-in address did happen
    const tFailed = Date.now();
    // Once for the news, once more to see nothing is new: not a burst of polls (and alerts) per advance.
    expect(pollsAfterRefund).toBeGreaterThanOrEqual(1);
    expect(pollsAfterRefund).toBeLessThanOrEqual(4);

    const shown = await bench.show(payoutId);
    const failed = shown.events.find((event) => event.type === 'PayoutFailed');
    expect(failed?.data).toMatchObject({ status: 'refunded' });
    expect(shown.readModel).toMatchObject({ status: 'failed' });
    expect(shown.readModel!.statusReason).toContain('refunded');
    expect(typesOf(shown.events)).toContain('SwapExecuted');
    expect(typesOf(shown.events)).not.toContain('PayoutSent');

    // On chain: one transfer out to the pay-in address, and ChangeNOW's refund of all of it back to the host wallet.
    const out = await bench.transfersTo(payout.payinAddress!);
    expect(out).toHaveLength(1);
    expect(decimalOf(out[0]!.amount, 6)).toBe(payout.amount.amount);
    const exchange = bench.world.simulator.exchange(payout.exchangeId!)!;
    expect(exchange.status).toBe('refunded');
    const refund = await bench.world.anvil.rpc.call<{ to: string; input: string }>('eth_getTransactionByHash', [exchange.refundHash]);
    const refundReceipt = await bench.world.anvil.rpc.call<{ status: string }>('eth_getTransactionReceipt', [exchange.refundHash]);
    expect(BigInt(refundReceipt.status)).toBe(1n);
    expect(refund.to.toLowerCase()).toBe(bench.world.chain.tokens.USDTERC20!.address.toLowerCase());
    const [refundTo, refundUnits] = ERC20.decodeFunctionData('transfer', refund.input) as unknown as [string, bigint];
    expect(refundTo.toLowerCase()).toBe(host.toLowerCase());
    expect(decimalOf(refundUnits, 6)).toBe(payout.amount.amount);
    expect(await bench.world.tokenBalance('USDTERC20', host)).toBe(hostBefore);

    // The ledger balances: nothing was paid out, the owner's share is still pending (in the failed payout).
    await expectLedgerBalanced();
    const balances = JSON.parse(await bench.cli('balances', '--json')) as { channels: { channelId: string; pending: string; paidOut: string; inPayout: string }[] };
    const balance = balances.channels.find((row) => row.channelId === channelId);
    expect(balance).toMatchObject({ pending: payout.amount.amount, inPayout: payout.amount.amount });
    expect(Number(balance!.paidOut)).toBe(0);

    // Money moved for it: an operator settles it by hand, `payouts retry` will not send it again.
    const retry = await bench.run('payouts', 'retry', payoutId);
    expect(retry.code).not.toBe(0);
    expect(retry.stderr).toMatch(/settle it by hand/);
    await sleep(2_000); // a sweep: nothing restarts it, nothing new is released
    expect(await bench.payoutsOf(channelId)).toMatchObject([{ payoutId, status: 'failed' }]);
    expect(await bench.world.hostTransfers()).toHaveLength(hostTxs);
    console.log(`[gateway] ChangeNOW refunded: failed within ${seconds(tFailed - t0 - 3_000)} after the payment; ${pollsAfterRefund} polls of the refunded exchange`);
  }, 120_000);

  it('(e) the host wallet holds less than the payout → held (insufficient_balance), nothing sent; funded again and retried → sent', async () => {
    const t0 = Date.now();
    const { channelId, user, payoutId, wallet } = channel('shortHost');
    const host = bench.world.chain.hostAddress;
    const hostKey = bench.world.chain.hostKey;
    // Park all but 1 USDT of the host wallet's USDTERC20 elsewhere: the owner's share (about 11.87) no longer fits.
    const parked = (await bench.world.tokenBalance('USDTERC20', host)) - 1_000_000n;
    await bench.sendToken(hostKey, 'USDTERC20', PARKING_ACCOUNT.address, parked);
    hostTxs += 1;

    await bench.pay(channelId, user);
    const held = await bench.payoutIn(channelId, 'held');
    const tHeld = Date.now();
    expect(held.statusReason).toMatch(/^insufficient_balance/);
    const shown = await bench.show(payoutId);
    expect(shown.events.find((event) => event.type === 'PayoutHeld')?.data).toMatchObject({ reason: 'insufficient_balance' });
    expect(typesOf(shown.events)).not.toContain('TransferSigned');
    await sleep(3_000); // a few sweeps: still held, nothing signed or sent
    expect(await bench.payoutsOf(channelId)).toMatchObject([{ payoutId, status: 'held' }]);
    expect(await bench.transfersTo(wallet)).toEqual([]);
    expect(await bench.world.hostTransfers()).toHaveLength(hostTxs);
    await expectLedgerBalanced();

    await bench.sendToken(PARKING_ACCOUNT.privateKey, 'USDTERC20', host, parked);
    const retried = JSON.parse(await bench.cli('payouts', 'retry', payoutId, '--by', 'fault-suite', '--json')) as { resumed: boolean };
    expect(retried.resumed).toBe(true);
    const payout = await bench.payoutIn(channelId, 'sent');
    hostTxs += 1;
    const transfers = await bench.transfersTo(wallet);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ currency: 'USDTERC20', status: 'success', hash: payout.payoutHash });
    expect(decimalOf(await bench.world.tokenBalance('USDTERC20', wallet), 6)).toBe(payout.amount.amount);
    expect(payout.received).toEqual(payout.amount);
    expect(await bench.world.hostTransfers()).toHaveLength(hostTxs);
    await expectLedgerBalanced();
    console.log(`[gateway] host wallet short: held ${seconds(tHeld - t0)} after the payment; sent ${seconds(Date.now() - tHeld)} after being held (incl. 3 s watch, funding, retry)`);
  }, 120_000);

  it('(d) the first broadcast is lost for good → after PAYOUT_REPLACE_AFTER_SECONDS a same-nonce replacement at a higher fee is mined; one transfer', async () => {
    await bench.stop();
    await bench.start({ PAYOUT_REPLACE_AFTER_SECONDS: '5' });
    const t0 = Date.now();
    const { channelId, user, payoutId, wallet } = channel('replaced');
    let first: string | undefined;
    let dropped = 0;
    bench.world.rpc.hooks.before = (call) => {
      if (call.method !== 'eth_sendRawTransaction') return 'forward';
      const hash = keccak256(String(call.params[0]));
      first ??= hash;
      if (hash !== first) return 'forward';
      dropped += 1;
      return 'drop';
    };
    let payout;
    try {
      await bench.pay(channelId, user);
      payout = await bench.payoutIn(channelId, 'sent');
    } finally {
      bench.world.clearHooks();
    }
    hostTxs += 1;
    const tSent = Date.now();

    const shown = await bench.show(payoutId);
    const signed = shown.events.filter((event) => event.type === 'TransferSigned');
    expect(signed.length).toBeGreaterThanOrEqual(2);
    const [original, replacement] = signed as [ShownEvent, ShownEvent];
    expect(original.data.hash).toBe(first);
    expect(original.data.replaces).toBeUndefined();
    expect(replacement.data.replaces).toBe(first);
    expect(replacement.data.nonce).toBe(original.data.nonce);
    const [before, after] = [Transaction.from(String(original.data.rawTransaction)), Transaction.from(String(replacement.data.rawTransaction))];
    expect(after.nonce).toBe(before.nonce);
    expect(after.maxFeePerGas! > before.maxFeePerGas!).toBe(true);
    expect(after.maxPriorityFeePerGas! > before.maxPriorityFeePerGas!).toBe(true);
    expect(dropped).toBeGreaterThanOrEqual(1);

    // On chain: only the replacement, never the lost original.
    const transfers = await bench.transfersTo(wallet);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]!.hash).toBe(replacement.data.hash);
    expect(await bench.world.anvil.rpc.call<unknown>('eth_getTransactionByHash', [first])).toBeNull();
    expect(payout.payoutHash).toBe(replacement.data.hash);
    expect(payout.transfers.map((transfer) => transfer.hash)).toEqual(signed.map((event) => event.data.hash));
    expect(decimalOf(await bench.world.tokenBalance('USDTERC20', wallet), 6)).toBe(payout.amount.amount);
    expect(await bench.world.hostTransfers()).toHaveLength(hostTxs);
    await expectLedgerBalanced();
    console.log(`[gateway] lost broadcast (dropped ${dropped}×): replacement signed, sent in ${seconds(tSent - t0)}`);
  }, 120_000);
});
