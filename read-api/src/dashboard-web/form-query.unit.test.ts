import { describe, expect, it } from 'vitest';
import { parsePaymentListQuery } from '../api/params.ts';
import { filledQuery } from './form-query.ts';

describe('filledQuery', () => {
  it('drops fields the form left blank, so "Apply" with an empty field filters nothing instead of failing', () => {
    const sent = { channel: [''], invoice: [''], status: ['finished'] };
    expect(() => parsePaymentListQuery(sent)).toThrow();
    expect(filledQuery(sent)).toEqual({ status: ['finished'] });
    expect(parsePaymentListQuery(filledQuery(sent))).toMatchObject({ status: 'finished', limit: 20 });
  });

  it('keeps a repeated filled field repeated (the schema still refuses it)', () => {
    expect(filledQuery({ status: ['finished', 'failed'], channel: [''] })).toEqual({ status: ['finished', 'failed'] });
  });
});
