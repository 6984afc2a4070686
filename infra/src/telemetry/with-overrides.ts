/**
 * A decorator's object: `overrides`, with every other member read from `base` (through the
 * prototype chain, so members an adapter adds later are still there).
 */
export const withOverrides = <T extends object>(base: T, overrides: Partial<T>): T => Object.assign(Object.create(base) as T, overrides);
