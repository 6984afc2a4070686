// A process running the relay and one projector, for the SIGKILL fault test. It is killed
// without warning at random moments; nothing here cleans up on purpose.
import { createProjectionRunner } from '@paygate/projections';
import { Kysely, PostgresDialect } from 'kysely';
import { createNatsBroker } from '../broker/nats/index.ts';
import { createPostgresEventStore } from '../event-store/postgres/index.ts';
import { createPool } from '../postgres/index.ts';
import { createRelay } from '../relay/index.ts';
import { eventLogProjection } from './event-log-projection.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

// Failures go to stderr so the test shows them; a double-applied event would appear here.
const log = (level: string) => (object: Record<string, unknown>, message: string) =>
  process.stderr.write(`${level} ${message} ${String((object.err as Error | undefined)?.message ?? '')}\n`);
const logger = { info: () => undefined, warn: log('warn'), error: log('error') };

const pool = createPool(env('DATABASE_URL'));
const eventStore = createPostgresEventStore({ pool });
const broker = await createNatsBroker({ servers: env('NATS_URL'), streamName: env('STREAM'), subjects: [`${env('SUBJECT_PREFIX')}.>`] });
const relay = createRelay({ pool, eventStore, broker, subjectPrefix: env('SUBJECT_PREFIX'), name: env('STREAM'), retryDelayMs: 100, logger });
const projector = createProjectionRunner({
  db: new Kysely<never>({ dialect: new PostgresDialect({ pool }) }),
  eventStore,
  projection: eventLogProjection,
  batchSize: 50,
  retryDelayMs: 100,
  logger,
});
await relay.start();
await projector.start();
process.stdout.write('ready\n');
