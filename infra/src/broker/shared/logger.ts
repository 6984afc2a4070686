/** The slice of a pino logger the broker adapters use; pino's Logger fits it. */
export type BrokerLogger = {
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
};

export const silentLogger: BrokerLogger = { warn: () => {}, error: () => {} };
