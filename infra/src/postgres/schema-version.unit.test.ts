import { describe, expect, it } from 'vitest';
import { assertSchemaKnown, isSchemaTooNewError, pendingMigrations, type MigrationHistory, type MigrationSet } from './schema-version.ts';

const set = (scope: string, versions: number): MigrationSet => ({
  scope,
  migrations: Array.from({ length: versions }, (_, i) => ({ version: i + 1, name: `${scope} ${i + 1}`, sql: 'SELECT 1' })),
});
const history = (entries: Record<string, number[]>): MigrationHistory =>
  new Map(Object.entries(entries).map(([scope, versions]) => [scope, new Map(versions.map((version) => [version, `${scope} ${version}`]))]));

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (isSchemaTooNewError(error)) return error;
    throw error;
  }
  return undefined;
};

describe('schema-version check', () => {
  const sets = [set('paygate_event_store', 6), set('bot', 2)];

  it('accepts an empty, a partial and a complete history', () => {
    for (const recorded of [history({}), history({ paygate_event_store: [1, 2] }), history({ paygate_event_store: [1, 2, 3, 4, 5, 6], bot: [1, 2] })])
      expect(refusal(() => assertSchemaKnown(recorded, sets))).toBeUndefined();
  });

  it('refuses a version newer than the code knows, naming both versions', () => {
    const error = refusal(() => assertSchemaKnown(history({ paygate_event_store: [1, 2, 3, 4, 5, 6, 7], bot: [1] }), sets));
    expect(error?.message).toMatch(/^database schema is at paygate_event_store v7, this PayGate knows up to v6: upgrade PayGate/);
    expect(error?.details).toMatchObject({ scope: 'paygate_event_store', databaseVersion: 7, knownVersion: 6, unknownVersions: [7] });
    expect(error?.kind).toBe('conflict');
  });

  it('refuses a scope the code does not know at all', () => {
    const error = refusal(() => assertSchemaKnown(history({ bot: [1], audit_anchors: [1, 2] }), sets));
    expect(error?.message).toMatch(/^database schema has audit_anchors v2, which this PayGate does not know: upgrade PayGate/);
  });

  it('lists what is pending, by scope then version, and nothing when up to date', () => {
    expect(pendingMigrations(history({ paygate_event_store: [1, 2, 3, 4] }), sets)).toEqual([
      { scope: 'paygate_event_store', version: 5, name: 'paygate_event_store 5' },
      { scope: 'paygate_event_store', version: 6, name: 'paygate_event_store 6' },
      { scope: 'bot', version: 1, name: 'bot 1' },
      { scope: 'bot', version: 2, name: 'bot 2' },
    ]);
    expect(pendingMigrations(history({ paygate_event_store: [1, 2, 3, 4, 5, 6], bot: [1, 2] }), sets)).toEqual([]);
  });
});
