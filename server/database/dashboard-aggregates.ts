/**
 * The dashboard aggregates (migration DashboardAggregates, docs/aggregates.md) checked against a recount
 * from the rows, and rebuilt from them. Used by `npm run check:aggregates`, `npm run rebuild:aggregates`,
 * the chaos invariants and the tests.
 */

/** Runs one statement and returns its rows. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

/** One counter that differs from its recount. */
export interface AggregateDifference {
  aggregate: "association" | "project" | "event";
  scope: string;
  code: string;
  measure: string;
  kept: number;
  recounted: number;
}

/** Every counter that differs from a recount from the rows (none when the aggregates are exact). One statement. */
export async function aggregateDifferences(run: RunSql, limit = 1000): Promise<AggregateDifference[]> {
  const rows = await run(`SELECT aggregate, scope, code, measure, kept::text, recounted::text FROM agg_differences
    ORDER BY aggregate, scope, code, measure LIMIT ${Number(limit)}`);
  return rows.map((r) => ({
    aggregate: r.aggregate as AggregateDifference["aggregate"], scope: String(r.scope), code: String(r.code), measure: String(r.measure),
    kept: Number(r.kept), recounted: Number(r.recounted),
  }));
}

/** Rewrites every aggregate from the rows, in one transaction (writers of the counted tables wait for it). */
export async function rebuildAggregates(run: RunSql): Promise<void> {
  await run(`SELECT agg_rebuild()`);
}
