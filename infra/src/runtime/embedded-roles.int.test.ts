import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { openCommandPlatform } from '../cli/command-platform.ts';
import { readRuntimeInfo } from './runtime-file.ts';
import { EMBEDDED_APP_ROLE } from './embedded-postgres.ts';
import { startPayGate, type RunningPayGate } from './index.ts';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('embedded PostgreSQL with an owner and an app role', () => {
  let parent: string | undefined;
  let running: RunningPayGate | undefined;
  afterAll(async () => {
    await running?.stop();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('migrates as the superuser, runs as a generated app role, and lets CLI commands join through runtime.json', { timeout: 180_000 }, async () => {
    parent = await mkdtemp(join(tmpdir(), 'paygate-embedded-roles-'));
    // As root the embedded server runs as `postgres`, which must be able to enter the temp dir.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    running = await startPayGate({ config: loadConfig({ PAYGATE_DATA_DIR: dataDir, PORT: '0' }), roles: ['api'], logger });

    const { pool } = running.platform;
    expect((await pool.query('SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user')).rows[0]).toEqual({
      role: EMBEDDED_APP_ROLE,
      superuser: false,
    });
    expect((await pool.query('SHOW statement_timeout')).rows[0]).toEqual({ statement_timeout: '30s' });
    await expect(pool.query('UPDATE paygate_events SET type = type')).rejects.toMatchObject({ code: '42501' });

    // Secrets on disk are the owner's only; the data directory lets the server through, no more.
    const appPassword = (await readFile(join(dataDir, 'postgres-app.password'), 'utf8')).trim();
    const superPassword = (await readFile(join(dataDir, 'postgres.password'), 'utf8')).trim();
    expect(await mode(join(dataDir, 'postgres-app.password'))).toBe(0o600);
    expect(await mode(join(dataDir, 'runtime.json'))).toBe(0o600);
    const asRoot = process.getuid?.() === 0;
    expect(await mode(dataDir)).toBe(asRoot ? 0o710 : 0o700);
    if (asRoot) expect((await stat(dataDir)).gid).toBe((await stat(join(dataDir, 'postgres'))).gid);

    // runtime.json hands other commands the app role, never the superuser.
    const info = await readRuntimeInfo(dataDir);
    expect(new URL(info!.databaseUrl!).username).toBe(EMBEDDED_APP_ROLE);
    expect(await readFile(join(dataDir, 'runtime.json'), 'utf8')).not.toContain(encodeURIComponent(superPassword));

    const command = await openCommandPlatform({ PAYGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    try {
      const stream = `embedded-${randomUUID()}`;
      await command.platform.eventStore.append(stream, [{ id: randomUUID(), type: 'Tested', data: {} }]);
      expect(await running.platform.eventStore.readStream(stream)).toHaveLength(1);
      expect(command.apiUrl).toBe(running.url);
    } finally {
      await command.close();
    }

    expect(await running.stop()).toEqual({ clean: true });
    running = undefined;
    const log = lines.join('');
    expect(log).toContain('app role granted its privileges');
    expect(log).not.toContain('more privileges than PayGate needs');
    for (const secret of [appPassword, superPassword]) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(encodeURIComponent(secret));
    }
  });
});
