import { describe, expect, it } from 'vitest';
import { decodeCallback } from '../links/index.ts';
import { decodeWalletCancel, encodeWalletCancel } from './wallet-change-button.ts';

describe('wallet change cancel button', () => {
  it('round-trips the channel and the change number', () => {
    const data = encodeWalletCancel('c1a2b3', 12)!;
    expect(decodeWalletCancel(data)).toEqual({ channelId: 'c1a2b3', changeNumber: 12 });
    expect(decodeWalletCancel(encodeWalletCancel('a:b', 1))).toEqual({ channelId: 'a:b', changeNumber: 1 });
  });
  it('is not mistaken for another button, nor another for it', () => {
    expect(decodeCallback(encodeWalletCancel('c1', 1))).toBeUndefined();
    for (const raw of [undefined, 'wc:c1', 'wc:c1:0', 'wc::1', 'wc:c1:x', 'c:c1', 'x']) expect(decodeWalletCancel(raw)).toBeUndefined();
  });
  it('has no button when it would not fit 64 bytes', () => expect(encodeWalletCancel('c'.repeat(60), 1)).toBeUndefined());
});
