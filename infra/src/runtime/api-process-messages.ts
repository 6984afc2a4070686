/**
 * What `paygate start --roles api --processes N` says between its primary and its workers, over
 * node:cluster's IPC channel. A message, not a signal, for shutdown: at a terminal, Ctrl-C already
 * sends SIGINT to every process of the group, and a forwarded second signal would force an exit.
 */
export type ApiProcessMessage =
  /** Worker → primary: its roles started; where the api listens (the port is shared). */
  | { paygate: 'ready'; url?: string }
  /** Primary → worker: stop in order, as on a first SIGTERM. */
  | { paygate: 'shutdown' };

export const isApiProcessMessage = (message: unknown): message is ApiProcessMessage =>
  typeof message === 'object' && message !== null && ((message as { paygate?: unknown }).paygate === 'ready' || (message as { paygate?: unknown }).paygate === 'shutdown');
