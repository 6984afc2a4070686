import { hash } from 'node:crypto';

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
const UUID_BYTES = 16;

/**
 * The event's content hash: SHA-256 of the tag "paygate-event-v1", commit position, prepare
 * position, stream revision and recorded_at (µs since epoch) as big-endian signed 64-bit
 * integers, the 16 bytes of the event id, then stream id, type, data and metadata, each as a
 * big-endian 32-bit byte length followed by its UTF-8 bytes. The SQL side is
 * paygate_event_content (infra/src/event-store/postgres/schema-hash-chain.ts); the two must agree
 * byte for byte, and the verifier's clean run on a real database is what checks that they do.
 */
export const eventContentHash = (row: Omit<ChainRow, 'streamHash' | 'chainHash'>): Buffer => {
  // One buffer and one hash call per event (zeroed, so a malformed id still hashes the same bytes every time).
  const texts = [row.streamId, row.type, row.data, row.metadata];
  const lengths = texts.map((text) => Buffer.byteLength(text, 'utf8'));
  const bytes = Buffer.alloc(TAG.length + 4 * 8 + UUID_BYTES + lengths.reduce((sum, length) => sum + 4 + length, 0));
  let at = TAG.copy(bytes, 0);
  for (const value of [row.position.commit, row.position.prepare, row.revision, row.recordedMicros]) at = bytes.writeBigInt64BE(value, at);
  bytes.write(row.eventId.replaceAll('-', ''), at, UUID_BYTES, 'hex');
  at += UUID_BYTES;
  texts.forEach((text, index) => {
    at = bytes.writeInt32BE(lengths[index]!, at);
    at += bytes.write(text, at, 'utf8');
  });
  return hash('sha256', bytes, 'buffer');
};

/** One link: the hash of the previous link followed by the event's content hash. */
export const link = (previous: Buffer, content: Buffer): Buffer => hash('sha256', Buffer.concat([previous, content]), 'buffer');
