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

const buildPattern = (secrets: Iterable<string>): RegExp | undefined => {
  const forms = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(encodings))].sort(
    (a, b) => b.length - a.length,
  );
  // Longest first, so a secret that contains another is masked whole.
  return forms.length === 0 ? undefined : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
};

/** Returns a function that replaces every given secret value in a text by `[REDACTED]`. */
export const createSecretScrubber = (secrets: readonly string[]): ((text: string) => string) => {
  const pattern = buildPattern(secrets);
  return pattern ? (text) => text.replace(pattern, REDACTED) : (text) => text;
};

/**
 * A growing set of secrets with a scrub function: secrets that exist only after start-up (the
 * embedded PostgreSQL's generated password) are added once known.
 */
export type SecretStore = { add(...values: readonly string[]): void; scrub(text: string): string };

export const createSecretStore = (initial: readonly string[] = []): SecretStore => {
  const values = new Set(initial);
  let pattern = buildPattern(values);
  return {
    add: (...more) => {
      const before = values.size;
      for (const value of more) values.add(value);
      if (values.size !== before) pattern = buildPattern(values);
    },
    scrub: (text) => (pattern ? text.replace(pattern, REDACTED) : text),
  };
};
