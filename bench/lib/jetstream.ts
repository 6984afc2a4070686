import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Benchmarks leave nothing behind on the NATS server. */
export const deleteStreams = async (servers: string, ...streams: string[]): Promise<void> => {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
};
