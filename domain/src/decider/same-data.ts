/**
 * Structural equality for plain data (events, commands, state): primitives including bigint,
 * arrays, plain objects, Maps and Sets. A key whose value is `undefined` counts as absent, as it
 * would after a JSON round trip. Kept here so the domain needs no assertion library.
 */
export const sameData = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    return [...a].every(([key, value]) => b.has(key) && sameData(value, b.get(key)));
  }
  if (a instanceof Set || b instanceof Set) {
    return a instanceof Set && b instanceof Set && a.size === b.size && [...a].every((item) => b.has(item));
  }
  const entries = (o: object) => Object.entries(o).filter(([, value]) => value !== undefined);
  const left = entries(a);
  const right = new Map(entries(b));
  return left.length === right.size && left.every(([key, value]) => right.has(key) && sameData(value, right.get(key)));
};

/** JSON for messages: bigint as "123n", Map/Set as arrays, so a failing test shows the data. */
export const showData = (value: unknown): string =>
  JSON.stringify(
    value,
    (_key, item: unknown) =>
      typeof item === 'bigint' ? `${item}n` : item instanceof Map || item instanceof Set ? [...item] : item,
    2,
  );
