import { UsageError } from '../usage-error.ts';

type Link = { inviteLink: string; isRevoked?: boolean };
type Message = { fromId: number; text?: string };

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the Telegram simulator answered ${response.status} to ${new URL(url).pathname}`);
  return (await response.json()) as T;
};

/**
 * `join --user U --chat C` without `--link`: the newest invite link to chat C, still valid, that
 * the bot sent U by DM — what a person does by tapping the link in their chat with the bot.
 */
export const inviteLinkSentTo = async (apiRoot: string, input: { userId: number; chatId: number; botId: number; command: string }): Promise<string> => {
  const [links, messages] = await Promise.all([
    getJson<Link[]>(`${apiRoot}/sandbox/chats/${input.chatId}/invite-links`),
    getJson<Message[]>(`${apiRoot}/sandbox/chats/${input.userId}/messages`),
  ]);
  const usable = new Set(links.filter((link) => link.isRevoked !== true).map((link) => link.inviteLink));
  const sent = messages
    .filter((message) => message.fromId === input.botId)
    .flatMap((message) => message.text?.match(/https:\/\/t\.me\/\+[\w-]+/g) ?? []);
  const link = sent.reverse().find((candidate) => usable.has(candidate));
  if (link === undefined) throw new UsageError(`the bot has sent user ${input.userId} no valid invite link to chat ${input.chatId}`, input.command);
  return link;
};

export type JoinDecision = 'approved' | 'declined' | 'pending';

/**
 * After a join request, what the bot decided: a person watching Telegram sees the answer within
 * a second or two, so the CLI waits that long (polling the simulator) instead of leaving a race.
 */
export const awaitJoinDecision = async (
  apiRoot: string,
  input: { userId: number; inviteLink: string; timeoutMs?: number },
): Promise<JoinDecision> => {
  const links = await getJson<(Link & { chatId: number })[]>(`${apiRoot}/sandbox/invite-links`);
  const chatId = links.find((link) => link.inviteLink === input.inviteLink)?.chatId;
  if (chatId === undefined) return 'pending';
  const deadline = Date.now() + (input.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const [members, requests] = await Promise.all([
      getJson<{ userId: number; status: string }[]>(`${apiRoot}/sandbox/chats/${chatId}/members`),
      getJson<{ userId: number }[]>(`${apiRoot}/sandbox/chats/${chatId}/join-requests`),
    ]);
    if (members.some((member) => member.userId === input.userId && member.status === 'member')) return 'approved';
    if (!requests.some((request) => request.userId === input.userId)) return 'declined';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'pending';
};
