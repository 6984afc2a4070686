import { readdir, readFile } from 'node:fs/promises';

/** Processes whose parent is `parent` (a `--processes` primary's cluster workers), from /proc (Linux). */
export const childPids = async (parent: number): Promise<number[]> => {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The parent pid is the second field after the parenthesised command name.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
};

/** Peak resident set size of a live process in MB (VmHWM in /proc/<pid>/status), or undefined once it is gone. */
export const peakRssMb = async (pid: number): Promise<number | undefined> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
};
