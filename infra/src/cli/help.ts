import type { Command, OptionSpec } from './command.ts';

export const PROGRAM = 'paygate';

export const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };
export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'Print the result as JSON' };

/** Every option a command accepts, including the ones added for all commands. */
export const optionsOf = (command: Command): Record<string, OptionSpec> => ({
  ...command.options,
  ...(command.json ? { json: JSON_OPTION } : {}),
  help: HELP_OPTION,
});

const optionLabel = (name: string, spec: OptionSpec): string =>
  `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`;

const table = (rows: readonly [string, string][]): string => {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
};

const usageLine = (command: Command): string => {
  const positionals = (command.positionals ?? []).map((p) => {
    const label = `${p.name}${p.variadic ? '...' : ''}`;
    return p.required ? `<${label}>` : `[${label}]`;
  });
  return [PROGRAM, command.name, '[options]', ...positionals].join(' ');
};

export const formatCommandHelp = (command: Command): string => {
  const parts = [`Usage: ${usageLine(command)}`, '', command.summary];
  if (command.description) parts.push('', command.description);
  if (command.positionals?.length) {
    parts.push('', 'Arguments:', table(command.positionals.map((p) => [p.name, p.description])));
  }
  parts.push('', 'Options:', table(Object.entries(optionsOf(command)).map(([name, spec]) => [optionLabel(name, spec), spec.description])));
  if (command.examples?.length) parts.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  return `${parts.join('\n')}\n`;
};

export const formatOverview = (commands: readonly Command[]): string =>
  [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'PayGate: self-hostable crypto payment gateway for paid Telegram channels.',
    '',
    'Commands:',
    table([...commands].map((c) => [c.name, c.summary])),
    '',
    `Run "${PROGRAM} <command> --help" or "${PROGRAM} help <command>" for a command's options.`,
    'Configuration comes from environment variables: see docs/configuration.md.',
    '',
  ].join('\n');
