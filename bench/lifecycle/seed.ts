import { channelCodeForChat } from '@paygate/bot';
import { money } from '@paygate/domain';
import type { BenchPayGate } from './paygate-in-process.ts';

export type Purchase = { subscriberId: number; invoiceId: string; channelId: string; ownerId: number };

/**
 * `channels` registered channels (owner, simulated channel with the bot as admin, one tier) and
 * `count` subscribers who have started the bot, each with an open invoice in the NOWPayments
 * sandbox, spread round-robin over the channels. Invoices are made as the bot makes them.
 */
export const seedPurchases = async (bench: BenchPayGate, input: { phase: string; channels: number; count: number; concurrency?: number }) => {
  const started = performance.now();
  const { control } = bench.telegram;
  const channels: { channelId: string; ownerId: number }[] = [];
  for (let c = 0; c < input.channels; c++) {
    const owner = control.createUser({ firstName: `Owner ${input.phase}/${c}`, startedBot: true });
    const chat = control.createChannel({ ownerId: owner.id, title: `Bench ${input.phase}/${c}` });
    control.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    await bench.flow.channels.registerChannel({ channelId, chatId: String(chat.id), ownerId: String(owner.id), title: `Bench ${input.phase}/${c}` });
    await bench.flow.channels.priceTier({ channelId, tierId: 'monthly', name: 'Monthly', price: money(999n, 'USD'), durationDays: 30 });
    channels.push({ channelId, ownerId: owner.id });
  }
  const purchases: Purchase[] = new Array(input.count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < input.count; i = next++) {
      const channel = channels[i % channels.length]!;
      const subscriberId = control.createUser({ firstName: `Sub ${input.phase}/${i}`, startedBot: true }).id;
      const invoice = await bench.flow.invoices.createInvoice({ channelId: channel.channelId, tierId: 'monthly', subscriberId: String(subscriberId) });
      purchases[i] = { subscriberId, invoiceId: invoice.invoiceId, channelId: channel.channelId, ownerId: channel.ownerId };
    }
  };
  await Promise.all(Array.from({ length: input.concurrency ?? 8 }, worker));
  return { purchases, owners: channels.map((channel) => channel.ownerId), seconds: (performance.now() - started) / 1000 };
};
