import type { HttpLogger } from '../http/index.ts';

export type LogEntry = { level: 'debug' | 'info' | 'warn' | 'error'; object: Record<string, unknown>; message: string };

/** A logger that keeps what it was told, for tests that assert what an operator would see. */
export const createMemoryLogger = (entries: LogEntry[] = []): HttpLogger & { entries: LogEntry[] } => {
  const make = (bindings: Record<string, unknown>): HttpLogger => ({
    debug: (object, message) => void entries.push({ level: 'debug', object: { ...bindings, ...object }, message }),
    info: (object, message) => void entries.push({ level: 'info', object: { ...bindings, ...object }, message }),
    warn: (object, message) => void entries.push({ level: 'warn', object: { ...bindings, ...object }, message }),
    error: (object, message) => void entries.push({ level: 'error', object: { ...bindings, ...object }, message }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { entries });
};
