import { once } from 'node:events';
import type { CliIo } from './command.ts';

/** `paygate events … | head` closes the pipe early: that is the reader's choice, not an error. */
const exitQuietlyOnClosedPipe = (stream: NodeJS.WriteStream): void => {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
};

/** The real process streams and environment (called once, by the `paygate` binary). */
export const processIo = (): CliIo => {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    // A pipe is written asynchronously on POSIX: a slow reader would otherwise let the output pile up in memory.
    stdoutDrained: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    },
  };
};
