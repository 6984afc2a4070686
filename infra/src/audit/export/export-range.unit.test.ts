import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { endsRange, parseRangeBound, rangeProblem, startsRange, type RangeBound } from './export-range.ts';

const bound = (text: string) => parseRangeBound(text) as RangeBound;
const event = (n: bigint, at: string) => ({ position: { commit: n, prepare: n }, recordedAt: new Date(at) }) as RecordedEvent;

describe('export range', () => {
  it.each([
    ['2026-01-31', { kind: 'time', at: new Date('2026-01-31T00:00:00.000Z') }],
    ['2026-01-31T12:30:00Z', { kind: 'time', at: new Date('2026-01-31T12:30:00.000Z') }],
    ['2026-01-31T12:30:00.123456+02:00', { kind: 'time', at: new Date('2026-01-31T10:30:00.123Z') }],
    ['2024-02-29', { kind: 'time', at: new Date('2024-02-29T00:00:00.000Z') }],
    ['41233/41233', { kind: 'position', position: { commit: 41233n, prepare: 41233n } }],
    ['18446744073709551615/7', { kind: 'position', position: { commit: 18446744073709551615n, prepare: 7n } }],
  ])('%s is a bound', (text, expected) => {
    expect(parseRangeBound(text)).toEqual(expected);
  });

  it.each([
    ['2026-02-30', 'is no date that exists'],
    ['2026-13-01', 'is no date that exists'],
    ['2026-01-31T12:30:00', 'must be a date'],
    ['31/01/2026', 'must be a date'],
    ['yesterday', 'must be a date'],
    ['41233', 'must be a date'],
    ['-1/2', 'must be a date'],
  ])('%s is refused: it %s', (text, reason) => {
    expect(parseRangeBound(text)).toMatch(new RegExp(`^${reason}`));
  });

  it('--to must come after --from when both are dates or both positions', () => {
    expect(rangeProblem({ from: bound('2026-02-01'), to: bound('2026-01-01') })).toBe('--to must be later than --from');
    expect(rangeProblem({ from: bound('2026-02-01'), to: bound('2026-02-01') })).toBe('--to must be later than --from');
    expect(rangeProblem({ from: bound('5/5'), to: bound('5/5') })).toBe('--to must be a later position than --from');
    expect(rangeProblem({ from: bound('2026-02-01'), to: bound('5/5') })).toBeUndefined();
    expect(rangeProblem({ from: bound('1/1'), to: bound('5/5') })).toBeUndefined();
  });

  it('a position is a point after its event: --from starts after it, --to takes it; a date starts with the first event at or after it and ends before it', () => {
    const at5 = event(5n, '2026-01-31T23:59:59.999Z');
    const at6 = event(6n, '2026-02-01T00:00:00.000Z');
    expect([startsRange(at5, bound('5/5')), startsRange(at6, bound('5/5'))]).toEqual([false, true]);
    expect([endsRange(at5, bound('5/5')), endsRange(at6, bound('5/5'))]).toEqual([false, true]);
    expect([startsRange(at5, bound('2026-02-01')), startsRange(at6, bound('2026-02-01'))]).toEqual([false, true]);
    expect([endsRange(at5, bound('2026-02-01')), endsRange(at6, bound('2026-02-01'))]).toEqual([false, true]);
    expect([startsRange(at5, undefined), endsRange(at5, undefined)]).toEqual([true, false]);
  });
});
