import { describe, expect, it } from 'vitest';
import { broadcastOutcome } from './broadcast-outcome.ts';

describe('broadcastOutcome', () => {
  it.each([
    ['already known', 'in'],
    ['transaction already imported', 'in'],
    ['known transaction: 0xabc', 'in'],
    ['nonce too low', 'in'],
    ['nonce too low: next nonce 5, tx nonce 4', 'in'],
    ['replacement transaction underpriced', 'in'],
    ['Insufficient funds for gas * price + value', 'refused'],
    ['insufficient funds for gas * price + value: balance 0', 'refused'],
    ['intrinsic gas too low', 'refused'],
    ['max fee per gas less than block base fee', 'refused'],
    ['header not found', 'retry'],
    ['internal error', 'retry'],
  ] as const)('%s → %s', (message, outcome) => {
    expect(broadcastOutcome({ code: -32000, message })).toBe(outcome);
  });
});
