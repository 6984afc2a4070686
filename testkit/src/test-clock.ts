/** A clock the test moves by hand; pass it wherever code takes `clock: () => Date`. */
export type TestClock = { (): Date; set(iso: string): void; advance(ms: number): void };

export const testClock = (start = '2026-01-01T00:00:00.000Z'): TestClock => {
  let now = Date.parse(start);
  if (Number.isNaN(now)) throw new Error(`testClock: ${start} is not a timestamp`);
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (iso) => {
    now = Date.parse(iso);
    if (Number.isNaN(now)) throw new Error(`testClock: ${iso} is not a timestamp`);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
};
