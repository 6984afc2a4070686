import { describe, expect, it } from 'vitest';
import { createRowSet } from './row-set.ts';

const keys = new Map([
  ['accounts', ['id']],
  ['entries', ['account', 'n']],
]);

describe('row set', () => {
  it('reads what it loaded, and writes back only rows put since', () => {
    const set = createRowSet(keys);
    set.loaded('accounts', { id: 'a', total: '5' });
    set.loaded('accounts', { id: 'b', total: '7' });
    set.rows.put('accounts', { ...set.rows.get('accounts', { id: 'a' })!, total: '6' });
    expect(set.rows.get('accounts', { id: 'a' })).toEqual({ id: 'a', total: '6' });
    expect(set.changes()).toEqual(new Map([['accounts', { upserts: [{ id: 'a', total: '6' }], deletes: [] }]]));
  });

  it('deletes a stored row, but a row created and deleted in the same batch writes nothing', () => {
    const set = createRowSet(keys);
    set.loaded('entries', { account: 'a', n: 1 });
    set.rows.delete('entries', { account: 'a', n: 1 });
    set.rows.put('entries', { account: 'a', n: 2 });
    set.rows.delete('entries', { account: 'a', n: 2 });
    expect(set.rows.get('entries', { account: 'a', n: 1 })).toBeUndefined();
    expect(set.changes()).toEqual(new Map([['entries', { upserts: [], deletes: [{ account: 'a', n: '1' }] }]]));
  });

  it('a row deleted and put again is one upsert; a put row is a copy the caller cannot change afterwards', () => {
    const set = createRowSet(keys);
    set.loaded('accounts', { id: 'a', total: '5' });
    set.rows.delete('accounts', { id: 'a' });
    const row = { id: 'a', total: '1' };
    set.rows.put('accounts', row);
    row.total = '999';
    expect(set.changes().get('accounts')).toEqual({ upserts: [{ id: 'a', total: '1' }], deletes: [] });
  });

  it('keys compare as text, so a number key from an event finds the stored row', () => {
    const set = createRowSet(keys);
    set.loaded('entries', { account: 'a', n: '3' });
    expect(set.rows.get('entries', { account: 'a', n: 3 })).toEqual({ account: 'a', n: '3' });
    expect(() => set.rows.get('unknown', { id: 'x' })).toThrow(/unknown table/);
  });
});
