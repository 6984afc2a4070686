import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logging/index.ts';
import { isApiProcessMessage } from './api-process-messages.ts';
import { createRestartBudget } from './restart-budget.ts';
import { removeRuntimeInfo } from './runtime-file.ts';
import { onShutdownSignals } from './shutdown-signals.ts';

export type ApiProcessesOptions = {
  /** How many workers run the api role (≥ 2; one process needs no primary). */
  count: number;
  logger: Logger;
  /** The script and arguments each worker runs: the `paygate` binary with `start --roles api`. */
  exec: string;
  args: readonly string[];
  /** runtime.json, written by the workers in the primary's name, is removed here at the end. */
  dataDir: string;
  /** Called once, when every first worker serves, with where the api listens. */
  onReady(url: string | undefined): void;
  /** Default: at most 5 replacements within 60 s, then the primary gives up. */
  restarts?: { max: number; windowMs: number };
  /** After a first signal, how long workers get to stop before they are killed. Default 35 s. */
  stopTimeoutMs?: number;
};

type Entry = { worker: Worker; pid: number | undefined; ready: boolean };

/**
 * The primary of `paygate start --roles api --processes N`: forks N node:cluster workers that
 * share one listening port (round-robin from this process, so kept-alive connections spread
 * evenly), each running the api role in its own event loop. It opens no database or broker itself.
 * A worker that dies is replaced, within a restart budget; a worker that fails before the first
 * start completes, or a budget run out, stops the rest and resolves 1. The first SIGTERM/SIGINT
 * asks every worker for an ordered stop (a message, see api-process-messages.ts); a second one,
 * or stopping past `stopTimeoutMs`, kills them. Resolves to the exit code.
 */
export const runApiProcesses = (options: ApiProcessesOptions): Promise<number> =>
  new Promise((resolve) => {
    const { count, logger, restarts = { max: 5, windowMs: 60_000 } } = options;
    const budget = createRestartBudget(restarts);
    const workers = new Map<number, Entry>();
    let phase: 'starting' | 'running' | 'stopping' = 'starting';
    let failed = false;
    let finished = false;
    let stopped!: () => void;
    const allStopped = new Promise<void>((done) => (stopped = done));

    const finish = () => {
      if (finished) return;
      finished = true;
      removeSignalHandlers();
      stopped();
      void removeRuntimeInfo(options.dataDir)
        .catch(() => undefined)
        .then(() => {
          logger.info({ clean: !failed }, 'api processes stopped');
          resolve(failed ? 1 : 0);
        });
    };

    const askToStop = (entry: Entry) => {
      if (entry.worker.isConnected()) entry.worker.send({ paygate: 'shutdown' });
    };

    const stopAll = () => {
      phase = 'stopping';
      for (const entry of workers.values()) askToStop(entry);
      if (workers.size === 0) finish();
    };

    const onReady = (entry: Entry, url: string | undefined) => {
      entry.ready = true;
      logger.info({ worker: entry.pid }, 'api process ready');
      // A shutdown asked for while it was still booting may have come before it listened for one.
      if (phase === 'stopping') return askToStop(entry);
      if (phase === 'starting' && [...workers.values()].every((other) => other.ready)) {
        phase = 'running';
        options.onReady(url);
      }
    };

    const onExit = (entry: Entry, code: number | null, signal: string | null) => {
      workers.delete(entry.worker.id);
      const facts = { worker: entry.pid, code, signal };
      if (phase === 'stopping') {
        if (code !== 0) failed = true;
        logger.info(facts, 'api process stopped');
        if (workers.size === 0) finish();
        return;
      }
      if (phase === 'starting' && !entry.ready) {
        logger.fatal(facts, 'api process exited before it was ready: stopping the others');
        failed = true;
        return stopAll();
      }
      if (!budget.take()) {
        logger.fatal({ ...facts, ...restarts }, 'api processes keep dying: stopping the others');
        failed = true;
        return stopAll();
      }
      logger.warn(facts, 'api process exited unexpectedly: starting a replacement');
      fork();
    };

    const fork = () => {
      const worker = cluster.fork();
      const entry: Entry = { worker, pid: worker.process.pid, ready: false };
      workers.set(worker.id, entry);
      worker.on('message', (message: unknown) => {
        if (isApiProcessMessage(message) && message.paygate === 'ready') onReady(entry, message.url);
      });
      worker.on('error', (error) => logger.warn({ err: error, worker: entry.pid }, 'api process channel error'));
      worker.on('exit', (code, signal) => onExit(entry, code, signal));
    };

    const removeSignalHandlers = onShutdownSignals({
      logger,
      timeoutMs: options.stopTimeoutMs ?? 35_000,
      onShutdown: async () => {
        stopAll();
        await allStopped;
      },
      forceExit: (code) => {
        for (const { worker } of workers.values()) worker.process.kill('SIGKILL');
        process.exit(code);
      },
    });

    cluster.setupPrimary({ exec: options.exec, args: [...options.args] });
    logger.info({ processes: count }, 'starting api processes');
    for (let i = 0; i < count; i++) fork();
  });
