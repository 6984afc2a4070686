import type { MessageEntity } from 'grammy/types';

/**
 * The owner's message as Telegram HTML, rebuilt from the text and its entities.
 *
 * Why entities and not HTML typed by the owner: the owner formats with Telegram's own editor
 * (bold, links, spoilers …) and sees in the preview what subscribers get; typed tags would need
 * them to know Telegram's HTML subset, and one stray "<" would make every send fail. Built from
 * entities, the HTML is always well formed and the text always escaped.
 * Entity offsets count UTF-16 code units, as JavaScript strings do. Telegram guarantees that two
 * entities sharing characters nest (one contains the other), so a stack of open tags suffices.
 * Entities Telegram detects by itself (mentions, URLs, hashtags …) stay plain text: they are
 * detected again when the message is sent.
 */
export const entitiesToHtml = (text: string, entities: readonly MessageEntity[] = []): string => {
  const tagged = entities
    .map((entity) => ({ entity, tags: tagsOf(entity) }))
    .filter((item): item is { entity: MessageEntity; tags: [string, string] } => item.tags !== undefined && item.entity.length > 0)
    // Outer entities first: earlier start, then longer.
    .sort((a, b) => a.entity.offset - b.entity.offset || b.entity.length - a.entity.length);
  let html = '';
  let position = 0;
  const open: { end: number; close: string }[] = [];
  const closeUntil = (limit: number) => {
    while (open.length > 0 && open[open.length - 1]!.end <= limit) {
      const top = open.pop()!;
      html += escapeHtml(text.slice(position, top.end)) + top.close;
      position = top.end;
    }
  };
  for (const { entity, tags } of tagged) {
    closeUntil(entity.offset);
    html += escapeHtml(text.slice(position, entity.offset)) + tags[0];
    position = entity.offset;
    open.push({ end: Math.min(entity.offset + entity.length, text.length), close: tags[1] });
  }
  closeUntil(Number.POSITIVE_INFINITY);
  return html + escapeHtml(text.slice(position));
};

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const attribute = (value: string) => escapeHtml(value).replace(/"/g, '&quot;');

const tagsOf = (entity: MessageEntity): [string, string] | undefined => {
  switch (entity.type) {
    case 'bold':
      return ['<b>', '</b>'];
    case 'italic':
      return ['<i>', '</i>'];
    case 'underline':
      return ['<u>', '</u>'];
    case 'strikethrough':
      return ['<s>', '</s>'];
    case 'spoiler':
      return ['<tg-spoiler>', '</tg-spoiler>'];
    case 'code':
      return ['<code>', '</code>'];
    case 'pre':
      return entity.language ? [`<pre><code class="language-${attribute(entity.language)}">`, '</code></pre>'] : ['<pre>', '</pre>'];
    case 'text_link':
      return [`<a href="${attribute(entity.url)}">`, '</a>'];
    case 'text_mention':
      return [`<a href="tg://user?id=${entity.user.id}">`, '</a>'];
    case 'custom_emoji':
      return [`<tg-emoji emoji-id="${attribute(entity.custom_emoji_id)}">`, '</tg-emoji>'];
    // An expandable quote goes out as a plain one: the domain's HTML check (broadcast-html.ts)
    // takes attributes only as name="value", and Telegram's bare `expandable` is not one.
    case 'blockquote':
    case 'expandable_blockquote':
      return ['<blockquote>', '</blockquote>'];
    default:
      return undefined;
  }
};

/** The text a reader sees, without tags: for short listings of a broadcast. */
export const plainOfHtml = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
