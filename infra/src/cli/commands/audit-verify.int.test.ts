import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendThroughEveryPath, asSuperuser, createTestLog, type TestLog } from '../../audit/chain/test-support/test-log.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';

let log: TestLog;
let dir: string;
beforeAll(async () => {
  log = await createTestLog();
  dir = await mkdtemp(join(tmpdir(), 'paygate-audit-'));
});
afterAll(async () => {
  await log?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `paygate <argv>` against the test database, as an operator would run it with DATABASE_URL. */
const paygate = paygateCli(() => ({ DATABASE_URL: log.db.url, LOG_LEVEL: 'silent' }));

describe('paygate audit verify and audit anchor', () => {
  it('on an empty log: verify is clean and anchor has nothing to anchor', async () => {
    expect(await paygate('audit', 'verify')).toMatchObject({ code: 0, stdout: expect.stringContaining('verified 0 events in 0 streams: the chain is intact\nthe log is empty') });
    expect(await paygate('audit', 'anchor', '--json')).toEqual({ code: 0, stdout: '', stderr: 'the log is empty: nothing to anchor yet\n' });
  });

  it('prints anchors and the head, writes them out, and checks them back; exit 1 naming the first change once the log is tampered with', async () => {
    await appendThroughEveryPath(log);
    const out = join(dir, 'anchors.jsonl');
    const clean = await paygate('audit', 'verify', '--anchor-every', '10', '--anchors-out', out);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^anchor position 10 {2}chain [0-9a-f]{64} {2}events 10 {2}at /m);
    expect(clean.stdout).toContain('verified 21 events in 11 streams: the chain is intact\nhead anchor position 21');
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(3);

    const anchor = await paygate('audit', 'anchor', '--json');
    expect(anchor.code).toBe(0);
    expect(JSON.parse(anchor.stdout)).toMatchObject({ position: { commit: '21', prepare: '21' }, chainHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await writeFile(out, anchor.stdout, { flag: 'a' });
    expect(await paygate('audit', 'verify', '--anchors', out, '--json')).toMatchObject({ code: 0, stdout: expect.stringContaining('"anchorsChecked":4') });

    await asSuperuser(log.db.url, (c) => c.query(`UPDATE paygate_events SET metadata = '{"correlationId": "forged"}' WHERE position = 7`));
    const tampered = await paygate('audit', 'verify', '--anchors', out);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^TAMPERED altered event at position 7 \(stream /m);
    expect(tampered.stderr).toMatch(/^error: the log has been tampered with: altered event at position 7 \(stream .+ revision \d+, event [0-9a-f-]{36}, \w+\): its content no longer matches its stored hashes/);

    const json = await paygate('audit', 'verify', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: false, problems: [{ kind: 'altered', position: { commit: '7', prepare: '7' } }] });
  });

  it('refuses bad options with exit 2 before reading anything', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"position": 1}\n');
    expect(await paygate('audit', 'verify', '--anchors', bad)).toMatchObject({ code: 2, stderr: expect.stringContaining('--anchors') });
    expect(await paygate('audit', 'verify', '--anchors', join(dir, 'missing.jsonl'))).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read') });
    expect(await paygate('audit', 'verify', '--anchor-every', 'often')).toMatchObject({ code: 2, stderr: expect.stringContaining('--anchor-every must be') });
    expect(await paygate('audit', 'verify', '--anchors')).toMatchObject({ code: 2 });
  });
});
