const number = (n: number) => Math.round(n).toLocaleString('en-US');

const duration = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/**
 * One progress line: events so far (of `total`, the log's length at the start, when known),
 * events/s since the start and the time left at that rate.
 */
export const replayProgressLine = (events: number, total: number | undefined, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? (events * 1000) / elapsedMs : 0;
  const rateText = `${number(rate)} events/s`;
  if (total === undefined || total === 0) return `replay: ${number(events)} events, ${rateText}`;
  const percent = Math.min(100, Math.floor((events * 100) / total));
  const eta = rate > 0 ? duration(Math.max(0, total - events) / rate) : '?';
  return `replay: ${number(events)}/${number(total)} events (${percent}%), ${rateText}, ETA ${eta}`;
};

/** Calls `write` with a progress line at most every `everyMs`, and always for the last one (`final`). */
export const createProgressReporter = (write: (line: string) => void, total: number | undefined, everyMs = 1_000, now = () => performance.now()) => {
  const started = now();
  let shown = -Infinity;
  return (events: number, final = false) => {
    const at = now();
    if (!final && at - shown < everyMs) return;
    shown = at;
    write(replayProgressLine(events, total, at - started));
  };
};
