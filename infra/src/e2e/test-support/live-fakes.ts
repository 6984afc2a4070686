// Test helper (not product code): the outside world of a live PayGate, on loopback.
import { createNowPaymentsSandbox, createTelegramSandbox, type NowPaymentsSandbox, type TelegramSandbox } from '@paygate/gateways';

/** Live-looking credentials: none is a sandbox value, so live mode accepts them. */
export const LIVE = {
  nowPaymentsApiKey: 'np-live-key-3f8a1c9e',
  ipnSecret: 'np-live-ipn-secret-7b2d4e6f',
  botToken: '8123456789:LiveFakeBotToken_abcdefghijklmnopqrstu',
  botUsername: 'paygate_live_fake_bot',
  operatorKey: 'op-live-key-0f1e2d3c4b5a6978',
} as const;

export type LiveFakes = {
  /** "NOWPayments": the simulator standing alone on its own port, holding the live key and secret. */
  nowPayments: NowPaymentsSandbox;
  nowPaymentsUrl: string;
  /** "A self-hosted Bot API server": the Telegram simulator on its own port, with the live token. */
  telegram: TelegramSandbox;
  telegramUrl: string;
  close(): Promise<void>;
};

/**
 * The services a live PayGate talks to, reached over HTTP exactly as the real ones (the same
 * simulators the sandbox mode mounts, but separate servers PayGate knows only by URL).
 */
export const startLiveFakes = async (): Promise<LiveFakes> => {
  const nowPayments = createNowPaymentsSandbox({ ipnSecret: LIVE.ipnSecret, apiKey: LIVE.nowPaymentsApiKey, ipnRetry: { attempts: 3 } });
  const nowPaymentsServer = await nowPayments.listen(0);
  const telegram = createTelegramSandbox({ token: LIVE.botToken, botUsername: LIVE.botUsername });
  const telegramServer = await telegram.listen(0);
  return {
    nowPayments,
    nowPaymentsUrl: nowPaymentsServer.url,
    telegram,
    telegramUrl: telegramServer.url,
    close: async () => {
      await telegramServer.close();
      await nowPaymentsServer.close();
    },
  };
};
