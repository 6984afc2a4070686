import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Every message id in a JetStream stream, read straight from the server (not through our adapter). */
export const streamMessageIds = async (servers: string, stream: string): Promise<{ ids: string[]; messages: number }> => {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const ids: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      const id = message?.header?.get('Nats-Msg-Id');
      if (id) ids.push(id);
    }
    return { ids, messages: info.state.messages };
  } finally {
    await nc.close();
  }
};

export const deleteStreams = async (servers: string, ...streams: string[]): Promise<void> => {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
};
