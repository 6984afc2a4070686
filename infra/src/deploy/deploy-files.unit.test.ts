// Checks the deployment files (Dockerfile, deploy/compose.yaml, deploy/nats.conf, deploy/.env.example)
// against the code: no Docker daemon is needed, so this runs in every `npm test`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../config/index.ts';
import { startCommand } from '../cli/commands/start.ts';
import { ROLE_NAMES, resolveRoleNames } from '../runtime/role.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Healthcheck = { test?: string[]; disable?: boolean };
type Service = {
  image?: string;
  command?: string[];
  container_name?: string;
  ports?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: string }>;
};
const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown>; secrets: Record<string, { file: string }> };
const services = compose.services;

/** Dockerfile instructions, continuation lines joined, comments dropped. */
const dockerfile = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = dockerfile.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)?.push(line), all)), []);
const runtime = stages.at(-1)!;

const roleOf = (service: Service): string[] | undefined => {
  const command = service.command ?? [];
  const at = command.indexOf('--roles');
  return command[0] === 'start' && at !== -1 ? command[at + 1]!.split(',') : undefined;
};

const healthUrl = (check: Healthcheck | undefined) => check?.test?.join(' ') ?? '';

describe('deploy/compose.yaml', () => {
  it('runs every role in a service of its own, each with a real role name and the real --roles flag', () => {
    expect(Object.keys(startCommand.options ?? {})).toContain('roles');
    const roleServices = Object.values(services).flatMap((service) => roleOf(service) ?? []);
    for (const role of roleServices) expect(resolveRoleNames([role])).toEqual([role]);
    expect([...roleServices].sort()).toEqual([...ROLE_NAMES].sort());
  });

  it('migrates once before any role starts, and roles wait for PostgreSQL and NATS to be healthy', () => {
    expect(services.migrate).toMatchObject({ command: ['migrate'], depends_on: { postgres: { condition: 'service_healthy' } } });
    expect(services.migrate!.environment).toHaveProperty('DATABASE_OWNER_URL_FILE');
    for (const [name, service] of Object.entries(services).filter(([, service]) => roleOf(service))) {
      expect(service.depends_on, name).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        nats: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
      // Roles connect as the app role only; the owner's URL stays with the migration.
      expect(service.environment, name).not.toHaveProperty('DATABASE_OWNER_URL_FILE');
      expect(service.environment?.PAYGATE_MODE, name).toBe('live');
      expect(service.environment?.NATS_URL, name).toMatch(/^nats:\/\/nats:4222$/);
    }
  });

  it('has a health check on every long-running service: /readyz for the api, the metrics port for the others', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate') continue;
      expect(service.healthcheck?.test?.length, name).toBeGreaterThan(0);
    }
    expect(healthUrl(services.api!.healthcheck)).toContain('/readyz');
    for (const name of ['workers', 'relay', 'projector', 'bot']) {
      expect(healthUrl(services[name]!.healthcheck), name).toContain(`:${services[name]!.environment!.METRICS_PORT}/metrics`);
    }
    expect(healthUrl(services.nats!.healthcheck)).toContain(':8222/healthz');
    expect(healthUrl(services.postgres!.healthcheck)).toContain('pg_isready');
  });

  it('lets api and workers scale: no container name, no single fixed host port', () => {
    for (const name of ['api', 'workers']) expect(services[name]!.container_name, name).toBeUndefined();
    for (const port of services.api!.ports ?? []) expect(port).toMatch(/^(\$\{[A-Z_]+:-)?\d+-\d+\}?:3000$/);
  });

  it('keeps PostgreSQL (16+) and NATS (2.10+, JetStream, deploy/nats.conf) on volumes', () => {
    const pgMajor = Number(/^postgres:(\d+)/.exec(services.postgres!.image ?? '')?.[1]);
    expect(pgMajor).toBeGreaterThanOrEqual(16);
    expect(services.postgres!.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    const [major, minor] = (/^nats:(\d+)\.(\d+)/.exec(services.nats!.image ?? '') ?? []).slice(1).map(Number);
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(210);
    expect(services.nats!.command).toEqual(expect.arrayContaining(['-js', '-c', '/etc/nats/nats.conf']));
    expect(services.nats!.volumes).toEqual(expect.arrayContaining(['./nats.conf:/etc/nats/nats.conf:ro', 'nats-data:/data']));
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['postgres-data', 'nats-data']));
  });

  it('passes every secret as a docker secret file, naming real secret variables', () => {
    const secretNames = new Set(CONFIG_VARIABLES.filter((variable) => variable.secret).map((variable) => variable.name));
    for (const [name, service] of Object.entries(services).filter(([, service]) => roleOf(service) || service.command?.[0] === 'migrate')) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        // A URL without credentials (NATS_URL here) carries no secret; anything else goes in a file.
        const credentialFree = /^[a-z]+:\/\/[^/@]+(\/|$)/.test(value);
        if (secretNames.has(variable as never) && !credentialFree) throw new Error(`${name}: secret ${variable} given in plain text; use ${variable}_FILE`);
        if (!variable.endsWith('_FILE')) continue;
        expect(secretNames.has(variable.slice(0, -'_FILE'.length) as never), `${name}: ${variable}`).toBe(true);
        const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(value)?.[1];
        expect(service.secrets, `${name}: ${variable}`).toContain(secret);
        expect(compose.secrets[secret!]?.file, secret).toMatch(/^\.\/secrets\//);
      }
    }
  });
});

describe('deploy/nats.conf', () => {
  it('fsyncs every JetStream write (sync_interval: always) and stores in the /data volume', () => {
    const jetstream = /jetstream\s*\{([^}]*)\}/.exec(read('deploy/nats.conf'))?.[1] ?? '';
    const active = jetstream.split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
    expect(active).toMatch(/^\s*sync_interval:\s*always\s*$/m);
    expect(active).toMatch(/^\s*store_dir:\s*\/data\s*$/m);
    expect(read('deploy/nats.conf')).toMatch(/^http_port:\s*8222$/m);
  });
});

describe('deploy/.env.example', () => {
  it('names only real variables and holds no secret', () => {
    const known = new Map(CONFIG_VARIABLES.map((variable) => [variable.name as string, variable]));
    const lines = read('deploy/.env.example').split('\n').filter((line) => /^[A-Z_]+=/.test(line));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const [name] = line.split('=', 1) as [string];
      if (name.startsWith('OTEL_')) continue;
      expect(known.has(name), name).toBe(true);
      expect(known.get(name)!.secret && name !== 'DASHBOARD_PREVIOUS_PUBLIC_KEYS', `${name} is a secret: it belongs in deploy/secrets/`).toBe(false);
    }
    expect(lines.map((line) => line.split('=', 1)[0])).toContain('PAYGATE_PUBLIC_URL');
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs from another, on Node 24, with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile[0]).toMatch(/^ARG NODE_IMAGE=node:24[\w.-]*slim$/);
    const installs = dockerfile.filter((line) => /\bnpm (ci|install|i)\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/npm ci --omit=dev\b/);
    // The runtime stage installs nothing and downloads nothing: it copies the build's result.
    expect(runtime.filter((line) => /^RUN\b.*\b(npm|npx|curl|wget|apt-get)\b/.test(line))).toEqual([]);
    expect(runtime).toContain('COPY --from=build /app /app');
  });

  it('runs as a non-root user, checks /readyz, and starts the paygate binary with Node', () => {
    const user = runtime.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/CMD \["node", "-e", ".*\/readyz/);
    expect(runtime).toContain('ENTRYPOINT ["node", "infra/bin/paygate.ts"]');
  });

  it('.dockerignore keeps dependencies, history, secrets and tests out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const pattern of ['**/node_modules', '.git', '**/*.test.ts', '**/secrets', '**/.env']) expect(ignored).toContain(pattern);
  });
});
