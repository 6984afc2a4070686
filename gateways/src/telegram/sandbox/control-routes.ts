/**
 * The control API over HTTP, for `--sandbox` mode and tests in other processes; bodies are the
 * direct functions' inputs (camelCase; rights use the Bot API's names). Errors: 400 invalid
 * body, 404 unknown user/chat, 409 a state conflict.
 *
 *   POST   /sandbox/users                          {firstName, id?, username?, startedBot?, …}
 *   POST   /sandbox/chats                          {ownerId, title, type?, id?, username?}
 *   POST   /sandbox/chats/:chatId/members          {userId}
 *   POST   /sandbox/chats/:chatId/admins           {userId, rights?}
 *   PUT    /sandbox/chats/:chatId/bot              {rights?}          bot made administrator
 *   DELETE /sandbox/chats/:chatId/bot?to=left|member|kicked
 *   POST   /sandbox/users/:userId/messages         {text, chatId?}
 *   POST   /sandbox/users/:userId/photos           {caption?, chatId?}  → {fileId, update}
 *   DELETE /sandbox/chats/:chatId/messages/:messageId
 *   POST   /sandbox/users/:userId/callbacks        {messageId, data?, text?, chatId?}
 *   POST   /sandbox/users/:userId/joins            {inviteLink}       → {outcome, reason?}
 *   POST   /sandbox/users/:userId/leave            {chatId}
 *   POST   /sandbox/users/:userId/block | /unblock
 *   POST   /sandbox/faults                         {method, kind: rate_limit|error|delay, times?, retryAfter?, errorCode?, description?, ms?}
 *   DELETE /sandbox/faults
 *   GET    /sandbox/chats/:chatId/{messages,members,invite-links,join-requests}
 *   GET    /sandbox/invite-links  /sandbox/calls?method=  /sandbox/updates  /sandbox/callback-answers
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { isPayGateError } from '@paygate/domain';
import type { TelegramSandboxControl } from './control/control.ts';

const id = v.pipe(v.number(), v.safeInteger());
const rightsSchema = v.optional(v.record(v.pipe(v.string(), v.startsWith('can_')), v.boolean()));

const schemas = {
  user: v.strictObject({
    firstName: v.pipe(v.string(), v.minLength(1)),
    id: v.optional(id),
    lastName: v.optional(v.string()),
    username: v.optional(v.string()),
    languageCode: v.optional(v.string()),
    isBot: v.optional(v.boolean()),
    startedBot: v.optional(v.boolean()),
  }),
  chat: v.strictObject({
    ownerId: id,
    title: v.pipe(v.string(), v.minLength(1)),
    type: v.optional(v.picklist(['channel', 'supergroup'])),
    id: v.optional(id),
    username: v.optional(v.string()),
    description: v.optional(v.string()),
  }),
  userRef: v.strictObject({ userId: id }),
  admin: v.strictObject({ userId: id, rights: rightsSchema }),
  bot: v.strictObject({ rights: rightsSchema }),
  photo: v.strictObject({ caption: v.optional(v.string()), chatId: v.optional(id) }),
  text: v.strictObject({ text: v.pipe(v.string(), v.minLength(1)), chatId: v.optional(id) }),
  callback: v.strictObject({ messageId: id, data: v.optional(v.string()), text: v.optional(v.string()), chatId: v.optional(id) }),
  join: v.strictObject({ inviteLink: v.pipe(v.string(), v.minLength(1)) }),
  leave: v.strictObject({ chatId: id }),
  empty: v.strictObject({}),
  fault: v.strictObject({
    method: v.pipe(v.string(), v.minLength(1)),
    kind: v.picklist(['rate_limit', 'error', 'delay']),
    times: v.optional(v.pipe(id, v.minValue(1))),
    retryAfter: v.optional(v.pipe(id, v.minValue(0))),
    errorCode: v.optional(v.pipe(id, v.minValue(400), v.maxValue(599))),
    description: v.optional(v.string()),
    ms: v.optional(v.pipe(id, v.minValue(0))),
  }),
};

const STATUS = { not_found: 404, validation: 400, conflict: 409 } as const;

const run = async <S extends v.GenericSchema>(c: Context, schema: S, action: (input: v.InferOutput<S>) => unknown, created = false) => {
  const text = await c.req.text();
  let body: unknown = {};
  try {
    if (text.trim() !== '') body = JSON.parse(text);
  } catch {
    return c.json({ error: 'body is not valid JSON' }, 400);
  }
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) {
    return c.json({ error: 'invalid request', fields: parsed.issues.map((i) => v.getDotPath(i) ?? '(body)') }, 400);
  }
  try {
    return c.json((await action(parsed.output)) ?? { ok: true }, created ? 201 : 200);
  } catch (error) {
    if (isPayGateError(error) && error.kind in STATUS) {
      return c.json({ error: error.message, ...error.details }, STATUS[error.kind as keyof typeof STATUS]);
    }
    throw error;
  }
};

const num = (c: Context, name: string) => Number(c.req.param(name));

export const createControlRoutes = (control: TelegramSandboxControl) => {
  const r = new Hono();
  r.post('/sandbox/users', (c) => run(c, schemas.user, (input) => control.createUser(input), true));
  r.post('/sandbox/chats', (c) =>
    run(c, schemas.chat, (input) => {
      const chat = control.createChannel(input);
      return { id: chat.id, type: chat.type, title: chat.title, ownerId: chat.ownerId, username: chat.username ?? null };
    }, true),
  );
  r.post('/sandbox/chats/:chatId/members', (c) => run(c, schemas.userRef, ({ userId }) => control.addMember({ chatId: num(c, 'chatId'), userId })));
  r.post('/sandbox/chats/:chatId/admins', (c) => run(c, schemas.admin, (input) => control.promoteUser({ chatId: num(c, 'chatId'), ...input })));
  r.put('/sandbox/chats/:chatId/bot', (c) => run(c, schemas.bot, (input) => control.promoteBot({ chatId: num(c, 'chatId'), ...input })));
  r.delete('/sandbox/chats/:chatId/bot', (c) => {
    const to = c.req.query('to');
    if (to !== undefined && to !== 'member' && to !== 'left' && to !== 'kicked') return c.json({ error: 'to is member, left or kicked' }, 400);
    return run(c, schemas.empty, () => control.demoteBot({ chatId: num(c, 'chatId'), ...(to === undefined ? {} : { to }) }));
  });
  r.post('/sandbox/users/:userId/messages', (c) => run(c, schemas.text, (input) => control.sendText({ userId: num(c, 'userId'), ...input })));
  r.post('/sandbox/users/:userId/photos', (c) => run(c, schemas.photo, (input) => control.sendPhoto({ userId: num(c, 'userId'), ...input })));
  r.delete('/sandbox/chats/:chatId/messages/:messageId', (c) =>
    run(c, schemas.empty, () => control.deleteMessage({ chatId: num(c, 'chatId'), messageId: num(c, 'messageId') })),
  );
  r.post('/sandbox/users/:userId/callbacks', (c) => run(c, schemas.callback, (input) => control.pressButton({ userId: num(c, 'userId'), ...input })));
  r.post('/sandbox/users/:userId/joins', (c) => run(c, schemas.join, (input) => control.joinViaLink({ userId: num(c, 'userId'), ...input })));
  r.post('/sandbox/users/:userId/leave', (c) => run(c, schemas.leave, (input) => control.leaveChat({ userId: num(c, 'userId'), ...input })));
  r.post('/sandbox/users/:userId/block', (c) => run(c, schemas.empty, () => control.blockBot(num(c, 'userId'))));
  r.post('/sandbox/users/:userId/unblock', (c) => run(c, schemas.empty, () => control.unblockBot(num(c, 'userId'))));
  r.post('/sandbox/faults', (c) =>
    run(c, schemas.fault, (f) => {
      if (f.kind === 'rate_limit') control.faults.rateLimit(f.method, { ...(f.times ? { times: f.times } : {}), ...(f.retryAfter !== undefined ? { retryAfter: f.retryAfter } : {}) });
      if (f.kind === 'error') control.faults.fail(f.method, { times: f.times ?? 1, errorCode: f.errorCode ?? 500, description: f.description ?? 'Internal Server Error' });
      if (f.kind === 'delay') control.faults.delay(f.method, f.ms ?? 0);
    }),
  );
  r.delete('/sandbox/faults', (c) => {
    control.faults.clear();
    return c.json({ ok: true });
  });
  r.get('/sandbox/chats/:chatId/messages', (c) => c.json(control.messages(num(c, 'chatId'))));
  r.get('/sandbox/chats/:chatId/members', (c) => c.json(control.members(num(c, 'chatId'))));
  r.get('/sandbox/chats/:chatId/invite-links', (c) => c.json(control.inviteLinks(num(c, 'chatId'))));
  r.get('/sandbox/chats/:chatId/join-requests', (c) => c.json(control.joinRequests(num(c, 'chatId'))));
  r.get('/sandbox/invite-links', (c) => c.json(control.inviteLinks()));
  r.get('/sandbox/calls', (c) => c.json(control.calls(c.req.query('method'))));
  r.get('/sandbox/updates', (c) => c.json(control.pendingUpdates()));
  r.get('/sandbox/callback-answers', (c) => c.json(control.callbackAnswers()));
  return r;
};
