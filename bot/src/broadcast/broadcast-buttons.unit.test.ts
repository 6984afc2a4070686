import { describe, expect, it } from 'vitest';
import { decodeCallback, encodeCallback } from '../links/index.ts';
import { decodeBroadcastButton, encodeBroadcastButton, type BroadcastButton } from './broadcast-buttons.ts';

describe('broadcast buttons', () => {
  it('round-trip', () => {
    const buttons: BroadcastButton[] = [
      { action: 'audience', audience: 'public_channel', channelId: 'c1a' },
      { action: 'audience', audience: 'subscribers', channelId: 'c1a' },
      { action: 'control', control: 'weekly', channelId: 'c1a', broadcastId: 'b0123456789abcdef' },
      { action: 'control', control: 'discard', channelId: 'c1a', broadcastId: 'b1' },
      { action: 'cancelScheduled', channelId: 'c1a', broadcastId: 'b1' },
    ];
    for (const button of buttons) expect(decodeBroadcastButton(encodeBroadcastButton(button))).toEqual(button);
  });

  it('are not mistaken for the shared actions, nor those for them', () => {
    expect(decodeCallback(encodeBroadcastButton({ action: 'cancelScheduled', channelId: 'c1', broadcastId: 'b1' }))).toBeUndefined();
    expect(decodeCallback(encodeBroadcastButton({ action: 'audience', audience: 'subscribers', channelId: 'c1' }))).toBeUndefined();
    expect(decodeBroadcastButton(encodeCallback({ action: 'optOut', channelId: 'c1' }))).toBeUndefined();
    for (const raw of [undefined, '', 'ba:q:c1', 'bs:n:c1', 'bs:n:c1:b1:x', 'bk:c1', 'bk:c1:', 'ba:p:c 1']) expect(decodeBroadcastButton(raw)).toBeUndefined();
  });

  it('refuse ids that cannot travel', () => {
    expect(() => encodeBroadcastButton({ action: 'cancelScheduled', channelId: 'c:1', broadcastId: 'b1' })).toThrow();
    expect(() => encodeBroadcastButton({ action: 'control', control: 'now', channelId: 'c'.repeat(40), broadcastId: 'b'.repeat(20) })).toThrow();
  });

  it('opt-out and opt-in buttons are o:<channel> and O:<channel>', () => {
    expect(encodeCallback({ action: 'optOut', channelId: 'c1a' })).toBe('o:c1a');
    expect(decodeCallback('O:c1a')).toEqual({ action: 'optIn', channelId: 'c1a' });
    expect(decodeCallback('o:c1a:x')).toBeUndefined();
  });
});
