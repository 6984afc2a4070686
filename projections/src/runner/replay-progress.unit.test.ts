import { describe, expect, it } from 'vitest';
import { createProgressReporter, replayProgressLine } from './replay-progress.ts';

describe('replay progress line', () => {
  it('given a known total, shows the share done, the rate and the time left at that rate', () => {
    expect(replayProgressLine(250_000, 1_000_000, 2_000)).toBe('replay: 250,000/1,000,000 events (25%), 125,000 events/s, ETA 6s');
    expect(replayProgressLine(100, 100_000, 1_000)).toBe('replay: 100/100,000 events (0%), 100 events/s, ETA 16m39s');
  });

  it('given no total (a store that cannot tell its length), shows the count and rate only', () => {
    expect(replayProgressLine(5_000, undefined, 500)).toBe('replay: 5,000 events, 10,000 events/s');
  });

  it('before any time has passed, the rate is 0 and the ETA unknown', () => {
    expect(replayProgressLine(0, 10, 0)).toBe('replay: 0/10 events (0%), 0 events/s, ETA ?');
  });

  it('writes at most once per interval, and always the final line', () => {
    let clock = 0;
    const lines: string[] = [];
    const report = createProgressReporter((line) => lines.push(line), 10, 1_000, () => clock);
    clock = 100;
    report(1);
    clock = 500;
    report(2);
    clock = 1_200;
    report(5);
    clock = 1_300;
    report(10, true);
    expect(lines).toEqual([
      'replay: 1/10 events (10%), 10 events/s, ETA 1s',
      'replay: 5/10 events (50%), 4 events/s, ETA 1s',
      'replay: 10/10 events (100%), 8 events/s, ETA 0s',
    ]);
  });
});
