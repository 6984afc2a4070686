// The dependency rules in eslint.config.js fail on an outward import. Each case lints a snippet as
// if it were a file in the named package, with the repository's own lint configuration.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const RULE = 'no-restricted-imports';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: path.join(repoRoot, 'eslint.config.js') });
});

/** The messages of the dependency rule for `code` placed at `filePath` (relative to the repository). */
const boundaryErrors = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.message);
};

const importing = (specifier: string): string => `import { thing } from '${specifier}';\nexport const used = thing;\n`;

describe('dependency rules (eslint.config.js)', { timeout: 30_000 }, () => {
  it.each([
    ['domain imports nothing of ours', 'domain/src/money/x.ts', '@paygate/projections', /domain imports nothing of ours/],
    ['domain imports nothing of ours, not even testkit in tests', 'domain/src/x.unit.test.ts', '@paygate/testkit', /domain imports nothing of ours/],
    ['domain does not reach into another package by path', 'domain/src/x.ts', '../../gateways/src/index.ts', /domain imports nothing of ours/],
    ['nothing imports infra: bot', 'bot/src/x.ts', '@paygate/infra', /Nothing imports infra/],
    ['nothing imports infra: its test entry either', 'commands/src/x.unit.test.ts', '@paygate/infra/testing', /Nothing imports infra/],
    ['nothing imports infra: testkit', 'testkit/src/x.ts', '@paygate/infra', /Nothing imports infra/],
    ['nothing imports infra: not by path', 'read-api/src/api/x.ts', '../../../infra/src/config/index.ts', /Nothing imports infra/],
    ['gateways never import commands', 'gateways/src/nowpayments/x.ts', '@paygate/commands', /gateways never import commands/],
    ['adapters do not import each other: commands → projections', 'commands/src/x.ts', '@paygate/projections', /commands may import only/],
    ['adapters do not import each other: bot → read-api', 'bot/src/x.ts', '@paygate/read-api', /bot may import only/],
    ['http depends on domain alone', 'http/src/x.ts', '@paygate/read-api', /http may import only/],
    ['read-api does not import gateways (the webhook moved to commands)', 'read-api/src/api/x.ts', '@paygate/gateways', /read-api may import only/],
    ['an allowed package is still imported by name, not by path', 'infra/src/runtime/x.ts', '../../../bot/src/index.ts', /by its package name/],
    ['bench imports other packages by name', 'bench/lib/x.ts', '../../domain/src/index.ts', /by its package name/],
  ])('%s', async (_name, filePath, specifier, reason) => {
    const errors = await boundaryErrors(filePath, importing(specifier));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it('names the rule in the lint result, so `npx eslint .` fails', async () => {
    const [result] = await eslint.lintText(importing('@paygate/commands'), { filePath: path.join(repoRoot, 'gateways/src/x.ts') });
    expect(result?.errorCount).toBeGreaterThan(0);
    expect(result?.messages.map((message) => [message.ruleId, message.severity])).toContainEqual([RULE, 2]);
  });

  it.each([
    ['domain imports third-party packages', 'domain/src/x.ts', 'valibot'],
    ['an adapter imports domain', 'gateways/src/x.ts', '@paygate/domain'],
    ['commands use gateways (the reverse of the forbidden edge)', 'commands/src/webhooks/x.ts', '@paygate/gateways'],
    ['read-api imports projections', 'read-api/src/api/x.ts', '@paygate/projections'],
    ['tests import testkit', 'commands/src/x.unit.test.ts', '@paygate/testkit'],
    ['testkit implements domain ports', 'testkit/src/x.ts', '@paygate/domain'],
    ['infra wires every package', 'infra/src/runtime/x.ts', '@paygate/read-api'],
    ['a package imports its own files', 'infra/src/runtime/x.ts', '../bot/bot-setup.ts'],
    ['bench drives infra', 'bench/lib/x.ts', '@paygate/infra'],
    ['bench measures infra internals by path', 'bench/ipn/x.ts', '../../infra/src/faults/ipn-traffic.ts'],
  ])('allows: %s', async (_name, filePath, specifier) => {
    expect(await boundaryErrors(filePath, importing(specifier))).toEqual([]);
  });
});
