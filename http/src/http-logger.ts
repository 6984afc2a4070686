/** The slice of the pino logger HTTP code needs; infra passes its redacting logger. */
export type HttpLogger = {
  debug(object: Record<string, unknown>, message: string): void;
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): HttpLogger;
};

/** Per-request variables every PayGate route can read with `c.get(...)`. */
export type HttpEnv = {
  Variables: {
    requestId: string;
    logger: HttpLogger;
    /** The caller's address, set by the HTTP shell; unset when an app is called without it. */
    clientIp: string;
  };
};
