import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaygateProcess } from '../cli/test-support/spawn-paygate.ts';
import { decimalOf, typesOf, walletArgs, type Route, type ShownEvent } from '../payouts/test-support/payout-cli.ts';
import { freshWallet, seconds, startPayoutHarness, type PayoutHarness } from '../payouts/test-support/payout-harness.ts';

/**
 * SIGKILL `paygate start` at each moment a payout can be caught between two facts, then start a
 * new one on the same database, NATS stream and data dir. The chain (anvil) and ChangeNOW (the
 * simulator) belong to the test and outlive the killed process; what moved is read from the
 * chain, never from PayGate. Invariant: one payout, at most one transfer; nothing lost, nothing doubled.
 */

// One confirmation: the first receipt PayGate sees is the one it would record the transfer on,
// so a kill right after it is a kill right before SwapExecuted / PayoutSent.
const CONFIRMATIONS = 1;

type CrashPoint = 'signed, before broadcast' | 'after broadcast' | 'after the receipt' | 'polling the exchange';
type CrashCase = { point: CrashPoint; route: Route; channelId: string; chatId: string; owner: string; wallet: string };

const POINTS: [CrashPoint, Route][] = [
  ['signed, before broadcast', 'swap'],
  ['signed, before broadcast', 'direct'],
  ['after broadcast', 'direct'],
  ['after broadcast', 'swap'],
  ['after the receipt', 'swap'],
  ['after the receipt', 'direct'],
  ['polling the exchange', 'swap'],
];

const CASES: CrashCase[] = POINTS.map(([point, route], index) => ({
  point,
  route,
  channelId: `ch_crash_${index + 1}`,
  chatId: `-10020000000${String(index + 1).padStart(2, '0')}`,
  owner: String(4100 + index),
  wallet: freshWallet(`crash-${index}`),
}));

describe('payouts survive SIGKILL at every step: one transfer per payout, counted on the chain', () => {
  let bench: PayoutHarness;
  let paid = 0;

  beforeAll(async () => {
    bench = await startPayoutHarness({ name: 'payout_crashes', confirmations: CONFIRMATIONS, env: { LOG_LEVEL: 'warn' } });
    await bench.start();
    await Promise.all(CASES.map((crash) => bench.setUpChannel(crash.channelId, crash.chatId, crash.owner, walletArgs(crash.route, crash.wallet))));
  }, 180_000);

  afterAll(async () => {
    await bench?.close();
  });

  /** Arms a one-shot SIGKILL of `victim` at `point`; resolves once the process is dead. */
  const armKill = (point: CrashPoint, victim: PaygateProcess): Promise<void> =>
    new Promise((resolve) => {
      let fired = false;
      // The process is gone before the relay answers it: whatever it was about to do next, it never did.
      const kill = async () => {
        fired = true;
        await bench.kill(victim);
        resolve();
      };
      const { rpc, onChangeNow } = bench.world;
      switch (point) {
        case 'signed, before broadcast':
          rpc.hooks.before = async (call) => {
            if (fired || call.method !== 'eth_sendRawTransaction') return 'forward';
            await kill();
            return 'drop';
          };
          return;
        case 'after broadcast':
          rpc.hooks.after = async (call) => {
            if (!fired && call.method === 'eth_sendRawTransaction') await kill();
          };
          return;
        case 'after the receipt':
          rpc.hooks.after = async (call, result) => {
            if (!fired && call.method === 'eth_getTransactionReceipt' && result !== null && result !== undefined) await kill();
          };
          return;
        case 'polling the exchange':
          onChangeNow.hook = async (request) => {
            if (!fired && request.method === 'GET' && request.path.endsWith('/exchange/by-id')) await kill();
          };
          return;
      }
    });

  const anvilHas = async (hash: string) => (await bench.world.anvil.rpc.call<unknown>('eth_getTransactionByHash', [hash])) !== null;
  const anvilMined = async (hash: string) => (await bench.world.anvil.rpc.call<unknown>('eth_getTransactionReceipt', [hash])) !== null;

  /** What the stream held when the process died proves where it died. */
  const expectCaughtAt = async (point: CrashPoint, route: Route, events: readonly ShownEvent[]) => {
    const types = typesOf(events);
    const signed = events.filter((event) => event.type === 'TransferSigned');
    expect(types).not.toContain('PayoutSent');
    if (point === 'polling the exchange') {
      expect(types).toContain('SwapExecuted');
      return;
    }
    expect(types).not.toContain('SwapExecuted');
    expect(types.at(-1)).toBe('TransferSigned');
    expect(signed).toHaveLength(1);
    expect(types).toContain(route === 'swap' ? 'SwapCreated' : 'PayoutStarted');
    const hash = String(signed[0]!.data.hash);
    if (point === 'signed, before broadcast') expect(await anvilHas(hash), 'the dropped broadcast never reached the node').toBe(false);
    if (point === 'after broadcast') expect(await anvilHas(hash), 'the broadcast reached the node').toBe(true);
    if (point === 'after the receipt') expect(await anvilMined(hash), 'the transfer was mined').toBe(true);
  };

  it.each(CASES)('SIGKILL $point ($route route) → restart → sent, one transfer on chain', async (crash) => {
    const t0 = Date.now();
    const payoutId = `${crash.channelId}-usdterc20-1`;
    const victim = bench.server ?? (await bench.start());
    const killed = armKill(crash.point, victim);
    await bench.pay(crash.channelId, String(9100 + CASES.indexOf(crash)));
    await killed;
    bench.world.clearHooks();
    const tKill = Date.now();
    expect(victim.child.signalCode).toBe('SIGKILL');

    const atKill = await bench.show(payoutId);
    await expectCaughtAt(crash.point, crash.route, atKill.events);

    await bench.start();
    const payout = await bench.payoutIn(crash.channelId, 'sent');
    const tSent = Date.now();
    paid += 1;
    expect(payout).toMatchObject({ payoutId, route: crash.route, status: 'sent' });

    // From the chain: exactly one successful transfer from the host wallet to this payout's destination.
    const destination = crash.route === 'swap' ? payout.payinAddress! : crash.wallet;
    const transfers = await bench.transfersTo(destination);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ currency: 'USDTERC20', status: 'success' });
    expect(decimalOf(transfers[0]!.amount, 6)).toBe(payout.amount.amount);
    // The mined one is one of the payout's signed candidates (the same bytes, re-sent after the restart).
    const shown = await bench.show(payoutId);
    const candidates = shown.events.filter((event) => event.type === 'TransferSigned').map((event) => String(event.data.hash));
    expect(candidates).toContain(transfers[0]!.hash.toLowerCase());
    expect(typesOf(shown.events).filter((type) => type === 'PayoutSent')).toHaveLength(1);
    // Across the whole file: the host wallet sent exactly one transaction per payout, no stray ones.
    expect(await bench.world.hostTransfers()).toHaveLength(paid);

    // The owner holds exactly what PayGate recorded as received.
    const received = crash.route === 'swap' ? await bench.world.tokenBalance('USDTMATIC', crash.wallet) : await bench.world.tokenBalance('USDTERC20', crash.wallet);
    expect(payout.received).toEqual({ amount: decimalOf(received, 6), currency: crash.route === 'swap' ? 'USDTMATIC' : 'USDTERC20' });
    if (crash.route === 'direct') expect(payout.payoutHash).toBe(transfers[0]!.hash.toLowerCase());

    const ledger = await bench.ledgerCheck();
    expect(ledger.code, ledger.stdout + ledger.stderr).toBe(0);
    console.log(`[crash] ${crash.point} (${crash.route}): killed ${seconds(tKill - t0)} after the payment, sent ${seconds(tSent - tKill)} after the kill`);
  }, 150_000);
});
