import { describe, expect, it } from 'vitest';
import { invoiceCapWait, type RateDecision, type SharedRateLimiter } from '../rate-limit/index.ts';
import { capDonationInvoiceCreation } from './donation-invoice-cap.ts';
import { ALPHA, DONOR, memoryDonations, startDonationBot, usd } from './donation-test-bot.ts';

/** A shared limiter answering the given decisions in turn, then the last one forever. */
const limiter = (...decisions: RateDecision[]): SharedRateLimiter => ({ take: async () => (decisions.length > 1 ? decisions.shift()! : decisions[0]!) });

describe('the invoice cap for all users', () => {
  it('covers donation invoices: over it nothing is created and the donor is told when to try again', async () => {
    const donations = memoryDonations();
    donations.settings.set(ALPHA.channelId, { presets: [usd(500n)], postInPublic: false, messages: [] });
    const capped = capDonationInvoiceCreation(limiter({ allowed: true }, { allowed: false, retryAfterMs: 2_500 }), donations.port);
    const input = { invoiceId: 'inv_1', channelId: ALPHA.channelId, donorId: '1', amount: usd(500n), showName: false };
    await capped.createDonationInvoice(input);
    const refused = await capped.createDonationInvoice({ ...input, invoiceId: 'inv_2' }).catch((error: unknown) => error);
    expect(invoiceCapWait(refused)).toBe(3);
    expect([...donations.invoices.keys()]).toEqual(['inv_1']);

    const bot = startDonationBot({ donations: capDonationInvoiceCreation(limiter({ allowed: false, retryAfterMs: 4_000 }), donations.port) });
    await bot.say(DONOR, '/start donate_c1alpha');
    await bot.press(DONOR, bot.last(DONOR).messageId, '5.00 USD');
    await bot.press(DONOR, bot.last(DONOR).messageId, 'Stay anonymous');
    expect(bot.last(DONOR).text).toBe('Many people are buying right now. Please try again in 4 seconds (press the same button).');
    expect(donations.invoices.size).toBe(1);
  });
});
