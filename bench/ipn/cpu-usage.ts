import { readdir, readFile } from 'node:fs/promises';

// USER_HZ, the unit of /proc CPU times: 100 on every mainstream Linux build (`getconf CLK_TCK`).
const clockTicksPerSecond = 100;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 if it is gone. */
const cpuSecondsOf = async (pid: number): Promise<number> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / clockTicksPerSecond;
};

const pidsNamed = async (name: string): Promise<number[]> => {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === name) pids.push(Number(entry));
  }
  return pids;
};

/** CPU used by each PayGate process (by label), PostgreSQL, nats-server, this benchmark process and the whole machine over one phase. */
export type CpuSplit = { paygate: Map<string, number> } & Record<'postgres' | 'nats' | 'bench' | 'machine', number>;

const machineBusySeconds = async (): Promise<number> => {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / clockTicksPerSecond;
};

type Sample = { paygate: Map<string, number>; postgres: Map<number, number>; nats: Map<number, number>; bench: number; machine: number; at: number };

const perPid = async (pids: number[]): Promise<Map<number, number>> => new Map(await Promise.all(pids.map(async (pid) => [pid, await cpuSecondsOf(pid)] as const)));

/** CPU used since `before` by the processes of `after` (a process started since counts from zero; one that ended is not counted). */
const usedSince = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, seconds]) => sum + Math.max(0, seconds - (before.get(pid) ?? 0)), 0);

/** Starts measuring; the returned function gives each party's share of one core (1.0 = one core busy). */
export const measureCpu = async (paygatePids: ReadonlyMap<string, number>): Promise<() => Promise<CpuSplit>> => {
  const sample = async (): Promise<Sample> => {
    const own = process.cpuUsage();
    return {
      paygate: new Map(await Promise.all([...paygatePids].map(async ([label, pid]) => [label, await cpuSecondsOf(pid)] as const))),
      postgres: await perPid(await pidsNamed('postgres')),
      nats: await perPid(await pidsNamed('nats-server')),
      bench: (own.user + own.system) / 1e6,
      machine: await machineBusySeconds(),
      at: performance.now(),
    };
  };
  const before = await sample();
  return async () => {
    const after = await sample();
    const seconds = (after.at - before.at) / 1000;
    return {
      paygate: new Map([...after.paygate].map(([label, used]) => [label, (used - (before.paygate.get(label) ?? 0)) / seconds])),
      postgres: usedSince(before.postgres, after.postgres) / seconds,
      nats: usedSince(before.nats, after.nats) / seconds,
      bench: (after.bench - before.bench) / seconds,
      machine: (after.machine - before.machine) / seconds,
    };
  };
};
