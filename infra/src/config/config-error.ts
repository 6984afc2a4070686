import { PayGateError } from '@paygate/domain';

export type ConfigProblem = { variable: string; message: string };

/**
 * Start-up configuration is wrong. `message` has one line per offending variable, e.g.
 * `config error: PORT must be an integer 0-65535 (got "abc")`. Secret values are never echoed.
 */
export class ConfigError extends PayGateError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super('validation', problems.map((p) => `config error: ${p.variable} ${p.message}`).join('\n'), {
      variables: problems.map((p) => p.variable),
    });
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const isConfigError = (error: unknown): error is ConfigError => error instanceof ConfigError;
