import { describe, expect, it } from 'vitest';
import { explorerHref, hrefWith } from './links.ts';
import { amountText, compactAmountText } from './money-text.ts';
import { timeText, utcDateText, utcText } from './time-text.ts';

describe('dashboard text', () => {
  it('writes amounts exactly, beyond 2^53', () => {
    expect(amountText(1250n, 2)).toBe('12.50');
    expect(amountText(12_345_678_901_234_567_891n, 18)).toBe('12.345678901234567891');
    expect(compactAmountText(5n * 10n ** 18n, 18)).toBe('5');
    expect(compactAmountText(1250n, 2)).toBe('12.5');
  });

  it('shows times in UTC and leaves non-timestamps alone', () => {
    expect(utcText('2025-03-01T10:05:59.999Z')).toBe('2025-03-01 10:05 UTC');
    expect(utcDateText(new Date('2025-03-01T23:00:00-02:00'))).toBe('2025-03-02');
    expect(utcText('soon')).toBe('soon');
  });

  it('builds links with the given query and no empty parameters', () => {
    expect(hrefWith('/dashboard/payments', { channel: 'ch 1&x', status: undefined, invoice: '', cursor: 'abc' })).toBe('/dashboard/payments?channel=ch+1%26x&cursor=abc');
    expect(hrefWith('/dashboard', {})).toBe('/dashboard');
  });

  it('links explorers only through an http(s) template with {hash}', () => {
    expect(explorerHref('https://etherscan.io/tx/{hash}', '0xab')).toBe('https://etherscan.io/tx/0xab');
    expect(explorerHref('javascript:alert({hash})', '0xab')).toBeUndefined();
    expect(explorerHref('https://etherscan.io/tx/', '0xab')).toBeUndefined();
    expect(explorerHref(undefined, '0xab')).toBeUndefined();
    expect(explorerHref('https://x.example/tx/{hash}', 'a"b/c')).toBe('https://x.example/tx/a%22b%2Fc');
  });
});

describe('timeText', () => {
  it('keeps the exact instant and breaks only between date and time', async () => {
    expect(String(await timeText('2025-03-01T10:05:00.000Z'))).toBe('<time datetime="2025-03-01T10:05:00.000Z"><span>2025-03-01</span> <span>10:05&nbsp;UTC</span></time>');
    expect(String(await timeText('soon'))).toBe('<time datetime="soon">soon</time>');
    expect(String(await timeText(null))).toBe('<span class="muted">—</span>');
  });
});
