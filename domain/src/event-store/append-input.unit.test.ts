import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPayGateError } from '../index.ts';
import { normalizeExpectation, prepareAppend } from './append-input.ts';

const kindOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return isPayGateError(error) ? error.kind : 'other';
  }
};

describe('normalizeExpectation', () => {
  it('maps every expected-revision mode, -1n to no_stream, and rejects other negatives', () => {
    expect(normalizeExpectation(undefined)).toEqual({ kind: 'any' });
    expect(normalizeExpectation('any')).toEqual({ kind: 'any' });
    expect(normalizeExpectation('no_stream')).toEqual({ kind: 'no_stream' });
    expect(normalizeExpectation('stream_exists')).toEqual({ kind: 'stream_exists' });
    expect(normalizeExpectation(-1n)).toEqual({ kind: 'no_stream' });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 62n }), (revision) => {
        expect(normalizeExpectation(revision)).toEqual({ kind: 'exact', revision });
      }));
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 62n), max: -2n }), (revision) => {
        expect(kindOf(() => normalizeExpectation(revision))).toBe('validation');
      }));
    expect(kindOf(() => normalizeExpectation('latest' as never))).toBe('validation');
  });
});

describe('prepareAppend', () => {
  const event = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), type: 'Happened', data: { a: 1 }, ...over });

  it('lower-cases ids and encodes data and metadata as JSON', () => {
    const id = randomUUID().toUpperCase();
    const [prepared] = prepareAppend('s', [event({ id, metadata: { correlationId: 'c' } })]);
    expect(prepared).toMatchObject({ id: id.toLowerCase(), dataJson: '{"a":1}', metadataJson: '{"correlationId":"c"}' });
    expect(prepareAppend('s', [event()])[0]?.metadataJson).toBe('{}');
  });

  it('rejects what no adapter can store faithfully', () => {
    expect(kindOf(() => prepareAppend('s', []))).toBe('validation');
    expect(kindOf(() => prepareAppend('', [event()]))).toBe('validation');
    expect(kindOf(() => prepareAppend('$system', [event()]))).toBe('validation');
    expect(kindOf(() => prepareAppend('s', [event({ id: 'nope' })]))).toBe('validation');
    expect(kindOf(() => prepareAppend('s', [event({ type: '' })]))).toBe('validation');
    expect(kindOf(() => prepareAppend('s', [event({ type: '$metadata' })]))).toBe('validation');
    expect(kindOf(() => prepareAppend('s', [event({ data: { minor: 5n } })]))).toBe('validation');
    expect(kindOf(() => prepareAppend('s', [event({ data: undefined })]))).toBe('validation');
    expect(kindOf(() => prepareAppend('s', [event({ metadata: [] })]))).toBe('validation');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(kindOf(() => prepareAppend('s', [event({ data: cyclic })]))).toBe('validation');
    const twice = event();
    expect(kindOf(() => prepareAppend('s', [twice, { ...twice, id: twice.id.toUpperCase() }]))).toBe('validation');
  });

  it('round-trips any JSON value exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const [prepared] = prepareAppend('s', [event({ data })]);
        expect(JSON.parse(prepared!.dataJson)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });
});
