/**
 * `--chat -1002000000001`: node's parseArgs refuses a value that starts with a dash as
 * ambiguous, yet negative ids are everyday Telegram chat ids. A negative number right after an
 * option that takes a value is joined to it (`--chat=-1002000000001`) before parsing; anything
 * else that starts with a dash still needs the `=` form.
 */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

export const joinNegativeValues = (args: readonly string[], takesValue: (name: string) => boolean): string[] => {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...joined, ...args.slice(i)];
    const next = args[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && takesValue(arg.slice(2)) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
};
