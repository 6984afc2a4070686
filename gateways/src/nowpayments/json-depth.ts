/**
 * How deeply a JSON text nests, found by scanning the raw text rather than by walking a parsed
 * value: a body of 10,000 nested arrays must be refused before JSON.parse, canonicalJson or a
 * schema recurse into it and overflow the stack. Brackets inside strings (escapes included) do
 * not count. The text need not be valid JSON; JSON.parse still judges that afterwards.
 */

/** A genuine IPN nests two levels (`fee`, `payment_extra_ids`); 32 leaves room for anything NOWPayments adds. */
export const MAX_IPN_JSON_DEPTH = 32;

/** True as soon as more than `maxDepth` arrays/objects are open at once. */
export const exceedsJsonDepth = (text: string, maxDepth: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i += 1; // backslash: the next character is escaped, whatever it is
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x7b || ch === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth -= 1;
    }
  }
  return false;
};
