import cluster from 'node:cluster';
import { isApiProcessMessage, type ApiProcessMessage } from './api-process-messages.ts';

/** A worker's side of `--processes N`: what `paygate start` does differently when a primary forked it. */
export type ApiProcessWorker = {
  /** The primary's pid: runtime.json names it, so the file outlives any one worker. */
  primaryPid: number;
  /** Tells the primary this worker serves (the primary prints the one "listening" line). */
  ready(url: string | undefined): void;
  /** Calls `handler` when the primary asks for an ordered stop; returns a remover. */
  onShutdown(handler: () => void): () => void;
  /** Closes the IPC channel once stopped, so the process can end. */
  done(): void;
};

/** The worker side when this process is a node:cluster worker, else undefined. */
export const apiProcessWorker = (): ApiProcessWorker | undefined => {
  const worker = cluster.worker;
  if (!cluster.isWorker || worker === undefined) return undefined;
  const send = (message: ApiProcessMessage) => {
    if (worker.isConnected()) worker.send(message);
  };
  return {
    primaryPid: process.ppid,
    ready: (url) => send({ paygate: 'ready', ...(url === undefined ? {} : { url }) }),
    onShutdown(handler) {
      const listener = (message: unknown) => {
        if (isApiProcessMessage(message) && message.paygate === 'shutdown') handler();
      };
      process.on('message', listener);
      return () => process.off('message', listener);
    },
    done: () => {
      if (worker.isConnected()) worker.disconnect();
    },
  };
};
