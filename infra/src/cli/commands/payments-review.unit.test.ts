import { describe, expect, it } from 'vitest';
import { createDefaultCommandRegistry, runCli, type CliIo } from '../index.ts';

// Usage errors are caught before any database is opened: this DATABASE_URL is never dialled.
const paygate = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent' } };
  const code = await runCli(argv, io, createDefaultCommandRegistry());
  return { code, stdout: out.join(''), stderr: err.join('') };
};

describe('paygate payments (usage and help)', () => {
  it('help payments lists held, release and reject', async () => {
    const { code, stdout } = await paygate('help', 'payments');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+payments held\s+List payments held for review/m);
    expect(stdout).toMatch(/^\s+payments release\s+Release a payment held for review/m);
    expect(stdout).toMatch(/^\s+payments reject\s+Reject a payment held for review/m);
  });

  it('release --help shows the argument, --reason, --by and an example', async () => {
    const { code, stdout } = await paygate('payments', 'release', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: paygate payments release [options] <paymentId>');
    expect(stdout).toContain('--reason <text>');
    expect(stdout).toContain('--by <operator>');
    expect(stdout).toContain('paygate payments release 5077125051 --reason');
  });

  it.each([
    [['payments', 'release'], 'error: missing argument <paymentId> (see "paygate payments release --help")\n'],
    [['payments', 'release', '5077125051'], 'error: --reason is required (see "paygate payments release --help")\n'],
    [['payments', 'reject', '5077125051', '--reason', '  '], 'error: --reason is required (see "paygate payments reject --help")\n'],
    [['payments', 'reject', '5077125051', '--reason', 'x'.repeat(501), '--by', 'anna'], 'error: --reason must be at most 500 characters (got 501) (see "paygate payments reject --help")\n'],
    [['payments', 'release', '5077125051', '--reason', 'ok', '--by', 'anna maria'], 'error: --by must be an operator id without spaces (see "paygate payments release --help")\n'],
    [['payments', 'release', 'a b', '--reason', 'ok', '--by', 'anna'], 'error: <paymentId> must be 1-128 printable characters without spaces (see "paygate payments release --help")\n'],
    [['payments', 'held', 'extra'], 'error: unexpected argument extra for "payments held" (see "paygate payments held --help")\n'],
  ])('%j is a usage error, exit 2', async (argv, message) => {
    expect(await paygate(...argv)).toEqual({ code: 2, stdout: '', stderr: message });
  });
});
