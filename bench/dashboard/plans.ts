import type pg from 'pg';
import { fmt, row } from '../lib/stats.ts';
import { ORIGIN, type BenchReadSide, type CapturedQuery } from './app.ts';
import type { Endpoint, OwnerFacts } from './endpoints.ts';
import { describeScans, explainQuery } from './explain.ts';

const ms = (value: number) => `${fmt(value, value < 10 ? 2 : 1)} ms`;
const tableOf = (sql: string) => /from "?(\w+)"?\."?(\w+)"?/i.exec(sql)?.[2] ?? '?';

/** The pool as a baseline sees it, recording each statement instead of timing it. */
const recordingPool = (pool: pg.Pool, into: CapturedQuery[]): pg.Pool =>
  ({
    query: (sql: string, parameters: unknown[] = []) => {
      into.push({ sql, parameters });
      return pool.query(sql, parameters);
    },
  }) as unknown as pg.Pool;

export type PlannedEndpoint = Pick<Endpoint, 'label' | 'path' | 'asker' | 'credential'> & { baseline?: Endpoint['baseline']; firstOnly?: boolean };

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement a route sends, parameters as sent, one line each
 * (execution and planning time, buffers, every table scan), then the plain SELECT's own plans;
 * a finding (a large table read far beyond what is returned) prints its whole plan when `full`.
 */
export const printPlans = async (pool: pg.Pool, side: BenchReadSide, endpoints: readonly PlannedEndpoint[], context: { init: (e: PlannedEndpoint) => RequestInit; owner: (e: PlannedEndpoint) => OwnerFacts; full: boolean }) => {
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) of each statement the route sends (parameters as sent), then of its plain SELECT:');
  let findings = 0;
  for (const endpoint of endpoints) {
    console.log(`  GET ${endpoint.path} (${endpoint.asker} owner)`);
    const queries = await side.queriesOf(`${ORIGIN}${endpoint.path}`, context.init(endpoint));
    const plain: CapturedQuery[] = [];
    if (endpoint.baseline) await endpoint.baseline(recordingPool(pool, plain), context.owner(endpoint));
    const all = [...(endpoint.firstOnly ? queries.slice(0, 1) : queries).map((q) => ({ q, who: 'route' })), ...plain.map((q) => ({ q, who: 'plain' }))];
    for (const { q, who } of all) {
      const plan = await explainQuery(pool, q);
      row(`    ${who} · ${tableOf(q.sql)}`, { exec: ms(plan.executionMs), plan: ms(plan.planningMs), buffers: fmt(plan.buffers), scans: describeScans(plan.scans) });
      if (who !== 'route') continue;
      findings += plan.findings.length;
      for (const finding of plan.findings) console.log(`      FINDING: ${finding}`);
      if (context.full && plan.findings.length > 0) console.log(`${plan.sql.replace(/^/gm, '        ')}\n${plan.text.replace(/^/gm, '        ')}`);
    }
  }
  console.log(`  ${findings} finding(s)`);
};
