import type { Logger } from '../logging/index.ts';

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type ShutdownSignal = keyof typeof SIGNAL_NUMBERS;

export type ShutdownSignalOptions = {
  logger: Logger;
  /** Runs once, on the first SIGTERM or SIGINT. */
  onShutdown(signal: ShutdownSignal): Promise<void>;
  /** Exit used when a second signal arrives or shutdown overruns; `process.exit` by default. */
  forceExit?: (code: number) => void;
  /** Upper bound for an orderly shutdown before exiting anyway. */
  timeoutMs?: number;
};

/**
 * First SIGTERM/SIGINT: orderly shutdown. A second signal, or a shutdown that overruns
 * `timeoutMs`, exits at once with 128+signal (130 for SIGINT, 143 for SIGTERM). Returns a
 * function that removes the handlers.
 */
export const onShutdownSignals = ({ logger, onShutdown, forceExit = (code) => process.exit(code), timeoutMs = 30_000 }: ShutdownSignalOptions): (() => void) => {
  let received: ShutdownSignal | undefined;
  const handle = (signal: ShutdownSignal) => {
    const code = 128 + SIGNAL_NUMBERS[signal];
    if (received !== undefined) {
      logger.warn({ signal }, 'second signal: exiting now without finishing shutdown');
      forceExit(code);
      return;
    }
    received = signal;
    logger.info({ signal }, 'shutting down (send the signal again to force exit)');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long: exiting now');
      forceExit(code);
    }, timeoutMs);
    timer.unref();
    void onShutdown(signal).finally(() => clearTimeout(timer));
  };
  const onSigint = () => handle('SIGINT');
  const onSigterm = () => handle('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  return () => {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  };
};
