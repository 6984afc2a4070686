/** What broadcasts write themselves (English by default; the composition root may pass another language's). */
export type BroadcastTexts = {
  optOutButton: string;
  progress(input: { title: string; done: number; total: number; sent: number; failed: number; blocked: number; finished: boolean }): string;
};

const n = (value: number) => value.toLocaleString('en-US');

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const ENGLISH_BROADCAST_TEXTS: BroadcastTexts = {
  optOutButton: 'Stop messages from this channel',
  progress: ({ title, done, total, sent, failed, blocked, finished }) =>
    `${finished ? '✅ Broadcast sent' : '📣 Broadcast sending'}: <b>${escapeHtml(title)}</b>\n` +
    `${n(done)} / ${n(total)} done · ${n(sent)} sent · ${n(failed)} failed (${n(blocked)} blocked the bot)`,
};
