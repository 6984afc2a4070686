/**
 * The string NOWPayments signs: JSON.stringify of the parsed body with object keys sorted
 * recursively (arrays keep their order). Going through JSON.parse + JSON.stringify, exactly as
 * NOWPayments' Node reference code does, reproduces their number formatting (shortest
 * round-trip, exponent form for tiny/huge values) and their string escaping, so whitespace or
 * key order in the raw body never matter, and every value does.
 *
 * Sorted objects have a null prototype so a "__proto__" key stays data instead of becoming
 * the object's prototype (and silently dropping out of what is signed).
 */
export const sortKeysDeep = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(source).sort()) sorted[key] = sortKeysDeep(source[key]);
    return sorted;
  }
  return value;
};

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeysDeep(value));
