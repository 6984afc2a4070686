// Notifications: owner notifications (once per causing event) and who has blocked the bot.
export * from './owner-notification.ts';
export * from './telegram-user.ts';
