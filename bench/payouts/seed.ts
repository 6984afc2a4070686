import { Wallet } from 'ethers';
import { channelCodeForChat } from '@paygate/bot';
import { money } from '@paygate/domain';
import type { RunningPayGate } from '../../infra/src/runtime/index.ts';

export type Route = 'direct' | 'swap';
export type BenchChannel = { channelId: string; route: Route; wallet: string };

const WALLETS: Record<Route, { currency: string; network: string }> = {
  direct: { currency: 'USDTERC20', network: 'ethereum' },
  swap: { currency: 'USDTMATIC', network: 'polygon' },
};

/**
 * `count` channels as an owner sets them up (register, a 12.50 USD tier, /wallet, /payout instant),
 * through the same commands `paygate channel register`, `tier set` and `payout-settings set` run;
 * even ones paid directly (USDTERC20 on ethereum, the settled currency on the host network), odd
 * ones through a ChangeNOW swap (USDTMATIC on polygon). Each channel's chat exists in the Telegram
 * sandbox with the bot as admin, and its owner has started the bot, so invites and owner notices
 * go out as in production. Owner wallets are fresh random addresses.
 */
export const seedPayoutChannels = async (running: RunningPayGate, count: number): Promise<BenchChannel[]> => {
  const { control } = running.paygate.telegram.sandbox!;
  const channels: BenchChannel[] = [];
  for (let c = 0; c < count; c++) {
    const route: Route = c % 2 === 0 ? 'direct' : 'swap';
    const owner = control.createUser({ firstName: `Payout owner ${c}`, startedBot: true });
    const chat = control.createChannel({ ownerId: owner.id, title: `Payout bench ${c}` });
    control.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    const ownerId = String(owner.id);
    await running.paygate.payments.channels.registerChannel({ channelId, chatId: String(chat.id), ownerId, title: `Payout bench ${c}` });
    await running.paygate.payments.channels.priceTier({ channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 });
    const wallet = Wallet.createRandom().address;
    const settings = running.paygate.lifecycle.payoutSettings;
    await settings.setPayoutWallet({ channelId, requestedBy: ownerId, address: wallet, ...WALLETS[route] });
    await settings.choosePayoutStrategy({ channelId, requestedBy: ownerId, strategy: 'instant' });
    channels.push({ channelId, route, wallet });
  }
  return channels;
};
