import { createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK } from 'jose';

/** A key's id: its RFC 7638 JWK thumbprint, so one key has the same kid on every host without configuration. */
export const keyIdOf = async (publicKeyPem: string): Promise<string> => calculateJwkThumbprint(await exportJWK(createPublicKey(publicKeyPem)));
