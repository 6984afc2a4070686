import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TgChatInviteLink, TgUpdate } from '../bot-api-types.ts';
import { createTelegramSandbox, type TelegramSandbox } from './sandbox.ts';

const TOKEN = '7100000002:membership-tests';
let now = new Date('2026-03-01T12:00:00Z');
const unix = () => Math.floor(now.getTime() / 1000);

let sandbox: TelegramSandbox;
let url = '';
let close: () => Promise<void> = async () => {};

type Body = { ok: boolean; result?: unknown; error_code?: number; description?: string };
const api = async (method: string, params: Record<string, unknown> = {}): Promise<Body> => {
  const response = await fetch(`${url}/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as Body;
  expect(response.status).toBe(body.ok ? 200 : body.error_code);
  return body;
};
const ok = async <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
  const body = await api(method, params);
  if (!body.ok) throw new Error(`${method}: ${body.description}`);
  return body.result as T;
};
const refusal = async (method: string, params: Record<string, unknown>) => {
  const body = await api(method, params);
  return body.ok ? 'ok' : `${body.error_code} ${body.description}`;
};
/** Drains the bot's updates (chat_member asked for explicitly, as PayGate's bot does). */
const drain = async (): Promise<TgUpdate[]> => {
  const updates = await ok<TgUpdate[]>('getUpdates', { allowed_updates: ['message', 'callback_query', 'my_chat_member', 'chat_member', 'chat_join_request'] });
  if (updates.length > 0) await ok('getUpdates', { offset: updates.at(-1)!.update_id + 1 });
  return updates;
};

beforeAll(async () => {
  sandbox = createTelegramSandbox({ token: TOKEN, clock: () => now });
  ({ url, close } = await sandbox.listen(0));
});
afterAll(() => close());

const setup = async (rights?: Record<string, boolean>) => {
  const c = sandbox.control;
  const owner = c.createUser({ firstName: 'Owner' });
  const channel = c.createChannel({ ownerId: owner.id, title: 'Alpha Signals' });
  c.promoteBot({ chatId: channel.id, ...(rights === undefined ? {} : { rights }) });
  await drain();
  return { owner, channel, user: (name: string) => c.createUser({ firstName: name }) };
};

describe('the bot in a channel', () => {
  it('hears of being made administrator (my_chat_member) and sees its rights', async () => {
    const c = sandbox.control;
    const owner = c.createUser({ firstName: 'Olga', username: 'olga' });
    const channel = c.createChannel({ ownerId: owner.id, title: 'Beta', username: 'beta_channel' });
    expect(channel.id).toBeLessThan(-1_000_000_000_000);
    expect(await refusal('getChat', { chat_id: channel.id })).toBe('400 Bad Request: chat not found');
    c.promoteBot({ chatId: channel.id, rights: { can_invite_users: true, can_restrict_members: true } });
    const [update] = await drain();
    expect(update).toMatchObject({
      my_chat_member: {
        chat: { id: channel.id, title: 'Beta', type: 'channel', username: 'beta_channel' },
        from: { id: owner.id },
        old_chat_member: { status: 'left', user: { id: sandbox.botId } },
        new_chat_member: { status: 'administrator', can_invite_users: true, can_restrict_members: true, can_post_messages: false },
      },
    });
    expect(await ok('getChat', { chat_id: '@beta_channel' })).toMatchObject({ id: channel.id, type: 'channel', title: 'Beta' });
    const admins = await ok<{ status: string; user: { id: number } }[]>('getChatAdministrators', { chat_id: channel.id });
    expect(admins.map((a) => [a.user.id, a.status])).toEqual([
      [owner.id, 'creator'],
      [sandbox.botId, 'administrator'],
    ]);
    // Without can_post_messages the bot cannot post in the channel.
    expect(await refusal('sendMessage', { chat_id: channel.id, text: 'hi' })).toBe('400 Bad Request: need administrator rights in the channel chat');

    c.demoteBot({ chatId: channel.id, to: 'kicked' });
    expect((await drain())[0]).toMatchObject({ my_chat_member: { new_chat_member: { status: 'kicked' } } });
    expect(await refusal('getChat', { chat_id: channel.id })).toBe('403 Forbidden: bot was kicked from the channel chat');
  });

  it('needs can_invite_users for invite links and can_restrict_members for bans', async () => {
    const { channel, user } = await setup({ can_post_messages: true });
    const zoe = user('Zoe');
    expect(await refusal('createChatInviteLink', { chat_id: channel.id })).toBe('400 Bad Request: not enough rights to manage chat invite link');
    expect(await refusal('banChatMember', { chat_id: channel.id, user_id: zoe.id })).toBe(
      '400 Bad Request: not enough rights to restrict/unrestrict chat member',
    );
    expect(await ok('sendMessage', { chat_id: channel.id, text: 'post' })).toMatchObject({ sender_chat: { id: channel.id }, chat: { id: channel.id } });
  });
});

describe('invite links', () => {
  it('creates links with name, limit and expiry, and checks them as Telegram does', async () => {
    const { channel, owner } = await setup();
    const link = await ok<TgChatInviteLink>('createChatInviteLink', {
      chat_id: channel.id,
      name: 'sub:inv_1',
      member_limit: 1,
      expire_date: unix() + 3_600,
    });
    expect(link).toEqual({
      invite_link: expect.stringMatching(/^https:\/\/t\.me\/\+[A-Za-z0-9_-]{16}$/),
      creator: expect.objectContaining({ id: sandbox.botId, is_bot: true }),
      creates_join_request: false,
      is_primary: false,
      is_revoked: false,
      name: 'sub:inv_1',
      expire_date: unix() + 3_600,
      member_limit: 1,
    });
    const create = (params: Record<string, unknown>) => refusal('createChatInviteLink', { chat_id: channel.id, ...params });
    expect(await create({ name: 'x'.repeat(33) })).toBe('400 Bad Request: invite link name is too long');
    expect(await create({ member_limit: 100_000 })).toBe('400 Bad Request: USAGE_LIMIT_INVALID');
    expect(await create({ member_limit: 1, creates_join_request: true })).toBe(
      "400 Bad Request: member limit can't be specified for links requiring administrator approval",
    );
    expect(await create({ expire_date: unix() - 10 })).toBe('400 Bad Request: EXPIRE_DATE_INVALID');
    expect(await refusal('createChatInviteLink', { chat_id: owner.id })).toBe("400 Bad Request: can't invite members to a private chat");
    expect(await refusal('createChatInviteLink', { chat_id: -1009999999999 })).toBe('400 Bad Request: chat not found');
    expect(await refusal('createChatInviteLink', {})).toBe('400 Bad Request: chat_id is empty');
    expect(await create({ name: 'x'.repeat(32) })).toBe('ok');
  });

  it('enforces member_limit on members who joined through the link while they stay', async () => {
    const { channel, user } = await setup();
    const [ann, ben] = [user('Ann'), user('Ben')];
    const link = await ok<TgChatInviteLink>('createChatInviteLink', { chat_id: channel.id, name: 'one seat', member_limit: 1 });
    const joined = sandbox.control.joinViaLink({ userId: ann.id, inviteLink: link.invite_link });
    expect(joined.outcome).toBe('joined');
    const [update] = await drain();
    expect(update).toMatchObject({
      chat_member: {
        chat: { id: channel.id },
        from: { id: ann.id },
        old_chat_member: { status: 'left', user: { id: ann.id } },
        new_chat_member: { status: 'member', user: { id: ann.id } },
        invite_link: { invite_link: link.invite_link, name: 'one seat', creator: { id: sandbox.botId }, member_limit: 1 },
      },
    });
    expect(Object.keys((update as { chat_member: object }).chat_member)).toEqual(['chat', 'from', 'date', 'old_chat_member', 'new_chat_member', 'invite_link']);
    expect(sandbox.control.joinViaLink({ userId: ben.id, inviteLink: link.invite_link })).toEqual({ outcome: 'refused', reason: 'limit_reached' });
    expect(sandbox.control.joinViaLink({ userId: ann.id, inviteLink: link.invite_link })).toEqual({ outcome: 'refused', reason: 'already_member' });
    sandbox.control.leaveChat({ userId: ann.id, chatId: channel.id });
    expect((await drain())[0]).toMatchObject({ chat_member: { from: { id: ann.id }, new_chat_member: { status: 'left' } } });
    // Telegram counts members "simultaneously": Ann's leaving frees the seat.
    expect(sandbox.control.joinViaLink({ userId: ben.id, inviteLink: link.invite_link }).outcome).toBe('joined');
    expect(sandbox.control.inviteLinks(channel.id).find((l) => l.inviteLink === link.invite_link)).toMatchObject({ joinCount: 2, memberCount: 1 });
    await drain();
  });

  it('refuses revoked and expired links', async () => {
    const { channel, user } = await setup();
    const cid = user('Cid');
    const link = await ok<TgChatInviteLink>('createChatInviteLink', { chat_id: channel.id, expire_date: unix() + 60 });
    const revoked = await ok<TgChatInviteLink>('revokeChatInviteLink', { chat_id: channel.id, invite_link: link.invite_link });
    expect(revoked).toMatchObject({ invite_link: link.invite_link, is_revoked: true });
    expect(sandbox.control.joinViaLink({ userId: cid.id, inviteLink: link.invite_link })).toEqual({ outcome: 'refused', reason: 'revoked' });
    expect(await refusal('revokeChatInviteLink', { chat_id: channel.id, invite_link: 'https://t.me/+nope' })).toBe('400 Bad Request: INVITE_HASH_EXPIRED');

    const expiring = await ok<TgChatInviteLink>('createChatInviteLink', { chat_id: channel.id, expire_date: unix() + 60 });
    now = new Date(now.getTime() + 61_000);
    expect(sandbox.control.joinViaLink({ userId: cid.id, inviteLink: expiring.invite_link })).toEqual({ outcome: 'refused', reason: 'expired' });
    expect(sandbox.control.joinViaLink({ userId: cid.id, inviteLink: 'https://t.me/+unknown' })).toEqual({ outcome: 'refused', reason: 'invalid_link' });
    expect(sandbox.control.member(channel.id, cid.id).status).toBe('left');
    expect(await drain()).toEqual([]);
  });

  it('turns a creates_join_request link into a join request the bot approves or declines', async () => {
    const { channel, user } = await setup();
    const [dee, eve] = [user('Dee'), user('Eve')];
    const link = await ok<TgChatInviteLink>('createChatInviteLink', { chat_id: channel.id, name: 'approval', creates_join_request: true });
    expect(sandbox.control.joinViaLink({ userId: dee.id, inviteLink: link.invite_link }).outcome).toBe('requested');
    expect(sandbox.control.joinViaLink({ userId: eve.id, inviteLink: link.invite_link }).outcome).toBe('requested');
    const requests = await drain();
    expect(requests[0]).toMatchObject({
      chat_join_request: { chat: { id: channel.id }, from: { id: dee.id }, user_chat_id: dee.id, invite_link: { name: 'approval', creates_join_request: true } },
    });
    expect(sandbox.control.member(channel.id, dee.id).status).toBe('left');
    // A join request lets the bot write to the requester first.
    expect(await refusal('sendMessage', { chat_id: dee.id, text: 'pay first' })).toBe('ok');

    expect(await ok('approveChatJoinRequest', { chat_id: channel.id, user_id: dee.id })).toBe(true);
    expect((await drain())[0]).toMatchObject({
      chat_member: { from: { id: sandbox.botId }, new_chat_member: { status: 'member', user: { id: dee.id } }, via_join_request: true, invite_link: { name: 'approval' } },
    });
    expect(await refusal('approveChatJoinRequest', { chat_id: channel.id, user_id: dee.id })).toBe('400 Bad Request: USER_ALREADY_PARTICIPANT');
    expect(await ok('declineChatJoinRequest', { chat_id: channel.id, user_id: eve.id })).toBe(true);
    expect(await refusal('declineChatJoinRequest', { chat_id: channel.id, user_id: eve.id })).toBe('400 Bad Request: HIDE_REQUESTER_MISSING');
    expect(sandbox.control.member(channel.id, eve.id).status).toBe('left');
    expect(sandbox.control.joinRequests(channel.id)).toEqual([]);
  });
});

describe('bans', () => {
  it('bans, and unbans with only_if_banned without touching a member who is not banned', async () => {
    const { channel, owner, user } = await setup();
    const [fin, gil] = [user('Fin'), user('Gil')];
    sandbox.control.addMember({ chatId: channel.id, userId: fin.id });
    sandbox.control.addMember({ chatId: channel.id, userId: gil.id });
    await drain();

    expect(await ok('banChatMember', { chat_id: channel.id, user_id: fin.id, until_date: unix() + 3_600 })).toBe(true);
    expect(await ok('getChatMember', { chat_id: channel.id, user_id: fin.id })).toMatchObject({ status: 'kicked', until_date: unix() + 3_600 });
    expect(sandbox.control.bans(channel.id)).toEqual([{ userId: fin.id, untilDate: unix() + 3_600 }]);
    const link = await ok<TgChatInviteLink>('createChatInviteLink', { chat_id: channel.id });
    expect(sandbox.control.joinViaLink({ userId: fin.id, inviteLink: link.invite_link })).toEqual({ outcome: 'refused', reason: 'banned' });

    // only_if_banned on a member who is not banned: nothing happens, Gil stays.
    expect(await ok('unbanChatMember', { chat_id: channel.id, user_id: gil.id, only_if_banned: true })).toBe(true);
    expect(await ok('getChatMember', { chat_id: channel.id, user_id: gil.id })).toMatchObject({ status: 'member' });
    // The ban-then-unban PayGate uses to remove someone without banning them for good.
    expect(await ok('unbanChatMember', { chat_id: channel.id, user_id: fin.id, only_if_banned: true })).toBe(true);
    expect(await ok('getChatMember', { chat_id: channel.id, user_id: fin.id })).toMatchObject({ status: 'left' });
    expect(sandbox.control.joinViaLink({ userId: fin.id, inviteLink: link.invite_link }).outcome).toBe('joined');
    // A plain unban removes a current member (the Bot API's guarantee: "not a member, but may join").
    expect(await ok('unbanChatMember', { chat_id: channel.id, user_id: gil.id })).toBe(true);
    expect(sandbox.control.member(channel.id, gil.id).status).toBe('left');

    const changes = (await drain()).map((u) => ('chat_member' in u ? `${u.chat_member.new_chat_member.user.first_name}:${u.chat_member.old_chat_member.status}->${u.chat_member.new_chat_member.status}` : '?'));
    expect(changes).toEqual(['Fin:member->kicked', 'Fin:kicked->left', 'Fin:left->member', 'Gil:member->left']);

    expect(await refusal('banChatMember', { chat_id: channel.id, user_id: owner.id })).toBe("400 Bad Request: can't remove chat owner");
    expect(await refusal('banChatMember', { chat_id: channel.id, user_id: sandbox.botId })).toBe("400 Bad Request: can't restrict self");
    expect(await refusal('banChatMember', { chat_id: channel.id, user_id: 999 })).toBe('400 Bad Request: user not found');
  });

  it('ends a timed ban when until_date passes; a short one is for ever', async () => {
    const { channel, user } = await setup();
    const [hue, ivy] = [user('Hue'), user('Ivy')];
    await ok('banChatMember', { chat_id: channel.id, user_id: hue.id, until_date: unix() + 120 });
    await ok('banChatMember', { chat_id: channel.id, user_id: ivy.id, until_date: unix() + 5 });
    expect(await ok('getChatMember', { chat_id: channel.id, user_id: ivy.id })).toMatchObject({ status: 'kicked', until_date: 0 });
    now = new Date(now.getTime() + 121_000);
    expect(await ok('getChatMember', { chat_id: channel.id, user_id: hue.id })).toMatchObject({ status: 'left' });
    expect(await ok('getChatMember', { chat_id: channel.id, user_id: ivy.id })).toMatchObject({ status: 'kicked' });
    await drain();
  });
});
