/**
 * The file a sandbox world lives in between runs. Synchronous on purpose: the update counter
 * must be on disk before an update carrying a new id leaves the sandbox (see world-persistence).
 * Written like runtime.json: a fresh temp file beside it (O_EXCL, 0600 from creation, never a
 * planted symlink), fsynced, renamed over; read without following a symlink. Its content holds
 * what people typed in the sandbox, so it is the owner's only.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PayGateError } from '@paygate/domain';

/** The file's text, or undefined when there is none yet. */
export const readWorldFile = (path: string): string | undefined => {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PayGateError('unavailable', `cannot read the Telegram sandbox world ${path}: ${(error as Error).message}`, {}, { cause: error });
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
};

export const writeWorldFile = (path: string, text: string): void => {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temp = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new PayGateError('unavailable', `cannot write the Telegram sandbox world ${path}: ${(error as Error).message}`, {}, { cause: error });
  }
};
