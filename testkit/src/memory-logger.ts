export type LogEntry = { level: 'debug' | 'info' | 'warn' | 'error'; object: Record<string, unknown>; message: string };

type LogMethod = (object: Record<string, unknown>, message: string) => void;

/** The shape of PayGate's HTTP logger (`HttpLogger` in @paygate/http), restated so testkit imports nothing of ours. */
export type MemoryLogger = {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  child(bindings: Record<string, unknown>): MemoryLogger;
};

/** A logger that keeps what it was told, for tests that assert what an operator would see. */
export const createMemoryLogger = (entries: LogEntry[] = []): MemoryLogger & { entries: LogEntry[] } => {
  const make = (bindings: Record<string, unknown>): MemoryLogger => ({
    debug: (object, message) => void entries.push({ level: 'debug', object: { ...bindings, ...object }, message }),
    info: (object, message) => void entries.push({ level: 'info', object: { ...bindings, ...object }, message }),
    warn: (object, message) => void entries.push({ level: 'warn', object: { ...bindings, ...object }, message }),
    error: (object, message) => void entries.push({ level: 'error', object: { ...bindings, ...object }, message }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { entries });
};
