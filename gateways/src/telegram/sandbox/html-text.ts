/**
 * parse_mode "HTML" as the Bot API reads it: the supported tags become entities (offsets and
 * lengths in UTF-16 code units), `&lt; &gt; &amp; &quot;` and numeric references are decoded,
 * and anything else — an unknown tag, a stray `<` or `&`, unbalanced tags — is refused with the
 * real server's "can't parse entities" error, so unescaped user input fails here as it would live.
 */
import type { TgMessageEntity } from '../bot-api-types.ts';
import { badRequest } from './bot-api-error.ts';

const TAG_ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler', // only <span class="tg-spoiler">
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const cantParse = (what: string, html: string, index: number) =>
  badRequest(`can't parse entities: ${what} at byte offset ${Buffer.byteLength(html.slice(0, index))}`);

type Open = { tag: string; start: number; url?: string; index: number };

const attribute = (attrs: string, name: string): string | undefined => {
  const match = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attrs);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
};

export const parseHtml = (html: string): { text: string; entities: TgMessageEntity[] } => {
  let text = '';
  const entities: TgMessageEntity[] = [];
  const open: Open[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '&') {
      const match = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      const name = match?.[1];
      if (name === undefined) throw cantParse('Character entity expected', html, i);
      if (name.startsWith('#')) {
        const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!(code > 0 && code <= 0x10ffff)) throw cantParse('Unsupported character entity', html, i);
        text += String.fromCodePoint(code);
      } else {
        const decoded = NAMED_ENTITIES[name.toLowerCase()];
        if (decoded === undefined) throw cantParse(`Unsupported HTML entity "&${name};"`, html, i);
        text += decoded;
      }
      i += match![0].length;
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const end = html.indexOf('>', i);
    if (end < 0) throw cantParse('Unclosed start tag', html, i);
    const inner = html.slice(i + 1, end);
    if (inner.startsWith('/')) {
      const tag = inner.slice(1).trim().toLowerCase();
      const top = open.pop();
      if (top === undefined) throw cantParse(`Unexpected end tag`, html, i);
      if (top.tag !== tag) throw cantParse(`Unmatched end tag "${tag}", expected "</${top.tag}>"`, html, i);
      const length = text.length - top.start;
      if (length > 0) {
        entities.push({
          type: TAG_ENTITY[top.tag]!,
          offset: top.start,
          length,
          ...(top.url === undefined ? {} : { url: top.url }),
        });
      }
    } else {
      const match = /^([a-zA-Z][a-zA-Z0-9-]*)(\s[^]*)?$/.exec(inner);
      const tag = match?.[1]?.toLowerCase();
      if (tag === undefined || TAG_ENTITY[tag] === undefined) {
        throw cantParse(`Unsupported start tag "${tag ?? inner}"`, html, i);
      }
      const attrs = match?.[2] ?? '';
      if (tag === 'span' && attribute(attrs, 'class') !== 'tg-spoiler') throw cantParse('Tag "span" must have class "tg-spoiler"', html, i);
      const url = tag === 'a' ? attribute(attrs, 'href') : undefined;
      if (tag === 'a' && (url === undefined || !URL.canParse(url))) throw cantParse('Can\'t find URL of the link', html, i);
      open.push({ tag, start: text.length, index: i, ...(url === undefined ? {} : { url }) });
    }
    i = end + 1;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.tag}"`, html, html.length);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
};
