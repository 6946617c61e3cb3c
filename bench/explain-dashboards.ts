import "reflect-metadata";
import { Pool } from "pg";
import { startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { observeStatements } from "../server/database/sql-session";
import { pickVariables, QUERIES } from "./queries";

/**
 * EXPLAIN ANALYZE of the bench's two dashboards (département, network) on a bench database:
 * `node -r @swc-node/register bench/explain-dashboards.ts --database-url postgres://.../h_agg_bench [--runs 5]`.
 * Each dashboard is sent through Maillage (response cache off) `--runs` times; the statements of the last run
 * are EXPLAIN ANALYZEd one by one. Prints, per dashboard, the median wall time of a request and each
 * statement's execution time and top plan node.
 */
async function main(): Promise<void> {
  const option = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
  const databaseUrl = option("--database-url");
  if (!databaseUrl) throw new Error("--database-url is required");
  const runs = Number(option("--runs") ?? 5);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const variables = await pickVariables(pool);
  await pool.end();
  const config = loadConfig({ MAILLAGE_RATE_LIMIT: "false", MAILLAGE_RESPONSE_CACHE: "false", MAILLAGE_DEMO_DATA: "false", LOG_LEVEL: "warn" });
  const app = await startApp({ ...config, databaseUrl, port: 0, host: "127.0.0.1" });
  const recorded: { sql: string; parameters: unknown[] }[] = [];
  const stop = observeStatements((sql, parameters) => recorded.push({ sql, parameters: [...parameters] }));
  try {
    for (const query of QUERIES.filter((q) => q.name.endsWith("Dashboard"))) {
      const times: number[] = [];
      let body: unknown;
      for (let i = 0; i < runs; i++) {
        recorded.length = 0;
        const started = performance.now();
        const response = await fetch(app.url, {
          method: "POST", headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: query.query, variables: query.variables(variables) }),
        });
        body = await response.json();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const statements = [];
      for (const s of recorded) {
        const [{ "QUERY PLAN": [plan] }] = await app.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.sql}`, s.parameters);
        statements.push({ executionMs: plan["Execution Time"], planningMs: plan["Planning Time"], top: plan.Plan["Node Type"], sql: s.sql.replace(/\s+/g, " ").slice(0, 120) });
      }
      console.log(JSON.stringify({
        query: query.name, variables: query.variables(variables), runs, medianMs: Math.round(times[Math.floor(runs / 2)] * 10) / 10,
        statements: statements.length, executionMs: Math.round(statements.reduce((s, x) => s + x.executionMs, 0) * 10) / 10, detail: statements, data: body,
      }, null, 1));
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
