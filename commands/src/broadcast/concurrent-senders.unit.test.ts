import { describe, expect, it } from 'vitest';
import { runDueBroadcast } from './run-occurrence.ts';
import { broadcastWorld } from './broadcast-test-world.ts';

describe('two senders on one occurrence (a leader lock that failed)', () => {
  it('every chat gets the broadcast exactly once: a competing claim at the same revision is a conflict, not a repeat', async () => {
    const w = broadcastWorld(200);
    await w.plan('b1', { kind: 'now' });
    const due = { channelId: 'ch1', broadcastId: 'b1' };
    const runs = await Promise.allSettled([runDueBroadcast(w.runner(), due), runDueBroadcast(w.runner(), due)]);
    // Whatever the race left unfinished, the next pass finishes.
    if ((await w.commands.loadBroadcasts('ch1')).broadcasts.get('b1')?.running !== undefined) await runDueBroadcast(w.runner(), due);
    expect((await w.commands.loadBroadcasts('ch1')).broadcasts.get('b1')?.status).toBe('done');
    const counts = w.subscribers.map((subscriber) => w.received(subscriber).length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(runs.some((run) => run.status === 'rejected')).toBe(true); // the loser stopped
  });
});
