import { describe, expect, it } from 'vitest';
import { parseSubscriberRowId, subscriberRowId } from './subscriber-view.ts';

describe('subscriber page ids', () => {
  it('read back, even when the channel id holds slashes', () => {
    for (const [channelId, subscriberId] of [['ch1', '777'], ['a/b', '1'], ['/', '12345678901234567890'], ['x//', '9']] as const) {
      expect(parseSubscriberRowId(subscriberRowId(channelId, subscriberId))).toEqual({ channelId, subscriberId });
    }
  });

  it('refuse what subscriberRowId cannot have made', () => {
    for (const id of ['', 'ch1', '/777', 'ch1/', 'ch1/07', 'ch1/abc', 'ch1/1/x', 'ch1/123456789012345678901']) {
      expect(() => parseSubscriberRowId(id), id).toThrow(expect.objectContaining({ kind: 'validation' }));
    }
  });
});
