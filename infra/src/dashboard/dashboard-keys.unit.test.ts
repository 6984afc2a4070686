import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokens, keyIdOf } from '@paygate/read-api';
import { isConfigError, type Config } from '../config/index.ts';
import { loadDashboardKeyRing, newSigningKeyPem, SANDBOX_SIGNING_KEY_FILE } from './dashboard-keys.ts';

const dashboard = (overrides: Partial<Config['dashboard']> = {}): Config['dashboard'] => ({
  signingKeyPem: undefined,
  previousPublicKeysPem: undefined,
  origins: [],
  adminIds: [],
  auditorIds: [],
  sessionSeconds: 86_400,
  ...overrides,
});
const publicOf = (privatePem: string) => createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();

describe('loadDashboardKeyRing', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-keys-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('generates the sandbox key once (mode 0600) and keeps it across starts', async () => {
    const first = await loadDashboardKeyRing({ mode: 'sandbox', dataDir, dashboard: dashboard() });
    const file = join(dataDir, SANDBOX_SIGNING_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadDashboardKeyRing({ mode: 'sandbox', dataDir, dashboard: dashboard() });
    expect(second!.signing.kid).toBe(first!.signing.kid);
    expect(first!.signing.kid).toBe(await keyIdOf(publicOf(await readFile(file, 'utf8'))));
  });

  it('turns logins off in live mode without a key, and never writes one there', async () => {
    const liveDir = join(dataDir, 'live');
    expect(await loadDashboardKeyRing({ mode: 'live', dataDir: liveDir, dashboard: dashboard() })).toBeUndefined();
    await expect(stat(liveDir)).rejects.toThrow();
  });

  it('signs with the configured key and still verifies tokens of a retired one', async () => {
    const retired = newSigningKeyPem();
    const current = newSigningKeyPem();
    const now = () => new Date();
    const oldRing = (await loadDashboardKeyRing({ mode: 'live', dataDir, dashboard: dashboard({ signingKeyPem: retired }) }))!;
    const newRing = (await loadDashboardKeyRing({ mode: 'live', dataDir, dashboard: dashboard({ signingKeyPem: current, previousPublicKeysPem: publicOf(retired) }) }))!;
    const options = { issuer: 'https://pay.example', audience: 'https://pay.example/api/v1', now };
    const oldToken = await createAccessTokens({ keyRing: oldRing, ...options }).issueAccessToken({ subject: '42', role: 'owner', sessionId: 's1' });
    const verifier = createAccessTokens({ keyRing: newRing, ...options });
    expect((await verifier.verifyAccessToken(oldToken.token)).subject).toBe('42');
    expect((await verifier.jwks()).keys.map((key) => key.kid)).toEqual([newRing.signing.kid, oldRing.signing.kid]);
    // Without the retired key listed, its tokens are refused.
    const withoutOld = createAccessTokens({ keyRing: (await loadDashboardKeyRing({ mode: 'live', dataDir, dashboard: dashboard({ signingKeyPem: current }) }))!, ...options });
    await expect(withoutOld.verifyAccessToken(oldToken.token)).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('stops the start on a key that is not Ed25519', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await loadDashboardKeyRing({ mode: 'live', dataDir, dashboard: dashboard({ signingKeyPem: rsa }) }).catch((caught: unknown) => caught);
    expect(isConfigError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('DASHBOARD_SIGNING_KEY');
    expect(String((error as Error).message)).not.toContain('PRIVATE KEY');
  });
});
