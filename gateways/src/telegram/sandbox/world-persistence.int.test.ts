import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TgUpdate } from '../bot-api-types.ts';
import { createTelegramSandbox, type TelegramSandbox } from './sandbox.ts';
import { UPDATE_ID_BLOCK } from './world-persistence.ts';

const TOKEN = '7000000001:SANDBOX-token_abc';
const dirs: string[] = [];
const sandboxes: TelegramSandbox[] = [];

const worldFile = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tg-world-'));
  dirs.push(dir);
  return join(dir, 'data', 'telegram-sandbox.json');
};
const open = (stateFile: string, saveDelayMs = 0) => {
  const sandbox = createTelegramSandbox({ token: TOKEN, stateFile, saveDelayMs });
  sandboxes.push(sandbox);
  return sandbox;
};
const updates = async (sandbox: TelegramSandbox, offset?: number) =>
  ((await sandbox.call('getUpdates', offset === undefined ? {} : { offset })).body as { result: TgUpdate[] }).result;
const onDisk = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { nextUpdateId: number };

afterAll(async () => {
  for (const sandbox of sandboxes) sandbox.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('a Telegram sandbox world kept in a file', () => {
  it('a new sandbox on the file continues the world: users, channel, members, messages, unconfirmed updates, and update ids that never repeat', async () => {
    const file = await worldFile();
    const first = open(file);
    const owner = first.control.createUser({ firstName: 'Olga', startedBot: true });
    const chat = first.control.createChannel({ ownerId: owner.id, title: 'Alpha signals' });
    first.control.promoteBot({ chatId: chat.id });
    const said = first.control.sendText({ userId: owner.id, text: '/start' });
    await first.call('sendMessage', { chat_id: owner.id, text: 'Welcome' });
    const before = await updates(first);
    expect(before.at(-1)).toEqual(said);
    // The bot confirms all but the last update; then the process stops.
    await updates(first, said.update_id);
    first.stop();
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const second = open(file);
    expect(second.control.members(chat.id)).toEqual(first.control.members(chat.id));
    expect(second.control.messages(owner.id).map((m) => m.text)).toEqual(['/start', 'Welcome']);
    expect(await updates(second)).toEqual([said]); // still owed to the bot
    const next = second.control.sendText({ userId: owner.id, text: '/help' });
    expect(next.update_id).toBe(said.update_id + 1); // a clean stop kept the exact counter
    // New users and chats get new ids, as before the restart.
    expect(second.control.createUser({ firstName: 'Sue' }).id).toBe(owner.id + 1);
    expect(second.control.createChannel({ ownerId: owner.id, title: 'Beta' }).id).not.toBe(chat.id);
  });

  it('update ids are reserved on disk before they are handed out: a killed process restarts above every id it gave away', async () => {
    const file = await worldFile();
    const running = open(file, 60_000); // no delayed save happens before the "kill"
    const user = running.control.createUser({ firstName: 'Kim', startedBot: true });
    const sent: number[] = [];
    for (let i = 0; i < UPDATE_ID_BLOCK + 5; i += 1) sent.push(running.control.sendText({ userId: user.id, text: `message ${i}` }).update_id);
    // What is on disk right now is what a restart after kill -9 would find.
    const crashCopy = `${file}.crash`;
    await writeFile(crashCopy, await readFile(file), { mode: 0o600 });
    expect((await onDisk(crashCopy)).nextUpdateId).toBeGreaterThan(Math.max(...sent));

    const restarted = open(crashCopy);
    expect(restarted.control.sendText({ userId: user.id, text: 'after the crash' }).update_id).toBeGreaterThan(Math.max(...sent));
  });

  it('a new world kept in a file starts its update ids at a random point, not at 1', async () => {
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const sandbox = open(await worldFile());
        return sandbox.control.sendText({ userId: sandbox.control.createUser({ firstName: 'Ann', startedBot: true }).id, text: 'hi' }).update_id;
      }),
    );
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) expect(id).toBeGreaterThan(0);
  });

  it('a file that is not a world of this bot is refused, naming the file and how to start over', async () => {
    const file = await worldFile();
    const kept = open(file);
    kept.control.createUser({ firstName: 'Olga' });
    kept.stop();
    expect(() => createTelegramSandbox({ token: '7000000002:other-bot', stateFile: file })).toThrow(/belongs to bot 7000000001, not 7000000002.*move it away/);
    await writeFile(file, '{"version":1,');
    expect(() => createTelegramSandbox({ token: TOKEN, stateFile: file })).toThrow(`the Telegram sandbox world ${file} cannot be restored`);
    await writeFile(file, JSON.stringify({ version: 1, botId: 7000000001 }));
    expect(() => createTelegramSandbox({ token: TOKEN, stateFile: file })).toThrow(/cannot be restored \(not a Telegram sandbox world/);
  });

  it('without a file nothing is written and ids start at 1', () => {
    const sandbox = createTelegramSandbox({ token: TOKEN });
    const user = sandbox.control.createUser({ firstName: 'Ann', startedBot: true });
    expect(sandbox.control.sendText({ userId: user.id, text: 'hi' }).update_id).toBe(1);
    sandbox.stop();
  });
});
