import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scramSha256Verifier } from './scram-verifier.ts';

// RFC 7677 section 3: user "user", password "pencil".
const SALT = 'W22ZaJ0SNY7soEsUEjb6gQ==';
const AUTH_MESSAGE = [
  'n=user,r=rOprNGfwEbeRWgbNEkqO',
  'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
].join(',');
const CLIENT_PROOF = 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const SERVER_SIGNATURE = '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

describe('scramSha256Verifier', () => {
  it("matches RFC 7677's exchange: the stored key checks the client's proof, the server key signs", () => {
    const verifier = scramSha256Verifier('pencil', Buffer.from(SALT, 'base64'));
    const match = /^SCRAM-SHA-256\$4096:([^$]+)\$([^:]+):(.+)$/.exec(verifier);
    expect(match?.[1]).toBe(SALT);
    const storedKey = Buffer.from(match![2]!, 'base64');
    const serverKey = Buffer.from(match![3]!, 'base64');

    expect(createHmac('sha256', serverKey).update(AUTH_MESSAGE).digest('base64')).toBe(SERVER_SIGNATURE);
    const clientSignature = createHmac('sha256', storedKey).update(AUTH_MESSAGE).digest();
    const clientKey = Buffer.from(CLIENT_PROOF, 'base64').map((byte, i) => byte ^ clientSignature[i]!);
    expect(createHash('sha256').update(clientKey).digest().equals(storedKey)).toBe(true);
  });

  it('salts every verifier afresh and never contains the password', () => {
    const [a, b] = [scramSha256Verifier('correct-horse'), scramSha256Verifier('correct-horse')];
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct-horse');
    expect(() => scramSha256Verifier("it's\n")).toThrow();
  });
});
