import "reflect-metadata";
import { Client } from "pg";
import { startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { observeStatements } from "../server/database/sql-session";
import { POSTGRES_SESSION_OPTIONS } from "../server/database/session-options";

/**
 * `node -r @swc-node/register bench/explain-lists.ts --database-url URL [--only a,b] [--plans] [--runs N]`:
 * lists filtered by territory (associations, organisations, partners, events, charter signatures, projects of
 * a big and a small département, a big city, an EPCI, a région), each sent once through Maillage (in this
 * process); every statement it sent is then run again N times (default 5) as the server runs it, a named
 * prepared statement on one connection (so PostgreSQL's plan cache may switch to its generic plan after
 * the fifth), and EXPLAIN (ANALYZE, BUFFERS) of the last run is printed: execution time, buffers, and with
 * --plans the plan; --generic forces the generic plan. `--dump FILE` writes the answers (to compare two versions).
 */

interface Case { name: string; query: string }

const ASSOCIATIONS = (filter: string, extra = "") =>
  `{ associations(first: 100, filter: ${filter}) { ${extra} pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`;

const CASES: Case[] = [
  { name: "associations-dep93", query: ASSOCIATIONS(`{ departmentCodes: ["93"] }`) },
  { name: "associations-dep93-total", query: ASSOCIATIONS(`{ departmentCodes: ["93"] }`, "totalCount") },
  { name: "associations-dep93-p2", query: "" },
  { name: "associations-dep93-desc", query: `{ associations(first: 100, orderBy: { field: NAME, direction: DESC }, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }` },
  { name: "associations-dep93-created", query: `{ associations(first: 100, orderBy: { field: CREATED_AT, direction: ASC }, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }` },
  { name: "associations-dep93-employer", query: ASSOCIATIONS(`{ departmentCodes: ["93"], employerSizes: [EMPLOYER] }`) },
  { name: "associations-dep93-theme", query: ASSOCIATIONS(`{ departmentCodes: ["93"], themeCodes: ["017000"] }`) },
  { name: "associations-dep93-commune", query: ASSOCIATIONS(`{ departmentCodes: ["93"] }`).replace("id name }", "id name commune { name department { code } } }") },
  { name: "associations-dep48-commune", query: ASSOCIATIONS(`{ departmentCodes: ["48"] }`, "totalCount").replace("id name }", "id name commune { name department { code } } }") },
  { name: "associations-dep48", query: ASSOCIATIONS(`{ departmentCodes: ["48"] }`) },
  { name: "associations-dep13", query: ASSOCIATIONS(`{ departmentCodes: ["13"] }`) },
  { name: "associations-marseille", query: ASSOCIATIONS(`{ communeInseeCodes: ["13055"] }`) },
  { name: "associations-paris", query: ASSOCIATIONS(`{ communeInseeCodes: ["75056"] }`) },
  { name: "associations-small-commune", query: ASSOCIATIONS(`{ communeInseeCodes: ["48095"] }`) },
  { name: "associations-epci-mgp", query: ASSOCIATIONS(`{ epciSirens: ["200054781"] }`) },
  { name: "associations-epci-small", query: ASSOCIATIONS(`{ epciSirens: ["200069433"] }`) },
  { name: "associations-region-idf", query: ASSOCIATIONS(`{ regionCodes: ["11"] }`) },
  { name: "associations-region-corse", query: ASSOCIATIONS(`{ regionCodes: ["94"] }`) },
  { name: "organizations-dep93", query: `{ organizations(first: 100, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }` },
  { name: "partners-dep93", query: `{ partners(first: 100, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }` },
  { name: "events-dep93", query: `{ events(first: 100, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "events-dep48-total", query: `{ events(first: 100, filter: { departmentCodes: ["48"] }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "associations-dep48-total", query: ASSOCIATIONS(`{ departmentCodes: ["48"] }`, "totalCount") },
  { name: "events-dep48", query: `{ events(first: 100, filter: { departmentCodes: ["48"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "signatures-dep93", query: `{ charterSignatures(first: 100, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }` },
  { name: "projects-dep93", query: `{ projects(first: 100, filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "projects-dep93-total", query: `{ projects(first: 100, filter: { departmentCodes: ["93"] }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "projects-dep93-active", query: `{ projects(first: 100, filter: { departmentCodes: ["93"], statuses: [ACTIVE] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "projects-dep48", query: `{ projects(first: 100, filter: { departmentCodes: ["48"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "projects-marseille", query: `{ projects(first: 100, filter: { communeInseeCodes: ["13055"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
  { name: "projects-region-idf", query: `{ projects(first: 100, filter: { regionCodes: ["11"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }` },
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const url = option("--database-url");
  if (!url) throw new Error("--database-url URL");
  const only = option("--only")?.split(",");
  const runs = Number(option("--runs") ?? 5);
  const showPlans = process.argv.includes("--plans");
  const config = loadConfig({ MAILLAGE_RATE_LIMIT: "false", MAILLAGE_RESPONSE_CACHE: "false", MAILLAGE_DEMO_DATA: "false", LOG_LEVEL: "warn" });
  const app = await startApp({ ...config, databaseUrl: url, port: 0, host: "127.0.0.1" });
  // As the server's connections run (server/database/session-options.ts: JIT off).
  const client = new Client({ connectionString: url, options: POSTGRES_SESSION_OPTIONS });
  await client.connect();
  // --generic: PostgreSQL's generic plan (the one a named statement may settle on after 5 runs), whatever the parameters.
  if (process.argv.includes("--generic")) await client.query("SET plan_cache_mode = force_generic_plan");
  const recorded: { sql: string; parameters: unknown[] }[] = [];
  let recording = false;
  const stop = observeStatements((sql, parameters) => {
    if (recording) recorded.push({ sql, parameters: [...parameters] });
  });
  let lastCursor: string | undefined;
  const dump: Record<string, unknown> = {};
  try {
    for (const c of CASES) {
      if (only && !only.some((o) => c.name.startsWith(o))) continue;
      let query = c.query;
      if (c.name.endsWith("-p2")) {
        if (!lastCursor) continue;
        query = `{ associations(first: 100, after: "${lastCursor}", filter: { departmentCodes: ["93"] }) { pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`;
      }
      recorded.length = 0;
      recording = true;
      const started = process.hrtime.bigint();
      const response = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      recording = false;
      const body = (await response.json()) as { errors?: unknown; data?: Record<string, { edges: { node: { id: string } }[]; totalCount?: number }> };
      if (body.errors) throw new Error(`${c.name}: ${JSON.stringify(body.errors)}`);
      const list = Object.values(body.data!)[0];
      dump[c.name] = body.data;
      if (c.name === "associations-dep93") {
        const r = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ associations(first: 100, filter: { departmentCodes: ["93"] }) { edges { cursor } } }` }) });
        const b = (await r.json()) as { data: { associations: { edges: { cursor: string }[] } } };
        lastCursor = b.data.associations.edges.at(-1)?.cursor;
      }
      const statements = recorded.filter((s) => !/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(s.sql));
      console.log(`\n=== ${c.name}: ${list.edges.length} rows${list.totalCount !== undefined ? `, total ${list.totalCount}` : ""}, ` +
        `first request ${ms.toFixed(1)} ms, ${statements.length} statement(s)`);
      for (const [i, s] of statements.entries()) {
        if (!/\b(organization|participation_event|charter_signature|project)\b/.test(s.sql) || i > 0) continue;
        const name = `e_${c.name.replace(/[^a-z0-9]/g, "_")}`;
        await client.query("DEALLOCATE ALL");
        await client.query(`PREPARE ${name} AS ${s.sql}`);
        const args = s.parameters.map((p) => (p === null ? "NULL" : `'${(Array.isArray(p) ? `{${p.map((v) => `"${v}"`).join(",")}}` : String(p)).replace(/'/g, "''")}'`));
        const execute = `EXECUTE ${name}${args.length ? `(${args.join(", ")})` : ""}`;
        const times: number[] = [];
        for (let r = 0; r < runs; r++) {
          const t = process.hrtime.bigint();
          await client.query(execute);
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
        const plan = rows.map((r) => r["QUERY PLAN"] as string);
        const exec = plan.find((l) => l.startsWith("Execution Time"));
        const buffers = plan.find((l) => /Buffers:/.test(l))?.trim();
        console.log(`  statement ${i}: runs ${times.map((t) => t.toFixed(1)).join(" ")} ms; EXPLAIN ANALYZE (after ${runs} runs): ${exec}; ${buffers}`);
        if (showPlans) console.log(plan.map((l) => `    ${l}`).join("\n"));
        if (showPlans && process.argv.includes("--sql")) console.log(s.sql, JSON.stringify(s.parameters));
      }
    }
    const file = option("--dump");
    if (file) (await import("fs")).writeFileSync(file, JSON.stringify(dump, null, 1));
  } finally {
    stop();
    await client.end();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
