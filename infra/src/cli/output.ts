import { toJson } from '@paygate/http';
import type { CommandContext } from './command.ts';

/** Writes one JSON document (bigints as strings) and a newline: the `--json` form of a result. */
export const writeJson = (context: Pick<CommandContext, 'io'>, value: unknown): void => {
  context.io.stdout(`${toJson(value)}\n`);
};

/** Prints `text` for people, or `data` as JSON when `--json` was given. */
export const writeResult = (context: CommandContext, text: string, data: unknown): void => {
  if (context.json) writeJson(context, data);
  else context.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
};
