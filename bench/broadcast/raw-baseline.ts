import { createTelegramClient } from '@paygate/gateways';

/**
 * The sandbox's own ceiling in this run: `count` plain sendMessage calls over HTTP at `concurrency`,
 * no pacing, no event store — what the sender could do if Telegram allowed it.
 */
export const rawSendRate = async (input: { url: string; token: string; chatId: string; count: number; concurrency: number }): Promise<number> => {
  const client = createTelegramClient({ apiRoot: input.url, token: input.token, rateLimit: false });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < input.count) {
      next += 1;
      await client.sendMessage({ chatId: input.chatId, text: `baseline ${next}` });
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  return (input.count * 1000) / (performance.now() - started);
};
