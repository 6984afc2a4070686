import { createHash } from 'node:crypto';

/** One event as the chain sees it: its stored fields, as PostgreSQL prints them, and its stored hashes. */
export type ChainRow = {
  position: { commit: bigint; prepare: bigint };
  streamId: string;
  revision: bigint;
  eventId: string;
  type: string;
  /** `data::text`: jsonb's canonical text, exactly the bytes the append function hashed. */
  data: string;
  metadata: string;
  /** recorded_at in microseconds since the Unix epoch. */
  recordedMicros: bigint;
  streamHash: Buffer;
  chainHash: Buffer;
};

/** What the first event of the log, and of each stream, chains to. */
export const GENESIS: Buffer = Buffer.alloc(32);

const TAG = Buffer.from('paygate-event-v1', 'utf8');

const int8 = (value: bigint): Buffer => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(value);
  return bytes;
};

const text = (value: string): Buffer[] => {
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes.length);
  return [length, bytes];
};

/**
 * The event's content hash: SHA-256 of the tag "paygate-event-v1", commit position, prepare
 * position, stream revision and recorded_at (µs since epoch) as big-endian signed 64-bit
 * integers, the 16 bytes of the event id, then stream id, type, data and metadata, each as a
 * big-endian 32-bit byte length followed by its UTF-8 bytes. The SQL side is
 * paygate_event_content (infra/src/event-store/postgres/schema-hash-chain.ts); the two must agree
 * byte for byte, and the verifier's clean run on a real database is what checks that they do.
 */
export const eventContentHash = (row: Omit<ChainRow, 'streamHash' | 'chainHash'>): Buffer => {
  const hash = createHash('sha256');
  hash.update(TAG);
  for (const part of [int8(row.position.commit), int8(row.position.prepare), int8(row.revision), int8(row.recordedMicros)]) hash.update(part);
  hash.update(Buffer.from(row.eventId.replaceAll('-', ''), 'hex'));
  for (const field of [row.streamId, row.type, row.data, row.metadata]) for (const part of text(field)) hash.update(part);
  return hash.digest();
};

/** One link: the hash of the previous link followed by the event's content hash. */
export const link = (previous: Buffer, content: Buffer): Buffer => createHash('sha256').update(previous).update(content).digest();
