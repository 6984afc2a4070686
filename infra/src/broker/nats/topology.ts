/**
 * Where everything lives in JetStream. Three streams per broker:
 *
 * - the event stream (`streamName`, caller's subjects): what publishers write and consumers read;
 * - the dead-letter stream: one message per dead letter on `paygate.dead.<stream>.<consumer>`,
 *   a JSON envelope (original subject, msgId, headers, data, sequence, delivery count, error).
 *   Its stream sequence is the dead letter's id; `list` reads it by subject, `replay` deletes it;
 * - the replay stream (work-queue retention): `replay(id)` republishes the envelope on
 *   `paygate.replay.<stream>.<consumer>`. Every `consume(name)` runs a second durable consumer,
 *   of the same name, on that subject, so a replay reaches that consumer only and exactly it.
 *   (nats-server 2.9 has no multi-filter consumers, so one consumer cannot read both subjects.)
 */
export type Topology = {
  stream: string;
  deadLetterStream: string;
  replayStream: string;
  deadLetterSubjects: string;
  replaySubjects: string;
  deadLetterSubject(consumer: string): string;
  replaySubject(consumer: string): string;
};

export const topology = (streamName: string, deadLetterStreamName?: string, replayStreamName?: string): Topology => ({
  stream: streamName,
  deadLetterStream: deadLetterStreamName ?? `${streamName}_DEAD`,
  replayStream: replayStreamName ?? `${streamName}_REPLAY`,
  deadLetterSubjects: `paygate.dead.${streamName}.>`,
  replaySubjects: `paygate.replay.${streamName}.>`,
  deadLetterSubject: (consumer) => `paygate.dead.${streamName}.${consumer}`,
  replaySubject: (consumer) => `paygate.replay.${streamName}.${consumer}`,
});
