import { describe, expect, it } from 'vitest';
import { describeEvent } from './event-text.ts';

describe('an event as text', () => {
  it('one field per line, amounts as decimals with their currency', () => {
    const event = {
      streamRevision: 0n,
      recordedAt: new Date('2026-12-07T07:39:36.776Z'),
      type: 'SplitCalculated',
      id: 'ef02f7fc-03f2-50e4-b945-e162874667f7',
      data: {
        gross: { amount: '11942388', currency: 'USDTTRC20', decimals: 6 },
        feeBps: 500,
        paymentId: '6796629176',
        parts: [{ share: { amount: '1200', currency: 'USD', decimals: 2 } }],
      },
    };
    expect(describeEvent(event)).toBe(
      [
        '#0 2026-12-07T07:39:36.776Z SplitCalculated (ef02f7fc-03f2-50e4-b945-e162874667f7)',
        '    gross:     11.942388 USDTTRC20',
        '    feeBps:    500',
        '    paymentId: 6796629176',
        '    parts:     [{"share":"12.00 USD"}]',
      ].join('\n'),
    );
  });
});
