import { createHash } from 'node:crypto';

/**
 * The id commandSpec gives the given event at `revision` of `streamId` when the test names none:
 * a UUID derived from the two, so a test can name a cause before the scenario runs (e.g. the
 * stream a process manager keys by its cause's id) and every run records the same ids.
 */
export const givenEventId = (streamId: string, revision: number): string => {
  const hex = createHash('sha1').update(`paygate-testkit-given\u001f${streamId}\u001f${revision}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
