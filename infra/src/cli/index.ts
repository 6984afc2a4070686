export { runCli } from './run-cli.ts';
export { createCommandRegistry, type CommandRegistry } from './registry.ts';
export { BUILT_IN_COMMANDS, createDefaultCommandRegistry } from './commands/index.ts';
export {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  type CliIo,
  type Command,
  type CommandContext,
  type OptionSpec,
  type OptionValues,
  type PositionalSpec,
} from './command.ts';
export { UsageError } from './usage-error.ts';
export { writeJson, writeResult } from './output.ts';
export { formatCommandHelp, formatOverview } from './help.ts';
export { processIo } from './process-io.ts';
