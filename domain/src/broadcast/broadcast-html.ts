import { PayGateError } from '../errors/index.ts';

/** The tags Telegram's HTML parse mode knows; anything else makes the send fail with "can't parse entities". */
const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'tg-spoiler', 'span', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export const MAX_BROADCAST_TEXT = 4096;
export const MAX_BROADCAST_CAPTION = 1024;

const invalid = (message: string, at: number) => new PayGateError('validation', `html: ${message} at character ${at}`, { field: 'html', at });

const TAG = /^<(\/?)([a-z][a-z0-9-]*)((?:\s+[a-z-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*>/i;
const ENTITY = /^&(?:([a-z]+)|#(\d{1,7})|#x([0-9a-f]{1,6}));/i;

/**
 * The visible text of Telegram HTML (what Telegram counts against its limits), after checking
 * that it would parse: only allowed tags, properly nested and closed, `<` and `&` escaped,
 * `<a>` with an href, `<span>` only as the spoiler. Throws PayGateError('validation').
 */
export const telegramHtmlText = (html: string): string => {
  const open: { tag: string; at: number }[] = [];
  let text = '';
  for (let i = 0; i < html.length; ) {
    const char = html[i]!;
    if (char === '<') {
      const match = TAG.exec(html.slice(i));
      if (!match) throw invalid("a '<' that starts no tag (write &lt;)", i);
      const [whole, closing, rawName, attrs] = match as unknown as [string, string, string, string];
      const tag = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(tag)) throw invalid(`<${tag}> is not a Telegram tag`, i);
      if (closing) {
        const top = open.pop();
        if (top?.tag !== tag) throw invalid(`</${tag}> closes ${top ? `<${top.tag}>` : 'nothing'}`, i);
      } else {
        if (tag === 'a' && !/\bhref\s*=/i.test(attrs)) throw invalid('<a> needs an href', i);
        if (tag === 'span' && !/\bclass\s*=\s*["']tg-spoiler["']/i.test(attrs)) throw invalid('<span> must be class="tg-spoiler"', i);
        open.push({ tag, at: i });
      }
      i += whole.length;
    } else if (char === '&') {
      const match = ENTITY.exec(html.slice(i));
      if (!match || (match[1] !== undefined && !Object.hasOwn(NAMED, match[1].toLowerCase()))) throw invalid("a '&' that starts no entity (write &amp;)", i);
      text += match[1] !== undefined ? NAMED[match[1].toLowerCase()]! : String.fromCodePoint(Math.min(Number.parseInt(match[2] ?? match[3]!, match[2] ? 10 : 16), 0x10ffff));
      i += match[0].length;
    } else {
      text += char;
      i += 1;
    }
  }
  const unclosed = open.pop();
  if (unclosed) throw invalid(`<${unclosed.tag}> is never closed`, unclosed.at);
  return text;
};

/** A broadcast's body: 1..4096 visible characters, 1..1024 when it is a photo's caption. */
export const assertBroadcastHtml = (html: string, withPhoto: boolean): void => {
  const text = telegramHtmlText(html);
  const max = withPhoto ? MAX_BROADCAST_CAPTION : MAX_BROADCAST_TEXT;
  if (text.trim() === '') throw new PayGateError('validation', 'html: the message has no text', { field: 'html' });
  // Telegram counts UTF-16 code units, as JS string length does.
  if (text.length > max) {
    throw new PayGateError('validation', `html: ${text.length} characters, at most ${max}${withPhoto ? ' under a photo' : ''}`, { field: 'html', max });
  }
};
