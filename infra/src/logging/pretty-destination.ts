import { prettyFactory } from 'pino-pretty';
import type { DestinationStream } from 'pino';

export type PrettyOptions = { colorize?: boolean };

/**
 * A destination that turns each JSON line into one readable line and hands it on, in-process and
 * synchronously (no transport worker): lines keep their order with the CLI's own output. It
 * receives lines after the logger's redaction and secret scrub, so it never sees a secret.
 */
export const prettyDestination = (target: DestinationStream, { colorize = false }: PrettyOptions = {}): DestinationStream => {
  const format = prettyFactory({
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name,role,component',
    // The role or component a line comes from reads best in front of the message.
    messageFormat: '{if role}{role}: {end}{if component}{component}: {end}{msg}',
  });
  return { write: (line: string) => void target.write(format(line)) };
};
