import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { ALPHA, DONOR, memoryDonations, startDonationBot, usd } from './donation-test-bot.ts';

const enabled = () => {
  const donations = memoryDonations();
  donations.settings.set(ALPHA.channelId, { presets: [usd(500n), usd(1000n)], postInPublic: false, messages: [] });
  return donations;
};

describe('a donor', () => {
  it('picks a preset, chooses to show their name, and gets the donation invoice with a pay button; pressing again shows the same invoice', async () => {
    const donations = enabled();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(DONOR, '/start donate_c1alpha');
    const offer = bot.last(DONOR);
    expect(offer.text).toBe('Support "Alpha": pick an amount.');
    expect(offer.buttons.map((b) => b.text)).toEqual(['5.00 USD', '10.00 USD', 'Other amount']);
    expect(offer.buttons.every((b) => Buffer.byteLength(b.callback_data!) <= 64)).toBe(true);

    await bot.press(DONOR, offer.messageId, '10.00 USD');
    const ask = bot.last(DONOR);
    expect(ask.text).toBe('10.00 USD to "Alpha". Show your name to the owner?');
    expect(ask.buttons.map((b) => b.text)).toEqual(['Show my name', 'Stay anonymous']);

    await bot.press(DONOR, ask.messageId, 'Show my name');
    const invoice = bot.last(DONOR);
    const invoiceId = /Invoice (inv_[0-9a-f]{24})/.exec(invoice.text)?.[1];
    expect(invoice.text).toContain('Your donation of 10.00 USD to "Alpha".');
    expect(invoice.buttons).toEqual([{ text: 'Pay 10.00 USD', url: `https://nowpayments.test/invoice/${invoiceId}` }]);
    expect([...donations.invoices.values()]).toEqual([
      { invoiceId, channelId: 'c1alpha', donorId: String(DONOR), amount: usd(1000n), showName: true, donorName: 'Dana Doe' },
    ]);

    await bot.press(DONOR, ask.messageId, 'Show my name');
    expect(bot.last(DONOR).text).toContain(`(Invoice ${invoiceId})`);
    expect(donations.invoices.size).toBe(1);
  });

  it('staying anonymous records no name', async () => {
    const donations = enabled();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(DONOR, '/start donate_c1alpha');
    await bot.press(DONOR, bot.last(DONOR).messageId, '5.00 USD');
    await bot.press(DONOR, bot.last(DONOR).messageId, 'Stay anonymous');
    expect(bot.last(DONOR).text).toContain('Your donation of 5.00 USD to "Alpha", anonymous.');
    const [invoice] = donations.invoices.values();
    expect(invoice).toMatchObject({ showName: false, amount: usd(500n) });
    expect(invoice).not.toHaveProperty('donorName');
  });

  it('types another amount: refused ones are explained and asked again, a valid one leads to the invoice', async () => {
    const donations = enabled();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(DONOR, '/start donate_c1alpha');
    await bot.press(DONOR, bot.last(DONOR).messageId, 'Other amount');
    expect(bot.last(DONOR).text).toBe('How much would you like to give to "Alpha"? Send the amount in USD, from 1.00 USD to 10000.00 USD, for example 12.50.');

    for (const [typed, reason] of [
      ['twelve', 'enter an amount like 5 or 12.50'],
      ['12.505', 'at most 2 decimals'],
      ['0.50', 'the minimum donation is 1.00 USD'],
      ['10000.01', 'the maximum donation is 10000.00 USD'],
    ] as const) {
      await bot.say(DONOR, typed);
      expect(bot.last(DONOR).text).toMatch(/^That amount does not work: /);
      expect(bot.last(DONOR).text).toContain(reason);
    }
    expect(donations.invoices.size).toBe(0);

    await bot.say(DONOR, '$12.5');
    const ask = bot.last(DONOR);
    expect(ask.text).toBe('12.50 USD to "Alpha". Show your name to the owner?');
    await bot.press(DONOR, ask.messageId, 'Stay anonymous');
    expect(bot.last(DONOR).buttons[0]?.text).toBe('Pay 12.50 USD');
    expect([...donations.invoices.values()][0]?.amount).toEqual(usd(1250n));

    // The question was answered: the next text is ordinary chat again.
    await bot.say(DONOR, '20');
    expect(bot.last(DONOR).text).not.toContain('20.00 USD');
  });

  it('an amount typed after the 10 minutes is not taken as a donation', async () => {
    const bot = startDonationBot({ donations: enabled().port });
    await bot.say(DONOR, '/start donate_c1alpha');
    await bot.press(DONOR, bot.last(DONOR).messageId, 'Other amount');
    bot.advance(10 * 60_000 + 1);
    await bot.say(DONOR, '12');
    expect(bot.last(DONOR).text).not.toContain('12.00 USD');
    expect(bot.last(DONOR).text).not.toContain('does not work');
  });

  it('is told when the channel takes no donations, and about an unknown channel', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(DONOR, '/start donate_c1alpha');
    expect(bot.last(DONOR).text).toBe('"Alpha" does not take donations right now.');
    donations.settings.set(ALPHA.channelId, { presets: [usd(500n)], postInPublic: false, enabled: false, messages: [] });
    await bot.say(DONOR, '/start donate_c1alpha');
    expect(bot.last(DONOR).text).toBe('"Alpha" does not take donations right now.');
    await bot.say(DONOR, '/start donate_c9nothing');
    expect(bot.last(DONOR).text).toContain('I do not know a channel with the code "c9nothing"');
    expect(donations.invoices.size).toBe(0);
  });

  it('is told donations are closed when the owner paused them between the offer and the invoice', async () => {
    const donations = enabled();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(DONOR, '/start donate_c1alpha');
    await bot.press(DONOR, bot.last(DONOR).messageId, '5.00 USD');
    // The settings the bot read still say open; the invoice command (domain) refuses, as after a pause in between.
    donations.port.createDonationInvoice = async ({ channelId }) => {
      throw new PayGateError('conflict', `donations to ${channelId} are paused`, { channelId, paused: true });
    };
    await bot.press(DONOR, bot.last(DONOR).messageId, 'Stay anonymous');
    expect(bot.last(DONOR).text).toBe('"Alpha" does not take donations right now.');
    expect(donations.invoices.size).toBe(0);
  });

  it('a plain share link still shows the channel offer, not donations', async () => {
    const bot = startDonationBot({ donations: enabled().port });
    await bot.say(DONOR, '/start c1alpha');
    expect(bot.last(DONOR).text).not.toContain('pick an amount');
  });
});
