import * as v from 'valibot';

/**
 * Small valibot pipes for environment strings. Each message completes the sentence
 * "<VARIABLE> <message>", so the start-up error names the variable and the rule in one line.
 */

export const integerIn = (min: number, max: number, hint = '') =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, `must be an integer ${min}-${max}${hint}`),
    v.transform(Number),
    v.minValue(min, `must be an integer ${min}-${max}${hint}`),
    v.maxValue(max, `must be an integer ${min}-${max}${hint}`),
  );

const hasProtocol = (value: string, protocols: readonly string[]): boolean => {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const protocolList = (protocols: readonly string[]) => protocols.map((p) => `${p}//`).join(' or ');

export const urlWith = (protocols: readonly string[]) =>
  v.pipe(v.string(), v.check((value) => hasProtocol(value, protocols), `must be a ${protocolList(protocols)} URL`));

/** A comma-separated list of URLs (a NATS cluster may be given as several seed servers). */
export const urlListWith = (protocols: readonly string[]) =>
  v.pipe(
    v.string(),
    v.check(
      (value) => value.split(',').every((part) => hasProtocol(part.trim(), protocols)),
      `must be one or more comma-separated ${protocolList(protocols)} URLs`,
    ),
  );

export const oneOf = <const T extends readonly string[]>(values: T) =>
  v.picklist(values, `must be one of ${values.join(', ')}`);

export const matching = (regex: RegExp, what: string) => v.pipe(v.string(), v.regex(regex, `must be ${what}`));

export const secretText = (minLength: number) =>
  v.pipe(
    v.string(),
    v.minLength(minLength, `must be at least ${minLength} characters`),
    v.regex(/^\S+$/, 'must not contain whitespace'),
  );
