import { describe, expect, it } from 'vitest';
import { parseHtml } from './html-text.ts';

describe('parse_mode HTML', () => {
  it('turns tags into entities with UTF-16 offsets and decodes character references', () => {
    expect(parseHtml('💎 <b>Gold</b> &amp; <a href="https://t.me/x">link</a> &lt;3 &#33;')).toEqual({
      text: '💎 Gold & link <3 !',
      entities: [
        { type: 'bold', offset: 3, length: 4 },
        { type: 'text_link', offset: 10, length: 4, url: 'https://t.me/x' },
      ],
    });
    expect(parseHtml('<b>bold <i>both</i></b>').entities).toEqual([
      { type: 'bold', offset: 0, length: 9 },
      { type: 'italic', offset: 5, length: 4 },
    ]);
  });

  it.each([
    ['a < b'],
    ['<script>x</script>'],
    ['<b>open'],
    ['close</b>'],
    ['<b><i>x</b></i>'],
    ['Tom & Jerry'],
    ['&nbsp;'],
    ['<span>x</span>'],
    ['<a>x</a>'],
  ])('refuses %j like the Bot API', (html) => {
    expect(() => parseHtml(html)).toThrow(/^Bad Request: can't parse entities: .* at byte offset \d+$/);
  });
});
