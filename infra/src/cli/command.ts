import type { Env } from '../config/index.ts';

/** Where a command writes; the real process streams in production, buffers in tests. */
export type CliIo = {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Env;
  /** Resolves once stdout has taken what was written (a long export waits on it rather than buffering); absent: nothing to wait for. */
  stdoutDrained?(): Promise<void>;
};

export type OptionSpec = {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in help as `--name <valueName>`. */
  valueName?: string;
};

export type PositionalSpec = { name: string; description: string; required?: boolean; variadic?: boolean };

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export type CommandContext = {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
  /** `--json` was given (only for commands with `json: true`). */
  json: boolean;
};

/**
 * One CLI command, one file under cli/commands/. `name` may have several words
 * (`channel register`); `--help`/`-h` is added to every command, `--json` to those with `json: true`.
 * `run` resolves to the exit code: 0 success, 1 failure, 2 usage or configuration error.
 */
export type Command = {
  name: string;
  summary: string;
  /** Longer help text, printed under the usage line. */
  description?: string;
  options?: Readonly<Record<string, OptionSpec>>;
  positionals?: readonly PositionalSpec[];
  json?: boolean;
  examples?: readonly string[];
  run(context: CommandContext): Promise<number>;
};

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
