import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramSandbox, createThrottleQueue, type TelegramSandbox } from '@paygate/gateways';
import { createTelegramGateway } from './telegram-gateway.ts';

const token = '7200000009:gateway-test-token';
let sandbox: TelegramSandbox;
let url = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  sandbox = createTelegramSandbox({ token });
  ({ url, close } = await sandbox.listen(0));
});
afterAll(() => close());

/** A shared queue on a clock that its sleeps advance: how long a call waited is the sum of the sleeps. */
const pacedWorld = () => {
  let offset = 0;
  const sleeps: number[] = [];
  const queue = createThrottleQueue({
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
    },
  });
  const gateway = createTelegramGateway({ apiRoot: () => url, token }, queue);
  const users = [1, 2, 3].map(() => String(sandbox.control.createUser({ firstName: 'Sub', startedBot: true }).id));
  const waited = () => sleeps.reduce((sum, ms) => sum + ms, 0);
  return { gateway, users, waited };
};

describe('the runtime Telegram gateway under 429s', () => {
  it('a 429 at broadcast priority never holds back access messages: an invite after it goes at once', async () => {
    const w = pacedWorld();
    sandbox.control.faults.rateLimit('sendMessage', { times: 1, retryAfter: 30 });
    await expect(w.gateway.atPriority('broadcast').sendMessage({ chatId: w.users[0]!, text: 'News' })).rejects.toMatchObject({ kind: 'rate_limited' });
    await w.gateway.atPriority('access').sendMessage({ chatId: w.users[1]!, text: 'Your invite' });
    expect(w.waited()).toBeLessThan(1_000);
  });

  it('a 429 at another priority holds back only its chat', async () => {
    const w = pacedWorld();
    sandbox.control.faults.rateLimit('sendMessage', { times: 1, retryAfter: 30 });
    await expect(w.gateway.atPriority('reminder').sendMessage({ chatId: w.users[0]!, text: 'Renew' })).rejects.toMatchObject({ kind: 'rate_limited' });
    await w.gateway.atPriority('reminder').sendMessage({ chatId: w.users[1]!, text: 'Renew' });
    expect(w.waited()).toBeLessThan(1_000);
  });
});
