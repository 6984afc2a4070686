import type { Command } from './command.ts';

export type CommandRegistry = {
  register(command: Command): void;
  list(): Command[];
  /** The command whose words start `argv` (longest match), and the arguments after them. */
  find(argv: readonly string[]): { command: Command; rest: string[] } | undefined;
  /** Commands under a word group, e.g. `channel` → `channel register`, `channel list`. */
  group(words: readonly string[]): Command[];
};

const wordsOf = (name: string) => name.split(' ');

export const createCommandRegistry = (initial: readonly Command[] = []): CommandRegistry => {
  const commands = new Map<string, Command>();
  const registry: CommandRegistry = {
    register(command) {
      if (commands.has(command.name)) throw new Error(`command "${command.name}" is already registered`);
      commands.set(command.name, command);
    },
    list: () => [...commands.values()].sort((a, b) => a.name.localeCompare(b.name)),
    find(argv) {
      let best: Command | undefined;
      for (const command of commands.values()) {
        const words = wordsOf(command.name);
        const matches = words.every((word, i) => argv[i] === word);
        if (matches && (!best || words.length > wordsOf(best.name).length)) best = command;
      }
      return best ? { command: best, rest: argv.slice(wordsOf(best.name).length) } : undefined;
    },
    group: (words) =>
      registry.list().filter((command) => {
        const own = wordsOf(command.name);
        return own.length > words.length && words.every((word, i) => own[i] === word);
      }),
  };
  for (const command of initial) registry.register(command);
  return registry;
};
