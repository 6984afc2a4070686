import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiOrderDescription, MAX_ORDER_DESCRIPTION } from './order-description.ts';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

describe('asciiOrderDescription', () => {
  it.each([
    ['plain ASCII is kept', 'Gold tier (30 days)', 'Gold tier (30 days)'],
    ['Cyrillic is transliterated', 'Крипто Новости: Премиум (30 days)', 'Kripto Novosti: Premium (30 days)'],
    ['multi-letter capitals', 'Щука и Жук', 'Shchuka i Zhuk'],
    ['ё and й lose their marks', 'Ёлка, Йога', 'Elka, Ioga'],
    ['Ukrainian letters', 'Київ Єдність', 'Kiiv Yednist'],
    ['emoji are dropped', '🚀 Rocket Club 🔥 VIP', 'Rocket Club VIP'],
    ['emoji sequences (ZWJ, skin tone, flags are letters) vanish', 'Team 👩🏽‍💻 Devs ❤️', 'Team Devs'],
    ['Latin accents are stripped', 'Café Crème à la carte', 'Cafe Creme a la carte'],
    ['compatibility forms are decomposed', 'ﬁnance ①', 'finance 1'],
    ['mixed Cyrillic, emoji and Latin', '💎 Трейдинг PRO — сигналы', 'Treiding PRO - signaly'],
    ['typographic quotes and dashes', '«Рынок» – “Daily” …', '"Rynok" - "Daily" ...'],
    ['other scripts become ?', '中文 channel', '?? channel'],
    ['encoder-sensitive ASCII is replaced', 'A/B <test> & more', 'A-B (test) + more'],
    ['control characters and runs of spaces become one space', 'line1\n\tline2   end\u0000', 'line1 line2 end'],
  ])('%s', (_name, input, expected) => {
    expect(asciiOrderDescription(input)).toBe(expected);
  });

  it('caps the length', () => {
    expect(asciiOrderDescription('Ж'.repeat(500))).toHaveLength(MAX_ORDER_DESCRIPTION);
  });

  it('always gives printable ASCII within the cap, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const out = asciiOrderDescription(text);
        expect(out).toMatch(PRINTABLE_ASCII);
        expect(out).not.toMatch(/[/<>&]/);
        expect(out.length).toBeLessThanOrEqual(MAX_ORDER_DESCRIPTION);
        expect(asciiOrderDescription(out)).toBe(out);
      }),
    );
  });
});
