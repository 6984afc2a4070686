/** How log lines are written: one JSON object per line, or one readable line per entry. */
export const LOG_FORMATS = ['json', 'pretty'] as const;

export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * The format for a stream: LOG_FORMAT when set, else readable lines for a person at a terminal
 * and JSON for everything else (files, pipes, log collectors).
 */
export const logFormatFor = (override: LogFormat | undefined, stream: { isTTY?: boolean }): LogFormat =>
  override ?? (stream.isTTY === true ? 'pretty' : 'json');
