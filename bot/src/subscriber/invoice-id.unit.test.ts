import { describe, expect, it } from 'vitest';
import { purchaseInvoiceId } from './invoice-id.ts';

const base = { botId: 1, chatId: 42, messageId: 10, userId: 42, channelId: 'c1', tierId: 'monthly', at: new Date('2026-01-01T10:00:00Z') };

describe('purchase invoice id', () => {
  it('is the same for the same button, user and UTC day, and a valid invoice id', () => {
    const id = purchaseInvoiceId(base);
    expect(id).toMatch(/^inv_[0-9a-f]{24}$/);
    expect(purchaseInvoiceId({ ...base, at: new Date('2026-01-01T23:59:59Z') })).toBe(id);
  });

  it('differs for another message, tier, user, channel, bot or day', () => {
    const id = purchaseInvoiceId(base);
    for (const change of [{ messageId: 11 }, { tierId: 'yearly' }, { userId: 43 }, { channelId: 'c2' }, { botId: 2 }, { at: new Date('2026-01-02T00:00:00Z') }]) {
      expect(purchaseInvoiceId({ ...base, ...change })).not.toBe(id);
    }
  });
});
