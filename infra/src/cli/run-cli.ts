import { parseArgs } from 'node:util';
import { isConfigError } from '../config/index.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo, type Command, type OptionValues } from './command.ts';
import { formatCommandHelp, formatOverview, optionsOf, PROGRAM } from './help.ts';
import { joinNegativeValues } from './negative-values.ts';
import type { CommandRegistry } from './registry.ts';
import { UsageError } from './usage-error.ts';

type ParseError = Error & { code?: string };

/** parseArgs' own messages span lines and name node's syntax; each becomes one line of ours. */
const describeParseError = (error: ParseError, command: Command): string => {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  const option = /--[\w-]+/.exec(quoted ?? '')?.[0];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? ''} for "${command.name}"`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (option === undefined) return error.message.split('\n')[0]!;
      if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
      if (/ambiguous/.test(error.message)) return `${option} needs a value; for a value that starts with "-", write ${option}=<value>`;
      return `${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ?? ''} for "${command.name}"`.replace('  ', ' ');
    default:
      return error.message;
  }
};

const parseFor = (command: Command, args: readonly string[]) => {
  const options = Object.fromEntries(
    Object.entries(optionsOf(command)).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
  const joined = joinNegativeValues(args, (name) => options[name]?.type === 'string');
  try {
    return parseArgs({ args: joined, options, allowPositionals: (command.positionals?.length ?? 0) > 0, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error as ParseError, command), command.name);
  }
};

const checkPositionals = (command: Command, positionals: readonly string[]) => {
  const specs = command.positionals ?? [];
  const missing = specs.filter((spec, i) => spec.required && positionals[i] === undefined);
  if (missing.length > 0) throw new UsageError(`missing argument <${missing[0]!.name}>`, command.name);
  if (!specs.at(-1)?.variadic && positionals.length > specs.length)
    throw new UsageError(`unexpected argument ${positionals[specs.length]}`, command.name);
};

const helpFor = (registry: CommandRegistry, words: readonly string[], io: CliIo): number => {
  if (words.length === 0) {
    io.stdout(formatOverview(registry.list()));
    return EXIT_OK;
  }
  const found = registry.find(words);
  if (found && found.rest.length === 0) {
    io.stdout(formatCommandHelp(found.command));
    return EXIT_OK;
  }
  const group = registry.group(words);
  if (group.length > 0) {
    io.stdout(formatOverview(group));
    return EXIT_OK;
  }
  throw new UsageError(`unknown command "${words.join(' ')}"`);
};

/**
 * Runs one command line and resolves to the process exit code: 0 success, 1 failure,
 * 2 usage or configuration error (with one line on stderr saying what is wrong).
 */
export const runCli = async (argv: readonly string[], io: CliIo, registry: CommandRegistry): Promise<number> => {
  try {
    const [first] = argv;
    if (first === undefined) {
      io.stderr(formatOverview(registry.list()));
      return EXIT_USAGE;
    }
    if (first === '--help' || first === '-h') return helpFor(registry, [], io);
    if (first === 'help') return helpFor(registry, argv.slice(1), io);
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (options come after the command)`);

    const found = registry.find(argv);
    if (!found) {
      const end = argv.findIndex((arg) => arg.startsWith('-'));
      const words = end === -1 ? [...argv] : argv.slice(0, end);
      const group = registry.group(words.slice(0, 1));
      if (group.length === 0) throw new UsageError(`unknown command "${words[0]}"`);
      const names = group.map((c) => c.name).join(', ');
      throw new UsageError(
        words.length === 1 ? `"${words[0]}" needs a subcommand: ${names}` : `unknown command "${words.slice(0, 2).join(' ')}" (known: ${names})`,
      );
    }
    const { command, rest } = found;
    const { values, positionals } = parseFor(command, rest);
    if (values.help) {
      io.stdout(formatCommandHelp(command));
      return EXIT_OK;
    }
    checkPositionals(command, positionals);
    return await command.run({ values: values as OptionValues, positionals, io, json: values.json === true });
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.command ? `${PROGRAM} ${error.command} --help` : `${PROGRAM} --help`;
      io.stderr(`error: ${error.message} (see "${hint}")\n`);
      return EXIT_USAGE;
    }
    if (isConfigError(error)) {
      io.stderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    // Commands log details through the redacting logger; here only the message, never a stack.
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
};
