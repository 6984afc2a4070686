import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT } from './test-support/spawn-paygate.ts';

const run = async (args: readonly string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['exec', '--', 'node', 'infra/bin/paygate.ts', ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(env),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

// npm itself may warn about the machine's npmrc; those lines are not ours.
const ownLines = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn'));

describe('paygate CLI (npm exec -- node infra/bin/paygate.ts)', () => {
  it('--help lists the commands, exit 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: paygate <command> [options]');
    expect(stdout).toMatch(/^\s+start\s+Run PayGate roles/m);
    expect(stdout).toMatch(/^\s+migrate\s+Apply every database migration/m);
  });

  it('start --help describes --roles, exit 0', async () => {
    const { code, stdout } = await run(['start', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--roles <list>');
  });

  it('a malformed variable stops start-up with one line naming it, exit 2', async () => {
    const { code, stdout, stderr } = await run(['start'], { PORT: 'abc' });
    expect(code).toBe(2);
    expect(ownLines(stderr)).toEqual(['config error: PORT must be an integer 0-65535 (got "abc")']);
    expect(stdout).toBe('');
  });

  it('an unknown command or flag is a usage error, exit 2', async () => {
    const command = await run(['serve']);
    expect(command.code).toBe(2);
    expect(ownLines(command.stderr)).toEqual(['error: unknown command "serve" (see "paygate --help")']);
    const flag = await run(['migrate', '--force']);
    expect(flag.code).toBe(2);
    expect(ownLines(flag.stderr)).toEqual(['error: unknown option --force for "migrate" (see "paygate migrate --help")']);
  });
});
