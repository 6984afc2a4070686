import { describe, expect, it } from 'vitest';
import { entitiesToHtml, plainOfHtml } from './entities-html.ts';

describe('entities to Telegram HTML', () => {
  it('escapes plain text', () => expect(entitiesToHtml('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d'));

  it('wraps formatted ranges, nested ones inside their outer tag', () => {
    const text = 'Big sale today only';
    const html = entitiesToHtml(text, [
      { type: 'bold', offset: 0, length: 8 },
      { type: 'italic', offset: 4, length: 4 },
      { type: 'text_link', offset: 9, length: 5, url: 'https://example.com/?a=1&b="2"' },
    ]);
    expect(html).toBe('<b>Big <i>sale</i></b> <a href="https://example.com/?a=1&amp;b=&quot;2&quot;">today</a> only');
  });

  it('counts offsets in UTF-16 units (emoji before a bold word)', () => {
    expect(entitiesToHtml('🎉 New', [{ type: 'bold', offset: 3, length: 3 }])).toBe('🎉 <b>New</b>');
  });

  it('keeps auto-detected entities as text and renders code blocks, spoilers and quotes', () => {
    const text = '@chan x=1 secret quote';
    const html = entitiesToHtml(text, [
      { type: 'mention', offset: 0, length: 5 },
      { type: 'pre', offset: 6, length: 3, language: 'js' },
      { type: 'spoiler', offset: 10, length: 6 },
      { type: 'expandable_blockquote', offset: 17, length: 5 },
    ]);
    expect(html).toBe('@chan <pre><code class="language-js">x=1</code></pre> <tg-spoiler>secret</tg-spoiler> <blockquote>quote</blockquote>');
  });

  it('two entities over the same range both apply', () => {
    expect(entitiesToHtml('hi', [{ type: 'bold', offset: 0, length: 2 }, { type: 'underline', offset: 0, length: 2 }])).toBe('<b><u>hi</u></b>');
  });

  it('gives back the plain text of its HTML', () => {
    expect(plainOfHtml(entitiesToHtml('a <b> & "c"', [{ type: 'bold', offset: 0, length: 1 }]))).toBe('a <b> & "c"');
  });
});
