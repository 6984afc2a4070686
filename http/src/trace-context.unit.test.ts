import { describe, expect, it } from 'vitest';
import { continueTrace } from './trace-context.ts';

describe('continueTrace', () => {
  it('continues an incoming trace with a new span id', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const traceparent = continueTrace(incoming);
    expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toBe(incoming);
  });

  it('starts a new trace for a missing, malformed or all-zero traceparent', () => {
    for (const bad of [undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      const traceparent = continueTrace(bad);
      expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(traceparent).not.toContain('00000000000000000000000000000000');
    }
  });
});
