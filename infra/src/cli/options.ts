import type { OptionValues } from './command.ts';
import { UsageError } from './usage-error.ts';

/** A string option the command cannot run without. */
export const requiredOption = (values: OptionValues, name: string, command: string): string => {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`, command);
  return value.trim();
};

export const optionalOption = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
