// Test helper (not product code): the `paygate` CLI in process, with captured output.
import { createDefaultCommandRegistry, runCli, type CliIo } from '../index.ts';

export type CliRun = { code: number; stdout: string; stderr: string };

/** `paygate <argv>` with this environment, as an operator would run it. */
export const paygateCli =
  (env: () => CliIo['env']) =>
  async (...argv: string[]): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: env() };
    const code = await runCli(argv, io, createDefaultCommandRegistry());
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
