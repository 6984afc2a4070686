import { AckPolicy, DeliverPolicy, JetStreamApiError, StorageType, type JetStreamManager, type RetentionPolicy, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ConsumerSettings } from '../shared/index.ts';
import { isStreamNotFound } from './errors.ts';

export type StreamSpec = Pick<StreamConfig, 'name' | 'subjects' | 'retention' | 'duplicate_window' | 'allow_direct'>;

const sameSubjects = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((subject) => b.includes(subject));

/** Creates the stream (file storage) or brings an existing one's subjects and dedup window up to date. */
export const ensureStream = async (jsm: JetStreamManager, spec: StreamSpec): Promise<void> => {
  try {
    const { config } = await jsm.streams.info(spec.name);
    const stale =
      !sameSubjects(config.subjects ?? [], spec.subjects) ||
      config.duplicate_window !== spec.duplicate_window ||
      Boolean(config.allow_direct) !== spec.allow_direct;
    if (stale) {
      await jsm.streams.update(spec.name, {
        subjects: spec.subjects,
        duplicate_window: spec.duplicate_window,
        allow_direct: spec.allow_direct,
      });
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    // Two processes starting together may both get here; adding an identical stream is idempotent.
    await jsm.streams.add({ ...spec, storage: StorageType.File });
  }
};

export const streamSpec = (name: string, subjects: string[], duplicateWindowMs: number, retention: RetentionPolicy, allowDirect = false): StreamSpec => ({
  name,
  subjects,
  retention,
  duplicate_window: nanos(duplicateWindowMs),
  allow_direct: allowDirect,
});

/**
 * Creates or updates a durable pull consumer. Two settings are deliberately NOT the server's:
 * - `max_deliver` is unlimited: the client dead-letters at `maxDeliver`. A server limit would
 *   silently stop redelivering a message whose last delivery timed out or whose dead-letter
 *   write failed; here such a message comes back once more and is dead-lettered then.
 * - no server `backoff`: on the server it replaces `ack_wait` by `backoff[0]` (checked on 2.9),
 *   which would redeliver slow handlers early. Backoff is applied by nak with a delay instead.
 */
export const ensureDurable = async (jsm: JetStreamManager, stream: string, filterSubject: string, settings: ConsumerSettings): Promise<void> => {
  const config = {
    durable_name: settings.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(settings.ackWaitMs),
    max_deliver: -1,
    filter_subject: filterSubject,
  };
  try {
    // nats-server 2.9 treats this as create-or-update; 2.10+ refuses a changed config here.
    await jsm.consumers.add(stream, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError)) throw error;
    await jsm.consumers.update(stream, settings.name, {
      ack_wait: config.ack_wait,
      max_deliver: config.max_deliver,
      filter_subject: config.filter_subject,
    });
  }
};
