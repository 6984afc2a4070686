export const REDACTED = '[REDACTED]';

/** Shorter values would match ordinary text and shred the log line; config enforces longer secrets. */
const MIN_SECRET_LENGTH = 4;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A secret as it can appear inside a serialized log line: raw, JSON-escaped once or twice. */
const encodings = (secret: string): string[] => {
  const once = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([secret, once, twice])];
};

/**
 * Returns a function that replaces every known secret value in a text by `[REDACTED]`.
 * Longest first, so a secret that contains another is masked whole.
 */
export const createSecretScrubber = (secrets: readonly string[]): ((text: string) => string) => {
  const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(encodings))].sort(
    (a, b) => b.length - a.length,
  );
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
};
