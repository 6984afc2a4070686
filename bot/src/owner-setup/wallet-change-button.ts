import { MAX_CALLBACK_BYTES } from '../links/index.ts';

/**
 * The "cancel this wallet change" button: `wc:<channelId>:<changeNumber>`. It names one change,
 * so a stale button never cancels a newer request. The prefix is unknown to decodeCallback, so
 * the other button handlers pass it on. Undefined when it would not fit Telegram's 64 bytes.
 */
export const encodeWalletCancel = (channelId: string, changeNumber: number): string | undefined => {
  const data = `wc:${channelId}:${changeNumber}`;
  return Buffer.byteLength(data) <= MAX_CALLBACK_BYTES ? data : undefined;
};

export const decodeWalletCancel = (raw: string | undefined): { channelId: string; changeNumber: number } | undefined => {
  const match = raw === undefined ? null : /^wc:(.+):([1-9]\d{0,8})$/.exec(raw);
  return match ? { channelId: match[1]!, changeNumber: Number(match[2]) } : undefined;
};
