import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { signIpnPayload, verifyIpnSignature } from './ipn-signature.ts';

type Vector = { name: string; rawBody: string; signature: string; valid: boolean };
const file = JSON.parse(readFileSync(new URL('./testdata/nowpayments-ipn-vectors.json', import.meta.url), 'utf8')) as {
  secret: string;
  vectors: Vector[];
};

const validVectors = file.vectors.filter((v) => v.valid);
const first = validVectors[0]!;

describe('verifyIpnSignature — shared vectors', () => {
  it('has both valid and invalid vectors to check', () => {
    expect(validVectors.length).toBeGreaterThanOrEqual(2);
    expect(file.vectors.some((v) => !v.valid)).toBe(true);
  });

  for (const vector of file.vectors) {
    it(`${vector.valid ? 'accepts' : 'rejects'}: ${vector.name}`, () => {
      const result = verifyIpnSignature({ rawBody: vector.rawBody, signature: vector.signature, secret: file.secret });
      expect(result.ok).toBe(vector.valid);
      if (result.ok) expect(result.payload).toEqual(JSON.parse(vector.rawBody));
      else expect(result.reason).toBe('bad_signature');
    });
  }

  it('the legacy vector really is the top-level-only replacer signature', () => {
    const legacy = file.vectors.find((v) => !v.valid)!;
    const params = JSON.parse(legacy.rawBody) as Record<string, unknown>;
    const legacyText = JSON.stringify(params, Object.keys(params).sort());
    expect(legacyText).toContain('"fee":{}');
    expect(createHmac('sha512', file.secret).update(legacyText).digest('hex')).toBe(legacy.signature);
  });

  it('trims the secret (as NOWPayments does with a pasted key)', () => {
    const result = verifyIpnSignature({ rawBody: first.rawBody, signature: first.signature, secret: `  ${file.secret}\n` });
    expect(result.ok).toBe(true);
  });

  it('ignores whitespace and key order in the raw body', () => {
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(first.rawBody) as object).reverse()), null, 2);
    expect(verifyIpnSignature({ rawBody: reordered, signature: first.signature, secret: file.secret }).ok).toBe(true);
  });

  it('accepts the signature in upper or mixed case hex (same bytes), still rejecting a wrong one', () => {
    const mixed = [...first.signature].map((ch, i) => (i % 2 === 0 ? ch.toUpperCase() : ch)).join('');
    expect(verifyIpnSignature({ rawBody: first.rawBody, signature: first.signature.toUpperCase(), secret: file.secret }).ok).toBe(true);
    expect(verifyIpnSignature({ rawBody: first.rawBody, signature: mixed, secret: file.secret }).ok).toBe(true);
    const wrong = signIpnPayload(JSON.parse(first.rawBody), 'other').toUpperCase();
    expect(verifyIpnSignature({ rawBody: first.rawBody, signature: wrong, secret: file.secret })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('signIpnPayload reproduces every valid vector', () => {
    for (const v of validVectors) expect(signIpnPayload(JSON.parse(v.rawBody), file.secret)).toBe(v.signature);
  });
});

describe('verifyIpnSignature — rejections', () => {
  it.each([
    ['missing header', first.rawBody, undefined, 'missing_signature'],
    ['empty header', first.rawBody, '  ', 'missing_signature'],
    ['short signature', first.rawBody, first.signature.slice(2), 'malformed_signature'],
    ['one hex digit too many', first.rawBody, `${first.signature}a`, 'malformed_signature'],
    ['non-hex', first.rawBody, 'z'.repeat(128), 'malformed_signature'],
    ['non-hex in otherwise valid upper case', first.rawBody, `${first.signature.toUpperCase().slice(0, 127)}G`, 'malformed_signature'],
    ['base64 of the right bytes', first.rawBody, Buffer.from(first.signature, 'hex').toString('base64'), 'malformed_signature'],
    ['not JSON', '{"payment_id":', first.signature, 'malformed_json'],
    ['JSON array', '[1,2]', first.signature, 'not_an_object'],
    ['JSON null', 'null', first.signature, 'not_an_object'],
    ['wrong secret', first.rawBody, signIpnPayload(JSON.parse(first.rawBody), 'other'), 'bad_signature'],
  ] as const)('%s → %s', (_name, rawBody, signature, reason) => {
    expect(check(rawBody, signature)).toEqual({ ok: false, reason });
  });

  it('refuses a body nested deeper than the cap before parsing it (no stack overflow)', () => {
    for (const body of [`{"a":${'['.repeat(60_000)}${']'.repeat(60_000)}}`, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`]) {
      expect(check(body, first.signature)).toEqual({ ok: false, reason: 'too_deep' });
    }
  });

  it('a body at the depth cap is still read (and judged by its signature)', () => {
    const body = `{"a":${'['.repeat(31)}${']'.repeat(31)}}`; // 32 levels
    const signature = signIpnPayload(JSON.parse(body), file.secret);
    expect(check(body, signature).ok).toBe(true);
    expect(check(`{"a":${'['.repeat(32)}${']'.repeat(32)}}`, signature)).toEqual({ ok: false, reason: 'too_deep' });
  });

  it('refuses to verify with an empty secret', () => {
    expect(check(first.rawBody, first.signature, '   ')).toEqual({ ok: false, reason: 'missing_secret' });
  });

  it('keeps a "__proto__" key as signed data', () => {
    const body = '{"__proto__":{"x":1},"payment_id":1}';
    const signature = signIpnPayload(JSON.parse(body), file.secret);
    expect(canonicalJson(JSON.parse(body))).toBe(body);
    expect(check(body, signature).ok).toBe(true);
    expect(check('{"payment_id":1}', signature).ok).toBe(false);
  });
});

describe('verifyIpnSignature — properties', () => {
  const hex = '0123456789abcdef';

  it('any change to one signature character is rejected', () => {
    fc.assert(
      fc.property(fc.nat({ max: 127 }), fc.integer({ min: 1, max: 15 }), (index, shift) => {
        const chars = [...first.signature];
        chars[index] = hex[(hex.indexOf(chars[index]!) + shift) % 16]!;
        expect(check(first.rawBody, chars.join('')).ok).toBe(false);
      }),
    );
  });

  it('any raw-body edit that changes what the JSON means is rejected', () => {
    const canonical = canonicalJson(JSON.parse(first.rawBody));
    fc.assert(
      fc.property(
        fc.nat({ max: first.rawBody.length - 1 }),
        fc.constantFrom('delete', 'replace', 'insert'),
        fc.string({ minLength: 1, maxLength: 1, unit: fc.constantFrom(...'0123456789.-e"ab{}[],: \\') }),
        (index, op, char) => {
          const body = first.rawBody;
          const mutated =
            op === 'delete'
              ? body.slice(0, index) + body.slice(index + 1)
              : op === 'insert'
                ? body.slice(0, index) + char + body.slice(index)
                : body.slice(0, index) + char + body.slice(index + 1);
          const result = check(mutated, first.signature);
          let sameMeaning = false;
          try {
            sameMeaning = canonicalJson(JSON.parse(mutated)) === canonical;
          } catch {
            // not JSON any more: must be rejected
          }
          expect(result.ok).toBe(sameMeaning);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('changing, adding or removing any field of a signed payload is rejected', () => {
    const payload = JSON.parse(validVectors[1]!.rawBody) as Record<string, unknown>;
    const signature = signIpnPayload(payload, file.secret);
    const keys = Object.keys(payload);
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.oneof(fc.constant('remove' as const), fc.jsonValue()),
        fc.string({ minLength: 1 }),
        (key, change, newKey) => {
          const copy: Record<string, unknown> = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
          if (change === 'remove') delete copy[key];
          else copy[key] = change;
          const extra = { ...copy, [`${newKey}_x`]: 1 };
          for (const candidate of [copy, extra]) {
            const rawBody = JSON.stringify(candidate);
            const expected = canonicalJson(candidate) === canonicalJson(payload);
            expect(check(rawBody, signature).ok).toBe(expected);
          }
        },
      ),
    );
  });

  it('a payload signed with signIpnPayload always verifies, whatever its values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string({ minLength: 1 }), (payload, secret) => {
        fc.pre(secret.trim() !== '');
        const rawBody = JSON.stringify(payload);
        expect(check(rawBody, signIpnPayload(JSON.parse(rawBody), secret), secret).ok).toBe(true);
      }),
    );
  });
});

function check(rawBody: string, signature: string | undefined, secret = file.secret) {
  return verifyIpnSignature({ rawBody, signature, secret });
}
