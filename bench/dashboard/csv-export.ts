import { readFile, writeFile } from 'node:fs/promises';

export type ExportRun = { rows: number; bytes: number; seconds: number; peakRssDeltaMb: number | undefined };

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** Peak RSS since the last reset (VmHWM), in MB; undefined off Linux. */
const peakRssMb = async (): Promise<number | undefined> => {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(await readFile('/proc/self/status', 'utf8').catch(() => ''))?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
};

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux), so the next peak is this run's. */
const resetPeakRss = () => writeFile('/proc/self/clear_refs', '5').then(
  () => true,
  () => false,
);

/**
 * One export, timed from the request to the last byte read, and how far this process's resident
 * memory rose above where it stood before (both sides of the transfer are in this process).
 */
export const timeExport = async (run: () => Promise<{ rows: number; bytes: number }>): Promise<ExportRun> => {
  global.gc?.();
  const reset = await resetPeakRss();
  const before = rssMb();
  const started = performance.now();
  const { rows, bytes } = await run();
  const seconds = (performance.now() - started) / 1000;
  const peak = reset ? await peakRssMb() : undefined;
  return { rows, bytes, seconds, peakRssDeltaMb: peak === undefined ? undefined : peak - before };
};

/** Reads a streamed CSV to its end, counting lines (rows after the header) and bytes. */
export const readCsv = async (response: Response): Promise<{ rows: number; bytes: number }> => {
  if (response.status !== 200 || !response.body) throw new Error(`CSV export answered ${response.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  return { rows: lines - 1, bytes };
};
