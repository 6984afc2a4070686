import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a running `paygate start` tells other local `paygate` commands: where its API listens
 * and, when it runs the embedded PostgreSQL, how to reach it as the app role. Owner-only
 * permissions, because the database URL carries the app role's password.
 */
export type RuntimeInfo = {
  pid: number;
  apiUrl?: string;
  databaseUrl?: string;
  /** Sandbox mode, when this process runs the payout sandbox: the local chain's JSON-RPC URL. */
  chainUrl?: string;
  startedAt: string;
};

const FILE = 'runtime.json';
const fileIn = (dataDir: string) => join(dataDir, FILE);

/**
 * Replaces runtime.json atomically: a fresh temp file beside it (O_EXCL, mode 0600 from
 * creation, so nobody reads it half-written or with wider permissions, and a planted symlink at
 * that name makes the open fail instead of being followed), fsynced, then renamed over. rename
 * replaces whatever is at runtime.json, a symlink included, and never writes through it.
 */
export const writeRuntimeInfo = async (dataDir: string, info: RuntimeInfo): Promise<void> => {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = fileIn(dataDir);
  const temp = join(dataDir, `.${FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(`${JSON.stringify(info, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself is durable once the directory is synced; best effort (not every platform can).
  const directory = await open(dataDir, constants.O_RDONLY).catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close();
};

export const removeRuntimeInfo = async (dataDir: string, pid = process.pid): Promise<void> => {
  const current = await readRuntimeInfo(dataDir);
  // rm on a symlink removes the link, never its target.
  if (current?.pid === pid) await rm(fileIn(dataDir), { force: true });
};

/** The file's text, refusing to follow a symlink to somewhere else. */
const readNoFollow = async (path: string): Promise<string> => {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
};

/** The running instance's info, or undefined when none is running (no file, or its process is gone). */
export const readRuntimeInfo = async (dataDir: string): Promise<RuntimeInfo | undefined> => {
  let info: RuntimeInfo;
  try {
    info = JSON.parse(await readNoFollow(fileIn(dataDir))) as RuntimeInfo;
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
