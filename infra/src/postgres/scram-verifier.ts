import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

const ITERATIONS = 4096;

/**
 * A SCRAM-SHA-256 verifier in PostgreSQL's stored format, for `CREATE/ALTER ROLE … PASSWORD`:
 * the server stores it as is, so the plain password never travels in a statement (nor into the
 * server's log should that statement ever be logged). ASCII passwords only (SASLprep is the
 * identity for them), which is what PayGate generates.
 */
export const scramSha256Verifier = (password: string, salt: Buffer = randomBytes(16)): string => {
  if (!/^[\x20-\x7e]+$/.test(password)) throw new Error('scramSha256Verifier takes printable ASCII passwords only');
  const salted = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
};
