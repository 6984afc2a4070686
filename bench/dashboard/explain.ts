import type pg from 'pg';
import type { CapturedQuery } from './app.ts';

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
};

export type Scan = { node: string; relation: string; index: string | undefined; rows: number; removed: number };
export type Explained = { sql: string; executionMs: number; planningMs: number; buffers: number; scans: Scan[]; findings: string[]; text: string };

/** Tables that grow with payments: a scan of all of one for one owner's page is a finding. */
const LARGE = new Set(['payments', 'splits', 'subscriptions', 'payouts']);

const scansOf = (node: PlanNode, out: Scan[] = []): Scan[] => {
  if (node['Relation Name'] !== undefined) {
    const loops = node['Actual Loops'];
    out.push({
      node: node['Scan Direction'] === 'Backward' ? `${node['Node Type']} Backward` : node['Node Type'],
      relation: node['Relation Name'],
      index: node['Index Name'],
      rows: node['Actual Rows'] * loops,
      removed: (node['Rows Removed by Filter'] ?? 0) * loops,
    });
  }
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
};

const hasNode = (node: PlanNode, type: string): boolean => node['Node Type'] === type || (node.Plans ?? []).some((child) => hasNode(child, type));

/**
 * A scan of a large table that reads far more than the statement returns: a sequential scan; an
 * index read in order that throws most rows away (another owner's); or, for a page (no aggregate),
 * every row of the owner fetched and sorted to return a few.
 */
const findingsOf = (scans: Scan[], returned: number, aggregates: boolean): string[] =>
  scans.flatMap((scan) => {
    if (!LARGE.has(scan.relation)) return [];
    if (scan.node === 'Seq Scan') return [`sequential scan of ${scan.relation}: read ${scan.rows + scan.removed} rows, kept ${scan.rows}`];
    if (scan.removed > 1000 && scan.removed > 10 * Math.max(scan.rows, 1)) return [`${scan.index ?? scan.relation} read ${scan.rows + scan.removed} rows to keep ${scan.rows}`];
    if (!aggregates && scan.rows > 1000 && scan.rows > 10 * Math.max(returned, 1)) return [`${scan.node}${scan.index ? ` ${scan.index}` : ''} on ${scan.relation} read ${scan.rows} rows to return ${returned}`];
    return [];
  });

/** EXPLAIN (ANALYZE, BUFFERS) of a statement exactly as the route sent it, parameters included. */
export const explainQuery = async (pool: pg.Pool, query: CapturedQuery): Promise<Explained> => {
  const parameters = [...query.parameters];
  const json = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }> }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
    parameters,
  );
  const text = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, parameters);
  const plan = json.rows[0]!['QUERY PLAN'][0]!;
  const scans = scansOf(plan.Plan);
  return {
    sql: query.sql,
    executionMs: plan['Execution Time'],
    planningMs: plan['Planning Time'],
    buffers: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0),
    scans,
    findings: findingsOf(scans, plan.Plan['Actual Rows'], hasNode(plan.Plan, 'Aggregate')),
    text: text.rows.map((row) => row['QUERY PLAN']).join('\n'),
  };
};

/** `Index Scan Backward payments_order_idx on payments (101 rows, 2,345 removed)`, one per scan of a table. */
export const describeScans = (scans: readonly Scan[]): string =>
  scans.map((scan) => `${scan.node}${scan.index ? ` ${scan.index}` : ''} on ${scan.relation} (${scan.rows} rows${scan.removed > 0 ? `, ${scan.removed} removed` : ''})`).join('; ');
