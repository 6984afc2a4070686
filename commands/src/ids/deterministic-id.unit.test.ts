import { describe, expect, it } from 'vitest';
import { deterministicId } from './deterministic-id.ts';

describe('deterministicId', () => {
  it('is stable for the same parts and a valid v5 UUID', () => {
    const id = deterministicId('PaymentReceived', 'abc', '0');
    expect(id).toBe(deterministicId('PaymentReceived', 'abc', '0'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs when any part differs, including how parts are split', () => {
    expect(deterministicId('a', 'bc')).not.toBe(deterministicId('ab', 'c'));
    expect(deterministicId('a', '0')).not.toBe(deterministicId('a', '1'));
  });
});
