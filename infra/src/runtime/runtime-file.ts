import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a running `paygate start` tells other local `paygate` commands: where its API listens
 * and, when it runs the embedded PostgreSQL, how to reach it. Owner-only permissions, because
 * the database URL carries the embedded server's password.
 */
export type RuntimeInfo = { pid: number; apiUrl?: string; databaseUrl?: string; startedAt: string };

const fileIn = (dataDir: string) => join(dataDir, 'runtime.json');

export const writeRuntimeInfo = async (dataDir: string, info: RuntimeInfo): Promise<void> => {
  await mkdir(dataDir, { recursive: true });
  const path = fileIn(dataDir);
  await writeFile(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
};

export const removeRuntimeInfo = async (dataDir: string, pid = process.pid): Promise<void> => {
  const current = await readRuntimeInfo(dataDir);
  if (current?.pid === pid) await rm(fileIn(dataDir), { force: true });
};

/** The running instance's info, or undefined when none is running (no file, or its process is gone). */
export const readRuntimeInfo = async (dataDir: string): Promise<RuntimeInfo | undefined> => {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(await readFile(fileIn(dataDir), 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
};
