import "reflect-metadata";
import { startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { observeStatements } from "../server/database/sql-session";

/**
 * EXPLAIN ANALYZE of a few searches on a (bench) database: runs each search once through Maillage over
 * HTTP (a warm-up), records the statement it sends with its parameters, then runs that statement under
 * EXPLAIN (ANALYZE) several times and prints the median execution and planning times, the pages read and the
 * indexes used. Usage:
 *   node -r @swc-node/register bench/explain-search.ts <database url> ["text" ...]
 */
const DEFAULT_TEXTS = ["centre social roubaix", "centre sosial roubais", "reseau", "Roubiax", "jardin partage lille", "saint denis", "football"];
const RUNS = 5;

interface PlanNode { "Index Name"?: string; "Shared Hit Blocks"?: number; "Shared Read Blocks"?: number; Plans?: PlanNode[] }

async function main(): Promise<void> {
  const [url, ...args] = process.argv.slice(2);
  if (!url) throw new Error("usage: explain-search.ts <database url> [text ...]");
  const texts = args.length ? args : DEFAULT_TEXTS;
  // The search bounds may be tried from the environment (MAILLAGE_SEARCH_RANKED, MAILLAGE_SEARCH_COUNTED).
  const { MAILLAGE_SEARCH_RANKED, MAILLAGE_SEARCH_COUNTED } = process.env;
  const config = loadConfig({
    MAILLAGE_RATE_LIMIT: "false", MAILLAGE_RESPONSE_CACHE: "false", MAILLAGE_DEMO_DATA: "false", LOG_LEVEL: "warn", MAILLAGE_SEARCH_RANKED, MAILLAGE_SEARCH_COUNTED,
  });
  const app = await startApp({ ...config, databaseUrl: url, port: 0, host: "127.0.0.1" });
  const recorded: { sql: string; parameters: unknown[] }[] = [];
  const stop = observeStatements((sql, parameters) => recorded.push({ sql, parameters: [...parameters] }));
  try {
    for (const text of texts) {
      recorded.length = 0;
      const started = performance.now();
      const response = await fetch(app.url, {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `query ($text: String!) { search(text: $text, first: 20) { totalCount totalCountIsExact edges { kind score } } }`, variables: { text } }),
      });
      const body = (await response.json()) as { data?: { search: { totalCount: number; totalCountIsExact: boolean } }; errors?: unknown };
      const httpMs = performance.now() - started;
      if (body.errors) throw new Error(`${text}: ${JSON.stringify(body.errors)}`);
      const statement = recorded.find((s) => /search_/.test(s.sql) || /hit AS/.test(s.sql));
      if (!statement) throw new Error(`${text}: no search statement observed`);
      const runs: { execution: number; planning: number; buffers: number; indexes: string[] }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const [{ "QUERY PLAN": [plan] }] = await app.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.parameters);
        const indexes = new Set<string>();
        const walk = (node: PlanNode) => { if (node["Index Name"]) indexes.add(node["Index Name"]); node.Plans?.forEach(walk); };
        walk(plan.Plan);
        // Pages read (shared buffers hit or read): the work, less sensitive than times to a loaded machine.
        const buffers = (plan.Plan["Shared Hit Blocks"] ?? 0) + (plan.Plan["Shared Read Blocks"] ?? 0);
        runs.push({ execution: plan["Execution Time"], planning: plan["Planning Time"], buffers, indexes: [...indexes].sort() });
      }
      // EXPLAIN_SEARCH_PLAN=1: the text plan of the last search, for reading.
      if (process.env.EXPLAIN_SEARCH_PLAN) {
        const rows = await app.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.parameters);
        console.error(rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n"));
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      console.log(JSON.stringify({
        text, total: body.data!.search.totalCount, exact: body.data!.search.totalCountIsExact, firstHttpMs: Math.round(httpMs),
        executionMs: Number(median(runs.map((r) => r.execution)).toFixed(1)), planningMs: Number(median(runs.map((r) => r.planning)).toFixed(1)),
        buffers: runs[0].buffers,
        indexes: runs[0].indexes,
      }));
    }
  } finally {
    stop();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
