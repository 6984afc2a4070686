import { describe, expect, it } from 'vitest';
import { decodeCallback, encodeCallback, MAX_CALLBACK_BYTES } from '../links/index.ts';
import { readDonationAmount } from './donation-amount-text.ts';
import { donationInvoiceId } from './donation-invoice-id.ts';
import { usd } from './donation-test-bot.ts';

describe('donation buttons', () => {
  it('round-trip within 64 bytes, for a channel id as long as a start payload allows', () => {
    const channelId = 'c'.repeat(40);
    for (const action of [
      { action: 'donate', channelId, amount: '10000.00' },
      { action: 'donateOther', channelId },
      { action: 'donateAs', channelId, amount: '10000.00', showName: true },
      { action: 'donateAs', channelId: 'c1', amount: '1.00', showName: false },
    ] as const) {
      const encoded = encodeCallback(action);
      expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(decodeCallback(encoded)).toEqual(action);
    }
    for (const raw of ['d:c1', 'D:c1:5', 'a:c1:5', 'a:c1:5:2', 'a:c1::1']) expect(decodeCallback(raw)).toBeUndefined();
  });
});

describe('typed donation amounts', () => {
  it('read exactly, with or without a dollar sign or code', () => {
    expect(readDonationAmount('12.50')).toEqual(usd(1250n));
    expect(readDonationAmount(' $12.5 ')).toEqual(usd(1250n));
    expect(readDonationAmount('7 usd')).toEqual(usd(700n));
    for (const text of ['', '12,50', '-5', '1e3', '12.505', '0.99', '10000.01', '$']) expect(() => readDonationAmount(text)).toThrow();
  });
});

describe('donation invoice ids', () => {
  it('the same press names the same invoice; another choice, message or day another', () => {
    const press = { botId: 1, chatId: 2, messageId: 3, userId: 4, channelId: 'c1', amount: '1000/2/USD', showName: true, at: new Date('2026-03-01T10:00:00Z') };
    const id = donationInvoiceId(press);
    expect(id).toMatch(/^inv_[0-9a-f]{24}$/);
    expect(donationInvoiceId({ ...press, at: new Date('2026-03-01T23:59:00Z') })).toBe(id);
    for (const other of [{ showName: false }, { messageId: 9 }, { amount: '500/2/USD' }, { at: new Date('2026-03-02T00:00:00Z') }]) {
      expect(donationInvoiceId({ ...press, ...other })).not.toBe(id);
    }
  });
});
