import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTERS_STREAM_ID, type Broker, type BrokerMessage } from '@paygate/domain';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { createNatsBroker } from '../../broker/nats/index.ts';
import { createPostgresEventStore } from '../../event-store/index.ts';
import { createPool } from '../../postgres/index.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';

const streamName = uniqueName('DEAD_CLI');
// Streams may not overlap, so this suite gets a subject space of its own.
const subjectPrefix = `test.${streamName.toLowerCase()}`;
const CONSUMER = 'dead-letter-cli-test';

let database: TestDatabase;
let broker: Broker;
const deliveries: BrokerMessage[] = [];
let failing = true;
beforeAll(async () => {
  database = await createTestDatabase('paygate_cli_dead');
  broker = await createNatsBroker({ servers: testNatsUrl(), streamName, subjects: [`${subjectPrefix}.>`] });
  // A process manager that gives up on its first delivery while `failing`.
  await broker.consume({ name: CONSUMER, filterSubject: `${subjectPrefix}.>`, maxDeliver: 1 }, async (message) => {
    deliveries.push(message);
    if (failing) throw new Error(`handler failed on ${message.id}`);
  });
});
afterAll(async () => {
  await broker?.close();
  const nc = await connect({ servers: testNatsUrl() });
  const jsm = await jetstreamManager(nc);
  for (const stream of [streamName, `${streamName}_DEAD`, `${streamName}_REPLAY`]) await jsm.streams.delete(stream).catch(() => {});
  await nc.close();
  await database?.drop();
});

const env = () => ({ DATABASE_URL: database.url, NATS_URL: testNatsUrl(), NATS_STREAM: streamName, NATS_SUBJECT_PREFIX: subjectPrefix, LOG_LEVEL: 'silent' });
const paygate = paygateCli(env);

type Listed = { id: string; consumer: string; messageId: string; error: string; eventType?: string };

const list = async (): Promise<Listed[]> => {
  const { code, stdout, stderr } = await paygate('dead-letters', 'list', '--json');
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as Listed[];
};

/** Publishes a message the failing consumer buries; resolves with its dead letter. */
const bury = async (messageId: string): Promise<Listed> => {
  await broker.publish(`${subjectPrefix}.payment.Test`, new TextEncoder().encode(`{"n":"${messageId}"}`), { msgId: messageId, headers: { 'Event-Type': 'Test' } });
  return waitFor(`the dead letter of ${messageId}`, async () => (await list()).find((letter) => letter.messageId === messageId));
};

const auditTrail = async () => {
  const pool = createPool(database.url);
  const eventStore = createPostgresEventStore({ pool });
  try {
    return (await eventStore.readStream(DEAD_LETTERS_STREAM_ID)).map((event) => ({ type: event.type, data: event.data as Record<string, unknown> }));
  } finally {
    await eventStore.close();
    await pool.end();
  }
};

const deliveriesOf = (messageId: string) => deliveries.filter((message) => message.id === messageId).length;

describe('paygate dead-letters (real NATS JetStream and PostgreSQL)', () => {
  it('list and show a buried message with its error and payload', async () => {
    expect(await paygate('dead-letters', 'list')).toEqual({ code: 0, stdout: 'no dead letters\n', stderr: '' });
    const letter = await bury('msg-shown');
    expect(letter).toMatchObject({ consumer: CONSUMER, eventType: 'Test', error: expect.stringContaining('handler failed on msg-shown') });
    const text = await paygate('dead-letters', 'list', '--consumer', CONSUMER);
    expect(text.stdout).toContain(`#${letter.id} `);
    expect((await paygate('dead-letters', 'list', '--consumer', 'someone-else', '--json')).stdout).toBe('[]\n');
    const shown = await paygate('dead-letters', 'show', letter.id, '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: letter.id, messageId: 'msg-shown', data: '{"n":"msg-shown"}', headers: { 'Event-Type': 'Test' } });
    expect((await paygate('dead-letters', 'show', letter.id)).stdout).toContain('data:     {"n":"msg-shown"}');
  });

  it('bad or unknown ids are refused and change nothing', async () => {
    const before = await list();
    expect(before.length).toBeGreaterThan(0);
    const bad = await paygate('dead-letters', 'show', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('<id> must be a dead letter id');
    for (const argv of [['show', '999999'], ['replay', '999999', '--by', 'alice'], ['discard', '999999', '--reason', 'x', '--by', 'alice']]) {
      const result = await paygate('dead-letters', ...argv);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: 'error: no such dead letter\n' });
    }
    expect((await paygate('dead-letters', 'discard', before[0]!.id, '--by', 'alice')).code).toBe(2); // no --reason
    expect((await paygate('dead-letters', 'replay', '--by', 'alice')).code).toBe(2); // neither id nor --all
    expect(await list()).toEqual(before);
    expect(await auditTrail()).toEqual([]);
  });

  it('replay re-delivers to the consumer exactly once, removes the letter and records who', async () => {
    const [letter] = (await list()).filter((each) => each.messageId === 'msg-shown');
    failing = false;
    const replayed = await paygate('dead-letters', 'replay', letter!.id, '--by', 'alice');
    expect(replayed).toEqual({ code: 0, stdout: `dead letter #${letter!.id} replayed to ${CONSUMER} by alice\n`, stderr: '' });
    await waitFor('the replayed delivery', () => deliveriesOf('msg-shown') === 2);
    expect(await list()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // room for a wrong second delivery
    expect(deliveriesOf('msg-shown')).toBe(2);
    expect(await auditTrail()).toEqual([{ type: 'DeadLetterReplayed', data: expect.objectContaining({ deadLetterId: letter!.id, messageId: 'msg-shown', consumer: CONSUMER, by: 'alice' }) }]);
  });

  it('discard removes the letter without delivering it and records who and why', async () => {
    failing = true;
    const letter = await bury('msg-discarded');
    failing = false;
    const discarded = await paygate('dead-letters', 'discard', letter.id, '--reason', 'test poison message', '--by', 'bob', '--json');
    expect(discarded.code).toBe(0);
    expect(JSON.parse(discarded.stdout)).toEqual({ discarded: { id: letter.id, consumer: CONSUMER, messageId: 'msg-discarded' }, by: 'bob', reason: 'test poison message' });
    expect(await list()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(deliveriesOf('msg-discarded')).toBe(1);
    expect((await auditTrail()).at(-1)).toEqual({
      type: 'DeadLetterDiscarded',
      data: expect.objectContaining({ deadLetterId: letter.id, messageId: 'msg-discarded', reason: 'test poison message', by: 'bob', error: expect.stringContaining('handler failed on msg-discarded') }),
    });
  });

  it('replay --all replays every dead letter', async () => {
    failing = true;
    await bury('msg-all-1');
    await bury('msg-all-2');
    failing = false;
    const replayed = await paygate('dead-letters', 'replay', '--all', '--by', 'carol', '--json');
    expect(replayed.code).toBe(0);
    expect((JSON.parse(replayed.stdout) as { replayed: unknown[] }).replayed).toHaveLength(2);
    await waitFor('both replays', () => deliveriesOf('msg-all-1') === 2 && deliveriesOf('msg-all-2') === 2);
    expect(await list()).toEqual([]);
  });

  it('without NATS_URL it says where the dead letters are instead of listing an empty broker', async () => {
    const { NATS_URL: _unset, ...rest } = env();
    const result = await paygateCli(() => rest)('dead-letters', 'list');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config error: NATS_URL is not set: without NATS JetStream the dead letters live in the memory of the running `paygate start`');
  });
});
