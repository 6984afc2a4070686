/**
 * Keeps a sandbox world in its file, so a restarted PayGate finds the same users, channels and
 * messages — and the bot's update ledger, which remembers update ids for days, never meets an
 * id it already handled. Changes are written within a second after they happen (bursts coalesce:
 * the whole world is rewritten each time, which cost a quarter of PayGate's CPU under 100
 * payments/s at 100 ms; a killed process loses at most that second of the simulator's world);
 * update ids are reserved ahead in blocks and the reservation is written before the first id of
 * a block is handed out, so even a killed process restarts above every id it gave away. A
 * clean stop writes the exact counter.
 */
import { PayGateError } from '@paygate/domain';
import { readWorldFile, writeWorldFile } from './world-file.ts';
import { parseWorldSnapshot, worldFromSnapshot, type WorldSnapshot } from './world-snapshot.ts';

export const UPDATE_ID_BLOCK = 100;
export const DEFAULT_SAVE_DELAY_MS = 1_000;

export type WorldPersistence = {
  /** Something in the world changed: written within the save delay. */
  changed(): void;
  /** The queue's hook: writes a new reservation before `updateId` reaches it (throws when it cannot). */
  beforeIssue(updateId: number): void;
  /** Writes now, with the queue's exact next id (a clean stop); later changes are still written. */
  flush(): void;
};

export const createWorldPersistence = (input: {
  file: string;
  snapshot: (nextUpdateId: number) => WorldSnapshot;
  nextUpdateId: () => number;
  /** What the file already promises (the restored or first id). */
  reservedUpTo: number;
  saveDelayMs?: number;
  /** A delayed save that failed; it is tried again with the next change. */
  onError?: (error: unknown) => void;
}): WorldPersistence => {
  const { file, snapshot, saveDelayMs = DEFAULT_SAVE_DELAY_MS } = input;
  const onError = input.onError ?? ((error: unknown) => process.emitWarning(error instanceof Error ? error : String(error), 'TelegramSandbox'));
  let reservedUpTo = input.reservedUpTo;
  let written = JSON.stringify(snapshot(reservedUpTo));
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    const text = JSON.stringify(snapshot(reservedUpTo));
    if (text === written) return; // a poll that found nothing new changes nothing
    writeWorldFile(file, text);
    written = text;
  };

  return {
    changed() {
      // Not unref'd: a process ending on its own waits the few milliseconds for the last save.
      timer ??= setTimeout(() => {
        try {
          save();
        } catch (error) {
          onError(error);
        }
      }, saveDelayMs);
    },
    beforeIssue(updateId) {
      if (updateId < reservedUpTo) return;
      const previous = reservedUpTo;
      reservedUpTo = updateId + UPDATE_ID_BLOCK;
      try {
        save();
      } catch (error) {
        reservedUpTo = previous;
        throw error;
      }
    },
    flush() {
      reservedUpTo = input.nextUpdateId();
      try {
        save();
      } catch (error) {
        onError(error);
      }
    },
  };
};

/** The world in `file`, or undefined when there is none yet; a file that is not one is refused, naming it. */
export const restoreWorld = (file: string, botId: number, now: () => number) => {
  const text = readWorldFile(file);
  if (text === undefined) return undefined;
  try {
    const snapshot = parseWorldSnapshot(JSON.parse(text));
    if (snapshot.botId !== botId) throw new PayGateError('validation', `it belongs to bot ${snapshot.botId}, not ${botId}`);
    return { ...worldFromSnapshot(snapshot, now), nextUpdateId: snapshot.nextUpdateId };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PayGateError('validation', `the Telegram sandbox world ${file} cannot be restored (${reason}); move it away to start a new world`, {}, { cause: error });
  }
};
