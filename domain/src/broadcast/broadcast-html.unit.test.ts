import { describe, expect, it } from 'vitest';
import { assertBroadcastHtml, telegramHtmlText } from './broadcast-html.ts';

describe('broadcast html', () => {
  it('counts visible text only', () => {
    expect(telegramHtmlText('<b>Hi</b> &amp; <a href="https://t.me/x">welcome</a> &#128512;')).toBe('Hi & welcome 😀');
    expect(telegramHtmlText('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>')).toBe('xy');
  });

  it.each([
    ['an unknown tag', '<div>x</div>', 'not a Telegram tag'],
    ['an unclosed tag', '<b>bold', 'never closed'],
    ['crossed tags', '<b><i>x</b></i>', 'closes <i>'],
    ['a stray <', '1 < 2', "'<'"],
    ['a stray &', 'fish & chips', "'&'"],
    ['an unknown entity', '&nbsp;', "'&'"],
    ['a link without href', '<a>x</a>', 'href'],
    ['a plain span', '<span>x</span>', 'tg-spoiler'],
  ])('refuses %s', (_what, html, message) => expect(() => telegramHtmlText(html)).toThrow(message));

  it('limits: 4096 characters of text, 1024 under a photo, never empty', () => {
    expect(() => assertBroadcastHtml(`<b>${'a'.repeat(4096)}</b>`, false)).not.toThrow();
    expect(() => assertBroadcastHtml('a'.repeat(4097), false)).toThrow('at most 4096');
    expect(() => assertBroadcastHtml('a'.repeat(1024), true)).not.toThrow();
    expect(() => assertBroadcastHtml('a'.repeat(1025), true)).toThrow('at most 1024 under a photo');
    expect(() => assertBroadcastHtml('<b> </b>', false)).toThrow('no text');
  });
});
