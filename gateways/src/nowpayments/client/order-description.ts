/**
 * NOWPayments echoes `order_description` in every IPN, inside the signed body. Non-ASCII text is
 * where JSON encoders disagree (raw UTF-8 vs \u escapes), so a channel title in Cyrillic or with
 * an emoji could make NOWPayments' signature differ from the one PayGate recomputes. Only plain
 * printable ASCII is sent:
 *   1. NFKD, then combining marks dropped: "Café" → "Cafe", "ﬁ" → "fi", "Ё" → "E";
 *   2. Cyrillic transliterated letter by letter (Russian/Ukrainian, simple scientific-style),
 *      typographic dashes and quotes turned into their ASCII forms;
 *   3. emoji and their joiners/selectors dropped; whitespace and control characters → one space;
 *   4. `/ < > &`, which common encoders escape by default (PHP `\/`, Go `\u003c`), replaced;
 *   5. anything else outside 0x20–0x7E → "?"; trimmed; capped at MAX_ORDER_DESCRIPTION characters.
 */

export const MAX_ORDER_DESCRIPTION = 200;

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', є: 'ye', ґ: 'g', ў: 'u', ј: 'j',
};

// Typographic punctuation NFKD leaves alone ("…" it already turns into "...").
const PUNCTUATION: Readonly<Record<string, string>> = { '‘': "'", '’': "'", '“': '"', '”': '"', '«': '"', '»': '"', '–': '-', '—': '-', '−': '-' };

const transliterate = (ch: string): string | undefined => {
  if (PUNCTUATION[ch] !== undefined) return PUNCTUATION[ch];
  const lower = ch.toLowerCase();
  const latin = CYRILLIC[lower];
  if (latin === undefined || lower === ch) return latin;
  return latin.charAt(0).toUpperCase() + latin.slice(1); // "Щука" → "Shchuka"
};

const REPLACED: Readonly<Record<string, string>> = { '/': '-', '<': '(', '>': ')', '&': '+' };

// Pictographs plus what builds emoji sequences: ZWJ, variation selectors, skin tones, keycap, tags.
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0e\ufe0f\u20e3\u{e0020}-\u{e007f}]/gu;

export const asciiOrderDescription = (text: string): string => {
  const decomposed = text.normalize('NFKD').replace(/\p{M}/gu, '').replace(EMOJI, '');
  let out = '';
  for (const ch of decomposed) {
    const code = ch.codePointAt(0)!;
    if (/\s/u.test(ch) || code < 0x20 || code === 0x7f) out += ' ';
    else if (code <= 0x7e) out += REPLACED[ch] ?? ch;
    else out += transliterate(ch) ?? '?';
  }
  return out.replace(/ {2,}/g, ' ').trim().slice(0, MAX_ORDER_DESCRIPTION).trimEnd();
};
