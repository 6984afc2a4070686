import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyIdOf, loadTokenKeyRing, type TokenKeyRing } from '@paygate/read-api';
import type { Config } from '../config/index.ts';
import { ConfigError } from '../config/index.ts';

export const SANDBOX_SIGNING_KEY_FILE = 'dashboard-signing-key.pem';
const PUBLIC_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** A new Ed25519 signing key as PKCS#8 PEM (`paygate dashboard keygen`, and the sandbox's key). */
export const newSigningKeyPem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const publicPemOf = (privateKeyPem: string): string => {
  try {
    return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new ConfigError([{ variable: 'DASHBOARD_SIGNING_KEY', message: 'is not a readable PKCS#8 private key' }]);
  }
};

const sandboxSigningKey = async (dataDir: string): Promise<string> => {
  const file = join(dataDir, SANDBOX_SIGNING_KEY_FILE);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dataDir, { recursive: true });
    const pem = newSigningKeyPem();
    // `wx`: two processes starting at once keep the first one's key.
    await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch((raced: NodeJS.ErrnoException) => {
      if (raced.code !== 'EEXIST') throw raced;
    });
    return readFile(file, 'utf8');
  }
};

/**
 * The dashboard's token keys: DASHBOARD_SIGNING_KEY (and the retired keys still honoured), or in
 * sandbox mode a key generated once into PAYGATE_DATA_DIR. Undefined in live mode without a key:
 * dashboard logins are then off. A key that is not Ed25519 stops the start, not the first login.
 */
export const loadDashboardKeyRing = async (config: Pick<Config, 'mode' | 'dataDir' | 'dashboard'>): Promise<TokenKeyRing | undefined> => {
  const signingPem = config.dashboard.signingKeyPem ?? (config.mode === 'sandbox' ? await sandboxSigningKey(config.dataDir) : undefined);
  if (signingPem === undefined) return undefined;
  const ownPublic = publicPemOf(signingPem);
  const previous = config.dashboard.previousPublicKeysPem?.match(PUBLIC_PEM) ?? [];
  const verification = await Promise.all([ownPublic, ...previous].map(async (publicKeyPem) => ({ kid: await keyIdOf(publicKeyPem), publicKeyPem })));
  const unique = verification.filter((key, index) => verification.findIndex((other) => other.kid === key.kid) === index);
  try {
    return await loadTokenKeyRing({ signing: { kid: unique[0]!.kid, privateKeyPem: signingPem }, verification: unique });
  } catch (error) {
    throw new ConfigError([{ variable: 'DASHBOARD_SIGNING_KEY', message: (error as Error).message }]);
  }
};
