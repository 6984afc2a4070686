import * as v from 'valibot';
import { PayGateError, type BrokerMessage } from '@paygate/domain';

/**
 * A dead (or replayed) message as stored in the dead-letter and replay streams: JSON, so the
 * error text is free of header-value limits and the original subject and msgId survive being
 * republished on another subject.
 */
const EnvelopeSchema = v.object({
  consumer: v.string(),
  id: v.string(),
  subject: v.string(),
  headers: v.record(v.string(), v.string()),
  data: v.string(), // base64
  sequence: v.pipe(v.string(), v.regex(/^\d+$/)),
  deliveryCount: v.pipe(v.number(), v.integer()),
  error: v.string(),
});

export type Envelope = v.InferOutput<typeof EnvelopeSchema>;

export const toEnvelope = (consumer: string, message: BrokerMessage, error: string): Envelope => ({
  consumer,
  id: message.id,
  subject: message.subject,
  headers: { ...message.headers },
  data: Buffer.from(message.data).toString('base64'),
  sequence: message.sequence.toString(),
  deliveryCount: message.deliveryCount,
  error,
});

export const encodeEnvelope = (envelope: Envelope): Uint8Array => new TextEncoder().encode(JSON.stringify(envelope));

export const decodeEnvelope = (data: Uint8Array): Envelope => {
  try {
    return v.parse(EnvelopeSchema, JSON.parse(new TextDecoder().decode(data)));
  } catch (error) {
    throw new PayGateError('internal', 'unreadable dead-letter envelope', {}, { cause: error });
  }
};

/** The original message; `deliveryCount` is the caller's (the count at death, or the replay's own). */
export const envelopeMessage = (envelope: Envelope, deliveryCount: number): BrokerMessage => ({
  id: envelope.id,
  subject: envelope.subject,
  headers: envelope.headers,
  data: new Uint8Array(Buffer.from(envelope.data, 'base64')),
  sequence: BigInt(envelope.sequence),
  deliveryCount,
});
