import { describe, expect, it } from 'vitest';
import { createSessionCheck } from './session-check.ts';

const port = (answers: Record<string, boolean[]>) => {
  const asked: string[] = [];
  return {
    asked,
    isSessionActive: async (familyId: string) => {
      asked.push(familyId);
      return answers[familyId]!.shift()!;
    },
  };
};

describe('createSessionCheck', () => {
  it('re-reads an active session only after 5 s, so a logout takes effect within that', async () => {
    let now = 0;
    const sessions = port({ f1: [true, false] });
    const check = createSessionCheck(sessions, () => now);
    expect(await check('f1')).toBe(true);
    now = 4_999;
    expect(await check('f1')).toBe(true);
    expect(sessions.asked).toEqual(['f1']);
    now = 5_001;
    expect(await check('f1')).toBe(false);
    expect(sessions.asked).toEqual(['f1', 'f1']);
  });

  it('keeps a revoked session revoked without asking again', async () => {
    let now = 0;
    const sessions = port({ f2: [false] });
    const check = createSessionCheck(sessions, () => now);
    expect(await check('f2')).toBe(false);
    now = 60_000;
    expect(await check('f2')).toBe(false);
    expect(sessions.asked).toEqual(['f2']);
  });
});
