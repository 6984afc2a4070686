import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRuntimeInfo, removeRuntimeInfo, writeRuntimeInfo, type RuntimeInfo } from './runtime-file.ts';

const info: RuntimeInfo = { pid: process.pid, apiUrl: 'http://127.0.0.1:3000', databaseUrl: 'postgres://paygate_app:s3cret@127.0.0.1:5/paygate', startedAt: '2025-01-01T00:00:00.000Z' };
const mode = async (path: string) => (await stat(path)).mode & 0o777;

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paygate-runtime-file-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('runtime.json', () => {
  it('creates the data directory 0700 and the file 0600, and leaves no temp file behind', async () => {
    const dataDir = join(await tempDir(), 'data');
    await writeRuntimeInfo(dataDir, info);
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(join(dataDir, 'runtime.json'))).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(['runtime.json']);
    expect(await readRuntimeInfo(dataDir)).toEqual(info);
  });

  it('replaces a symlinked runtime.json instead of writing through it', async () => {
    const parent = await tempDir();
    const dataDir = join(parent, 'data');
    await writeRuntimeInfo(dataDir, info);
    const victim = join(parent, 'victim.txt');
    await writeFile(victim, 'keep me\n', { mode: 0o644 });
    await rm(join(dataDir, 'runtime.json'));
    await symlink(victim, join(dataDir, 'runtime.json'));

    // Reading does not follow the link either: no instance is reported from someone else's file.
    expect(await readRuntimeInfo(dataDir)).toBeUndefined();
    await writeRuntimeInfo(dataDir, { ...info, apiUrl: 'http://127.0.0.1:4000' });

    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
    expect(await mode(victim)).toBe(0o644);
    const written = await lstat(join(dataDir, 'runtime.json'));
    expect(written.isSymbolicLink()).toBe(false);
    expect(written.mode & 0o777).toBe(0o600);
    expect((await readRuntimeInfo(dataDir))?.apiUrl).toBe('http://127.0.0.1:4000');
  });

  it('removes only its own file, and a symlink only as a link', async () => {
    const parent = await tempDir();
    const dataDir = join(parent, 'data');
    await writeRuntimeInfo(dataDir, { ...info, pid: process.pid });
    await removeRuntimeInfo(dataDir, process.pid + 1);
    expect(await readRuntimeInfo(dataDir)).toBeDefined();
    await removeRuntimeInfo(dataDir);
    expect(await readdir(dataDir)).toEqual([]);

    const victim = join(parent, 'victim.json');
    await writeFile(victim, JSON.stringify(info));
    await symlink(victim, join(dataDir, 'runtime.json'));
    await removeRuntimeInfo(dataDir);
    expect(await readlink(join(dataDir, 'runtime.json'))).toBe(victim); // not ours to remove: it was never read
    expect(await readFile(victim, 'utf8')).toBe(JSON.stringify(info));
  });
});
