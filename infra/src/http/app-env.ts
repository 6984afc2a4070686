import type { Logger } from '../logging/index.ts';

/** Per-request variables every PayGate route can read with `c.get(...)`. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** The request-scoped logger (carries requestId). */
    logger: Logger;
    /** The caller's address: the socket's, or the client a trusted proxy names (client-address.ts). */
    clientIp: string;
  };
};
