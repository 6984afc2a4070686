import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCallback, encodeCallback, matchesTierRef, MAX_CALLBACK_BYTES, type CallbackAction } from './callback-data.ts';
import { channelCodeForChat, channelCodeFromStart, shareLink } from './channel-code.ts';

describe('channel codes and share links', () => {
  it('derives a stable start-payload-safe code from the chat id', () => {
    expect(channelCodeForChat('-1001234567890')).toBe(`c${(1001234567890n).toString(36)}`);
    expect(channelCodeForChat('-1001234567890')).toMatch(/^[a-z0-9]{1,64}$/);
    expect(channelCodeForChat('-1001234567890')).not.toBe(channelCodeForChat('-1001234567891'));
    expect(() => channelCodeForChat('abc')).toThrow();
  });

  it('reads a code from /start payloads and refuses what cannot be one', () => {
    expect(channelCodeFromStart(' c1a2b3 ')).toBe('c1a2b3');
    expect(channelCodeFromStart('')).toBeUndefined();
    expect(channelCodeFromStart(undefined)).toBeUndefined();
    expect(channelCodeFromStart('a b')).toBeUndefined();
    expect(channelCodeFromStart('x'.repeat(65))).toBeUndefined();
  });

  it('builds the t.me deep link', () => expect(shareLink('PayGateBot', 'c1')).toBe('https://t.me/PayGateBot?start=c1'));
});

describe('callback data', () => {
  it('round-trips every action', () => {
    const actions: CallbackAction[] = [
      { action: 'buy', channelId: 'c1', tierRef: 'monthly' },
      { action: 'channel', channelId: 'c1' },
      { action: 'retire', channelId: 'c1', tierRef: 'a:b' },
      { action: 'retireConfirmed', channelId: 'c1', tierRef: 'gold' },
      { action: 'cancel' },
    ];
    for (const action of actions) expect(decodeCallback(encodeCallback(action))).toEqual(action);
  });

  it('hashes a tier id that would not fit, and the hash still finds the tier', () => {
    const tierId = 't'.repeat(100);
    const encoded = encodeCallback({ action: 'buy', channelId: 'c1', tierRef: tierId });
    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    const decoded = decodeCallback(encoded);
    expect(decoded?.action === 'buy' && matchesTierRef(tierId, decoded.tierRef)).toBe(true);
    expect(decoded?.action === 'buy' && matchesTierRef('other', decoded.tierRef)).toBe(false);
  });

  it('refuses what it cannot carry or did not write', () => {
    expect(() => encodeCallback({ action: 'buy', channelId: 'a:b', tierRef: 't' })).toThrow();
    expect(() => encodeCallback({ action: 'buy', channelId: 'c'.repeat(62), tierRef: 't' })).toThrow();
    for (const raw of [undefined, '', 'z:c1', 'b', 'b:c1', 'c:', 'c:c1:extra', 'x:1']) expect(decodeCallback(raw)).toBeUndefined();
  });

  it('fits 64 bytes or throws, for any ids (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((id) => !id.includes(':')), fc.string({ minLength: 1, maxLength: 200 }), (channelId, tierId) => {
        let encoded: string;
        try {
          encoded = encodeCallback({ action: 'retireConfirmed', channelId, tierRef: tierId });
        } catch {
          return Buffer.byteLength(`R:${channelId}:~123456789012`) > MAX_CALLBACK_BYTES;
        }
        const decoded = decodeCallback(encoded);
        return Buffer.byteLength(encoded) <= MAX_CALLBACK_BYTES && decoded?.action === 'retireConfirmed' && decoded.channelId === channelId && matchesTierRef(tierId, decoded.tierRef);
      }),
    );
  });
});
