import "reflect-metadata";
import { QueryRunner } from "typeorm";
import { startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { observeStatements } from "../server/database/sql-session";
import { BenchQuery, BenchVariables, QUERIES, toGlobalId } from "./queries";

/** Tables with more rows than this must never be read by a sequential scan in the mix. */
export const LARGE_TABLE_ROWS = 10_000;

/** What EXPLAIN says of the statements one query of the mix sends. */
export interface ExplainedQuery {
  query: string;
  statements: number;
  /** Sequential scans of large tables, as "table (rows)". */
  largeSeqScans: string[];
  /** Indexes the plans use, by name. */
  indexes: string[];
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/**
 * Runs each query of the mix once through Maillage (in this process, on `databaseUrl`), records the SQL
 * statements it sends with their parameters, and EXPLAINs each of them (without running them again):
 * the check that no statement of the mix scans a large table from end to end.
 */
export async function explainMix(databaseUrl: string, variables: BenchVariables, auth: { publicKey: string; issuer: string; audience: string; token: string }):
  Promise<ExplainedQuery[]> {
  const config = loadConfig({
    MAILLAGE_JWT_PUBLIC_KEY: auth.publicKey, MAILLAGE_JWT_ISSUER: auth.issuer, MAILLAGE_JWT_AUDIENCE: auth.audience,
    MAILLAGE_RATE_LIMIT: "false", MAILLAGE_RESPONSE_CACHE: "false", MAILLAGE_DEMO_DATA: "false", LOG_LEVEL: "warn",
  });
  const app = await startApp({ ...config, databaseUrl, port: 0, host: "127.0.0.1" });
  const recorded: { sql: string; parameters: unknown[] }[] = [];
  let recording = false;
  const logger = app.dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (sql: string, parameters?: unknown[], runner?: QueryRunner) => {
    if (recording) recorded.push({ sql, parameters: parameters ?? [] });
    logQuery(sql, parameters, runner);
  };
  // Reads go through the request's SqlSession, not TypeORM's logger.
  const stopObserving = observeStatements((sql, parameters) => {
    if (recording) recorded.push({ sql, parameters: [...parameters] });
  });
  const sizes = new Map<string, number>(
    (await app.dataSource.query(`SELECT relname, reltuples::bigint AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`))
      .map((r: { relname: string; rows: string }) => [r.relname, Number(r.rows)]),
  );
  const results: ExplainedQuery[] = [];
  try {
    for (const query of QUERIES) {
      recorded.length = 0;
      recording = true;
      const response = await fetch(app.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(query.kind === "write" ? { authorization: `Bearer ${auth.token}` } : {}) },
        body: JSON.stringify({ query: query.query, variables: await variablesOf(query, variables, app.dataSource.query.bind(app.dataSource)) }),
      });
      recording = false;
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${query.name}: ${JSON.stringify(body.errors)}`);
      const largeSeqScans = new Set<string>();
      const indexes = new Set<string>();
      const statements = recorded.filter((s) => !/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i.test(s.sql));
      for (const statement of statements) {
        const [{ "QUERY PLAN": plans }] = await app.dataSource.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.parameters);
        const walk = (node: PlanNode) => {
          const rows = sizes.get(node["Relation Name"] ?? "") ?? 0;
          if (node["Node Type"] === "Seq Scan" && rows > LARGE_TABLE_ROWS) largeSeqScans.add(`${node["Relation Name"]} (${rows.toLocaleString("en")} rows)`);
          if (node["Index Name"]) indexes.add(node["Index Name"]);
          node.Plans?.forEach(walk);
        };
        for (const plan of plans) walk(plan.Plan);
      }
      results.push({ query: query.name, statements: statements.length, largeSeqScans: [...largeSeqScans], indexes: [...indexes].sort() });
    }
  } finally {
    recording = false;
    stopObserving();
    await app.stop();
  }
  return results;
}

/** The query's variables; for the write, the first benchmark association at its current version. */
async function variablesOf(query: BenchQuery, v: BenchVariables, sql: (text: string, parameters: unknown[]) => Promise<{ version: number }[]>) {
  if (query.kind !== "write") return query.variables(v);
  const key = v.writeKeys[0];
  const [{ version }] = await sql(`SELECT version FROM organization WHERE id = $1`, [key]);
  return { input: { id: toGlobalId("Association", key), version, volunteers: (version * 7) % 100 } };
}
