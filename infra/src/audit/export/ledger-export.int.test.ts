import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { paygateCli } from '../../cli/test-support/run-paygate-cli.ts';
import { startReadSide } from '../../read-side/read-side-harness.ts';
import { seedScenario } from '../../read-side/read-side-scenario.ts';
import { positionText } from './export-range.ts';
import { seedLedgerScenario } from './test-support/ledger-scenario.ts';
import { createMoneyFlow } from './test-support/money-flow.ts';
import { parseCsv } from './test-support/parse-csv.ts';

type Line = Record<string, unknown> & { record: string };

let harness: Awaited<ReturnType<typeof startReadSide>>;
let events: RecordedEvent[];
const folder = mkdtempSync(path.join(tmpdir(), 'paygate-audit-export-'));

beforeAll(async () => {
  harness = await startReadSide('paygate_audit_export');
  // The first money flow through the deciders (a paid invoice split and paid out, and every way a payment goes wrong), then every way money moves.
  await seedScenario(harness.commands);
  await seedLedgerScenario(createMoneyFlow(harness.eventStore));
  await harness.settle();
  events = await harness.eventStore.readAll();
});
afterAll(async () => {
  await harness?.close();
});

const paygate = paygateCli(() => ({ DATABASE_URL: harness.database.url, LOG_LEVEL: 'silent' }));
const exportLines = async (...argv: string[]) => {
  const run = await paygate('audit', 'export', '--format', 'json', ...argv);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
};
const entriesIn = (lines: Line[]) => lines.filter((line) => line.record === 'entry');
/** Decimal text with all its decimals (as both commands print money) as minor units. */
const unitsOf = (text: string) => BigInt(text.replace('.', ''));

describe('paygate audit export (real PostgreSQL, read models live)', () => {
  it('every PaymentReceived, split and payout is in the export, with its events and on-chain hashes', async () => {
    const entries = entriesIn(await exportLines());
    const of = (type: string) => events.filter((event) => event.type === type);
    expect(of('PaymentReceived').length).toBeGreaterThanOrEqual(7);
    for (const received of of('PaymentReceived')) expect(entries.filter((entry) => entry.paymentEventId === received.id), received.streamId).toHaveLength(3);
    for (const split of of('SplitCalculated')) {
      const data = split.data as { paymentId: string; invoiceId: string; gross: { amount: string } };
      const made = entries.filter((entry) => entry.eventId === split.id);
      expect(made.map((entry) => entry.movement)).toEqual(['payment', 'fee', 'owner share']);
      expect(made[0]).toMatchObject({ streamId: split.streamId, position: positionText(split.position), paymentIds: [data.paymentId], invoiceId: data.invoiceId, amountUnits: data.gross.amount });
    }
    for (const sent of of('PayoutSent')) {
      const data = sent.data as { payoutId: string; payoutHash: string; purpose?: string };
      // A conversion's own PayoutSent moves no channel's money: its hashes are on the allocations it paid for.
      const made = data.purpose === 'conversion' ? entries.filter((entry) => entry.payoutId === data.payoutId && entry.movement === 'conversion in') : entries.filter((entry) => entry.eventId === sent.id);
      expect(made.length, data.payoutId).toBeGreaterThanOrEqual(2);
      expect(made.every((entry) => entry.payoutHash === data.payoutHash && typeof entry.txHash === 'string'), data.payoutId).toBe(true);
    }
    expect(entries.filter((entry) => entry.exchangeId === 'cn-ex-0001')).toHaveLength(2);
  });

  it('its closing totals are `paygate ledger check`’s figures, summed over owners per currency and account', async () => {
    const check = await paygate('ledger', 'check', '--json');
    expect(check.code).toBe(0);
    const owners = (JSON.parse(check.stdout) as { owners: Record<string, string>[] }).owners;
    const totals = (await exportLines()).filter((line) => line.record === 'total');
    const accounts = ['received', 'fees', 'pending', 'paidOut', 'convertedIn', 'convertedOut'];
    expect(totals).toHaveLength(new Set(owners.map((owner) => owner.currency)).size * accounts.length);
    for (const total of totals) {
      const checked = owners.filter((owner) => owner.currency === total.currency).reduce((sum, owner) => sum + unitsOf(owner[total.account as string]!), 0n);
      expect(unitsOf((total.closing as { amount: string }).amount), `${total.currency} ${total.account}`).toBe(checked);
      expect(total).toMatchObject({ opening: { units: '0' }, reconciled: true });
    }
    expect(totals.find((total) => total.currency === 'USDTTRC20' && total.account === 'paidOut')!.closing).toBeDefined();
  });

  it('--from/--to by position and by date take exactly their stretch of the log, and its totals reconcile', async () => {
    const [after, last] = [events[40]!, events.at(-6)!];
    const wanted = new Set(events.slice(41, events.length - 5).map((event) => event.id));
    const byPosition = await exportLines('--from', positionText(after.position), '--to', positionText(last.position));
    const entries = entriesIn(byPosition);
    expect(entries.length).toBeGreaterThan(6);
    expect(entries.every((entry) => wanted.has(entry.eventId as string))).toBe(true);
    const all = entriesIn(await exportLines());
    expect(entries).toEqual(all.filter((entry) => wanted.has(entry.eventId as string)));
    expect(byPosition.at(-1)).toMatchObject({ record: 'end', after: positionText(after.position), through: positionText(last.position), reconciled: true, balanced: true });

    // By date: from the first event recorded at or after --from, up to the first one recorded at or after --to.
    const [from, to] = [events[41]!.recordedAt, events.at(-5)!.recordedAt];
    const first = events.findIndex((event) => event.recordedAt >= from);
    const end = events.findIndex((event, index) => index >= first && event.recordedAt >= to);
    const dated = new Set(events.slice(first, end).map((event) => event.id));
    const byDate = entriesIn(await exportLines('--from', from.toISOString(), '--to', to.toISOString()));
    expect(byDate).toEqual(all.filter((entry) => dated.has(entry.eventId as string)));
  });

  it('CSV to --out: written whole, no partial file left beside it; stdout says how much', async () => {
    const out = path.join(folder, 'ledger.csv');
    const run = await paygate('audit', 'export', '--out', out);
    expect(run.code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    const entries = rows.filter((row) => row.record === 'entry');
    expect(run.stdout).toBe(`wrote ${entries.length} ledger entries from ${events.length} events (through ${positionText(events.at(-1)!.position)}) to ${out}; totals reconcile with the ledger\n`);
    expect(entries.length).toBe(entriesIn(await exportLines()).length);
    expect(rows.at(-1)).toMatchObject({ record: 'end', movement: 'reconciled', account: 'balanced' });
    expect(readdirSync(folder)).toEqual(['ledger.csv']);
  });

  it('a payout sent for more than its shares: exit 1 naming the total that does not add up; the export is still whole', async () => {
    await createMoneyFlow(harness.eventStore).payOut('ch-b-usdttrc20-9', 'ch-b', '1002', ['p4'], 2_850_005n, { kind: 'direct', hash: `0x${'9'.repeat(64)}` });
    const run = await paygate('audit', 'export', '--format', 'json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: USDTTRC20 pending: opening 0.000000 + entries -0.000005 is not the ledger\'s 0.000000; the ledger does not balance (run `paygate ledger check`)\n',
    );
    expect(JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!)).toMatchObject({ record: 'end', reconciled: false, balanced: false });
  });

  it.each([
    [['--format', 'xml'], 'error: --format must be one of csv, json (got "xml")'],
    [['--from', '2026-02-30'], 'error: --from is no date that exists (got "2026-02-30")'],
    [['--to', 'last-week'], 'error: --to must be a date'],
    [['--from', '2026-02-01', '--to', '2026-01-01'], 'error: --to must be later than --from'],
    [['--out', '/nonexistent-folder/ledger.csv'], 'error: --out: the folder /nonexistent-folder does not exist'],
  ])('%j → exit 2, a clear message, nothing written', async (argv, message) => {
    const out = path.join(folder, 'refused.csv');
    const run = await paygate('audit', 'export', ...argv, ...(argv.includes('--out') ? [] : ['--out', out]));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
