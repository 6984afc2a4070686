import type { Logger } from '../logging/index.ts';

/** Per-request variables every PayGate route can read with `c.get(...)`. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** The request-scoped logger (carries requestId). */
    logger: Logger;
  };
};
