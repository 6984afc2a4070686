import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { encodeCursor } from './cursor.ts';
import { parseIdParam, parsePaymentListQuery } from './params.ts';

const rejection = (run: () => unknown): PayGateError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PayGateError) return error;
    throw error;
  }
  throw new Error('expected a PayGateError');
};

const issuePaths = (error: PayGateError) => (error.details.issues as { path: string }[]).map((issue) => issue.path);

describe('parsePaymentListQuery', () => {
  it('defaults the limit to 20 and leaves filters out', () => {
    expect(parsePaymentListQuery({})).toEqual({ limit: 20 });
  });

  it('reads every filter, the limit and the cursor', () => {
    const cursor = encodeCursor({ position: { commit: 7n, prepare: 3n }, id: 'pay-1' });
    expect(parsePaymentListQuery({ invoice: ['inv-1'], channel: ['ch-1'], status: ['finished'], limit: ['100'], cursor: [cursor] })).toEqual({
      invoice: 'inv-1',
      channel: 'ch-1',
      status: 'finished',
      limit: 100,
      cursor: { position: { commit: 7n, prepare: 3n }, paymentId: 'pay-1' },
    });
  });

  it.each([
    [{ limit: ['0'] }, 'limit'],
    [{ limit: ['101'] }, 'limit'],
    [{ limit: ['1.5'] }, 'limit'],
    [{ limit: ['-1'] }, 'limit'],
    [{ limit: ['1e2'] }, 'limit'],
    [{ limit: [''] }, 'limit'],
    [{ status: ['paid'] }, 'status'],
    [{ invoice: ['has space'] }, 'invoice'],
    [{ channel: [''] }, 'channel'],
    [{ cursor: ['garbage!'] }, 'cursor'],
    [{ sort: ['asc'] }, 'sort'],
    [JSON.parse('{"__proto__":["x"]}') as Record<string, string[]>, '__proto__'],
    [{ status: ['waiting', 'finished'] }, 'status'],
  ])('rejects %j naming %s', (query, field) => {
    const error = rejection(() => parsePaymentListQuery(query as Record<string, string[]>));
    expect(error.kind).toBe('validation');
    expect(issuePaths(error)).toContain(field);
    expect(error.message).toContain(field);
  });

  it('names every bad field at once', () => {
    const error = rejection(() => parsePaymentListQuery({ limit: ['0'], status: ['nope'] }));
    expect(issuePaths(error).sort()).toEqual(['limit', 'status']);
  });
});

describe('parseIdParam', () => {
  it('accepts ids as events write them', () => {
    expect(parseIdParam('inv_01H-abc:9')).toBe('inv_01H-abc:9');
  });

  it.each([[''], ['a b'], ['x'.repeat(129)], [undefined], ['é']])('rejects %j naming id', (id) => {
    const error = rejection(() => parseIdParam(id));
    expect(error.kind).toBe('validation');
    expect(issuePaths(error)).toEqual(['id']);
  });
});
