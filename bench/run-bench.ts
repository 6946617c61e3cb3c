import "reflect-metadata";
import { ChildProcess, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { Client, Pool } from "pg";
import { benchDatabaseName, generateDataset, GenerateReport, recreateDatabase } from "./data/generate";
import { explainMix } from "./explain-mix";
import { BenchQuery, BenchVariables, pickVariables, QUERIES } from "./queries";

/**
 * `npm run bench [-- --scale N] [--duration S] [--warmup S] [--connections C] [--rate R] [--regenerate] [--database-url URL]`
 *
 * Starts Maillage on PostgreSQL with the benchmark dataset (generated first if its database is missing
 * or empty) and the raw-SQL baseline server, each as its own process, then drives every query of the mix
 * from this process with autocannon: C connections for S seconds on Maillage then on the baseline (throughput
 * and latency, each after a discarded warm-up), then R requests/s for S seconds on Maillage (latency at a fixed
 * rate, the issue's p95 target). Memory is the server's resident set (VmRSS), sampled every 100 ms. Maillage runs with the response cache and rate limits off
 * (the engine is measured, not the cache) and with diagnostics on (each response carries its SQL
 * statement count). Writes bench/RESULTS.md and prints the table.
 */

const ROOT = path.resolve(__dirname, "..");
const SERVER = "postgres://postgres@127.0.0.1:5432/postgres";
const ISSUER = "maillage-bench";
const AUDIENCE = "maillage-bench";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (m: Record<string, unknown>) => console.log(JSON.stringify(m));

/** The built server (`npm run build`, what `npm start` runs) when there is one, unless --source: then the TypeScript sources through swc. */
const BUILT = fs.existsSync(path.join(ROOT, "dist", "server", "main.js")) && !process.argv.includes("--source");
const SERVER_ENTRY = BUILT ? ["dist/server/main.js"] : ["-r", "@swc-node/register", "server/main.ts"];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Whether the database exists and holds a dataset. */
async function datasetPresent(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('organization') IS NOT NULL AS t`);
    if (!rows[0].t) return false;
    return (await client.query(`SELECT EXISTS (SELECT 1 FROM organization) AS e`)).rows[0].e;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Started { child: ChildProcess; port: number; startupMs: number }

async function startMaillage(databaseUrl: string | null, publicKey: string, dataDir?: string): Promise<Started> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, SERVER_ENTRY, {
    cwd: ROOT,
    env: {
      ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: "", MAILLAGE_DATA_DIR: dataDir }), PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn",
      MAILLAGE_DIAGNOSTICS: "true", MAILLAGE_RATE_LIMIT: "false", MAILLAGE_RESPONSE_CACHE: "false", MAILLAGE_DEMO_DATA: "false",
      MAILLAGE_JWT_PUBLIC_KEY: publicKey, MAILLAGE_JWT_ISSUER: ISSUER, MAILLAGE_JWT_AUDIENCE: AUDIENCE, NODE_ENV: "development",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Maillage exited with ${child.exitCode} during start-up`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) throw new Error("Maillage was not ready within 300 s");
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, port, startupMs: Date.now() - started };
}

async function startBaseline(databaseUrl: string): Promise<Started> {
  const started = Date.now();
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "bench/baseline/server.ts"], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c) => {
      out += c;
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`baseline exited with ${code}`)));
  });
  return { child, port, startupMs: Date.now() - started };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Waits until no other session runs a statement on the bench database: requests still unanswered when a run
 * ends go on in PostgreSQL (closing the connection does not cancel them) and would slow the next run.
 */
async function settle(url: string): Promise<number> {
  const started = Date.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    while (Date.now() - started < 600_000) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await client.end();
  }
  return Date.now() - started;
}

interface Target {
  url: string;
  headers: Record<string, string>;
  /** The request body for the next request. */
  body: () => string;
  /** Whether a response is an error (HTTP status or GraphQL errors), and its SQL statement count if any. */
  inspect: (status: number, body: string) => { error: boolean; statements: number | null };
}

interface Measure {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Requests sent but not answered when the run ended (slower than the run). */
  unfinished: number;
  statements: number | null;
  peakRssMb: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One autocannon run against a target; latencies of every response are kept for exact percentiles. */
async function drive(target: Target, options: { connections: number; duration: number; rate?: number }, rssPid?: number): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0, statementsSum = 0, statementsCount = 0, peak = 0;
  const sampler = rssPid ? setInterval(() => (peak = Math.max(peak, rssMb(rssPid))), 100) : null;
  const instance = autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
    requests: [{
      method: "POST",
      headers: target.headers,
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: target.body() }),
      onResponse: (status: number, body: string) => {
        const r = target.inspect(status, body);
        if (r.error) errors++;
        if (r.statements !== null) {
          statementsSum += r.statements;
          statementsCount++;
        }
      },
    }],
  } as unknown as autocannon.Options) as unknown as Promise<autocannon.Result> & { on: (event: string, listener: (...args: never[]) => void) => void };
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  if (sampler) clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  return {
    requests,
    rps: Math.round((requests / result.duration) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
    unfinished: Math.max(0, result.requests.sent - requests - result.errors - result.timeouts),
    statements: statementsCount ? Math.round((statementsSum / statementsCount) * 10) / 10 : null,
    peakRssMb: peak,
  };
}

const STATEMENTS_RE = /"sqlStatements":(\d+)/;

function maillageTarget(port: number, query: BenchQuery, v: BenchVariables, token: string): Target {
  const url = `http://127.0.0.1:${port}/graphql`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (query.kind === "write") {
    headers.authorization = `Bearer ${token}`;
    const versions = new Map<number, number>(v.writeKeys.map((key, i) => [key, v.writeVersions[i]]));
    let next = 0;
    return {
      url, headers,
      body: () => {
        const key = v.writeKeys[next++ % v.writeKeys.length];
        const version = versions.get(key) ?? 1;
        versions.set(key, version + 1);
        return JSON.stringify({ query: query.query, variables: { input: {
          id: Buffer.from(`Association:${key}`).toString("base64url"), version, volunteers: (version * 7) % 100 } } });
      },
      inspect: (status, body) => {
        const m = STATEMENTS_RE.exec(body);
        const error = status !== 200 || body.includes('"errors":[{') || !body.includes('"association":{');
        return { error, statements: m ? Number(m[1]) : null };
      },
    };
  }
  const body = JSON.stringify({ query: query.query, variables: query.variables(v) });
  return {
    url, headers, body: () => body,
    inspect: (status, text) => {
      const m = STATEMENTS_RE.exec(text);
      return { error: status !== 200 || text.includes('"errors":'), statements: m ? Number(m[1]) : null };
    },
  };
}

function baselineTarget(port: number, query: BenchQuery, v: BenchVariables): Target {
  const body = JSON.stringify({ variables: query.variables(v) });
  return {
    url: `http://127.0.0.1:${port}/${query.name}`, headers: { "content-type": "application/json" }, body: () => body,
    inspect: (status) => ({ error: status !== 200, statements: 1 }),
  };
}

/** The first path where two JSON values differ (arrays in order, objects by key), or null. */
function difference(a: unknown, b: unknown, at = "data"): string | null {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9 ? null : `${at}: ${a} vs ${b}`;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${at}: array vs not`;
    if (a.length !== b.length) return `${at}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

interface Row {
  query: BenchQuery;
  maillage: Measure;
  fixedRate: Measure;
  baseline: Measure | null;
  statementsOnce: number | null;
  check: string;
  sampleMs: number;
  baselineSampleMs: number | null;
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  let pg = "";
  try {
    pg = execSync(`psql -h 127.0.0.1 -U postgres -tAc "SHOW server_version"`, { encoding: "utf8" }).trim();
  } catch {
    pg = "?";
  }
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, ` +
    `Node.js ${process.version}, PostgreSQL ${pg} on the same machine (default configuration)`;
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? "-" : n.toLocaleString("en", { maximumFractionDigits: digits }));

async function main(): Promise<void> {
  const scale = Number(option("--scale") ?? 1);
  const duration = Number(option("--duration") ?? 10);
  const warmup = Number(option("--warmup") ?? 5);
  const connections = Number(option("--connections") ?? 10);
  const rate = Number(option("--rate") ?? 20);
  const only = option("--only")?.split(",");
  const name = benchDatabaseName(scale);
  const url = option("--database-url") ?? SERVER.replace(/\/postgres$/, `/${name}`);
  let generated: GenerateReport | null = null;
  if (process.argv.includes("--regenerate") || !(await datasetPresent(url))) {
    if (option("--database-url")) throw new Error("--database-url names a database without the benchmark dataset: run npm run bench:data -- --database-url URL first");
    log({ msg: "generating the dataset", scale, database: name });
    await recreateDatabase(name);
    generated = await generateDataset({ scale, databaseUrl: url });
    log({ msg: "dataset loaded", ...generated });
  }

  const pool = new Pool({ connectionString: url, max: 1 });
  const variables = await pickVariables(pool);
  const { rows: [counts] } = await pool.query(`SELECT (SELECT count(*) FROM organization WHERE kind = 'ASSOCIATION')::int AS associations,
    (SELECT count(*) FROM organization WHERE kind = 'PARTNER')::int AS partners, (SELECT count(*) FROM project)::int AS projects,
    (SELECT count(*) FROM project_participant)::int AS participants, (SELECT count(*) FROM participation_event)::int AS events,
    (SELECT count(*) FROM membership)::int AS memberships, (SELECT count(*) FROM charter_signature)::int AS signatures,
    pg_size_pretty(pg_database_size(current_database())) AS size`);
  await pool.end();
  log({ msg: "variables", ...variables, writeKeys: variables.writeKeys.length, writeVersions: undefined });

  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = JSON.stringify({ ...(await exportJWK(publicKey)), kid: "bench", alg: "ES256" });
  const token = await new SignJWT({ maillage_role: "ADMIN" }).setProtectedHeader({ alg: "ES256", kid: "bench" })
    .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("bench@maillage").setIssuedAt().setExpirationTime("2h").sign(privateKey);

  const maillage = await startMaillage(url, jwk);
  log({ msg: "Maillage ready", startupMs: maillage.startupMs, pid: maillage.child.pid });
  const baseline = await startBaseline(url);
  const idleRss = rssMb(maillage.child.pid!);
  const rows: Row[] = [];
  try {
    for (const query of QUERIES) {
      if (only && !only.includes(query.name)) continue;
      const target = maillageTarget(maillage.port, query, variables, token);
      // One request first: the equality check, and the statement count of a single request.
      let t = Date.now();
      const once = await fetch(target.url, { method: "POST", headers: target.headers, body: target.body() });
      const sampleMs = Date.now() - t;
      const onceJson = await once.json() as { data?: unknown; errors?: unknown; extensions?: { diagnostics?: { sqlStatements?: number } } };
      const statementsOnce = onceJson.extensions?.diagnostics?.sqlStatements ?? null;
      let check = onceJson.errors ? `Maillage error: ${JSON.stringify(onceJson.errors).slice(0, 300)}` : "-";
      let baselineSampleMs: number | null = null;
      let baselineTargetOf: Target | null = null;
      if (query.kind === "read") {
        baselineTargetOf = baselineTarget(baseline.port, query, variables);
        t = Date.now();
        const b = await fetch(baselineTargetOf.url, { method: "POST", headers: baselineTargetOf.headers, body: baselineTargetOf.body() });
        baselineSampleMs = Date.now() - t;
        const bJson = await b.json() as { data?: unknown; errors?: unknown };
        if (bJson.errors) check = `baseline error: ${JSON.stringify(bJson.errors).slice(0, 300)}`;
        else if (!onceJson.errors) check = difference(onceJson.data, bJson.data) ?? "same JSON";
      }
      log({ msg: "checked", query: query.name, check, statements: statementsOnce, maillageMs: sampleMs, baselineMs: baselineSampleMs });

      // Each throughput run follows a discarded warm-up on its own server, so that both start with the caches
      // their own statements fill, and the two are measured back to back, under the same conditions.
      const warmUp = async (t: Target) => {
        if (warmup <= 0) return;
        const w = await drive(t, { connections, duration: warmup });
        log({ msg: "warm-up", query: query.name, url: t.url, requests: w.requests, settleMs: await settle(url) });
      };
      await warmUp(target);
      const m = await drive(target, { connections, duration }, maillage.child.pid);
      log({ msg: "maillage", query: query.name, ...m, settleMs: await settle(url) });
      let bm: Measure | null = null;
      if (baselineTargetOf) {
        await warmUp(baselineTargetOf);
        bm = await drive(baselineTargetOf, { connections, duration });
        log({ msg: "baseline", query: query.name, ...bm, settleMs: await settle(url) });
      }
      const fixed = await drive(target, { connections: Math.min(connections, rate), duration, rate }, maillage.child.pid);
      log({ msg: "maillage at fixed rate", query: query.name, rate, ...fixed, settleMs: await settle(url) });
      rows.push({ query, maillage: m, fixedRate: fixed, baseline: bm, statementsOnce, check, sampleMs, baselineSampleMs });
    }
  } finally {
    await stop(baseline.child);
    await stop(maillage.child);
  }

  // Every statement of the mix EXPLAINed (after the load: the write then finds its association's current version).
  const explained = await explainMix(url, variables, { publicKey: jwk, issuer: ISSUER, audience: AUDIENCE, token });
  log({ msg: "explained", explained });

  // Start-up on PGlite: a first start creates the folder (migrations, reference data), the second opens it.
  let pglite: { fresh: number; existing: number } | null = null;
  if (!process.argv.includes("--no-pglite")) {
    const dir = path.join(ROOT, ".tmp", "bench", "pglite");
    fs.rmSync(dir, { recursive: true, force: true });
    const first = await startMaillage(null, jwk, dir);
    await stop(first.child);
    const second = await startMaillage(null, jwk, dir);
    await stop(second.child);
    pglite = { fresh: first.startupMs, existing: second.startupMs };
    log({ msg: "PGlite start-up", ...pglite });
  }

  const peakRss = Math.max(...rows.map((r) => Math.max(r.maillage.peakRssMb, r.fixedRate.peakRssMb)));
  const date = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const table = [
    `| query | one request alone: Maillage / baseline ms | Maillage req/s (${connections} conn.) | p50 / p95 / p99 ms | errors | p50 / p95 / p99 ms at ${rate} req/s | SQL statements / request (target) | baseline req/s | baseline p50 / p95 ms | efficiency | same JSON as baseline |`,
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const eff = r.baseline && r.baseline.rps > 0 ? (r.maillage.rps / r.baseline.rps).toFixed(2) : "-";
      return `| ${r.query.name} | ${fmt(r.sampleMs)} / ${fmt(r.baselineSampleMs)} | ${fmt(r.maillage.rps, 1)} | ${fmt(r.maillage.p50)} / ${fmt(r.maillage.p95)} / ${fmt(r.maillage.p99)} | ` +
        `${r.maillage.errors + r.fixedRate.errors}${r.maillage.requests === 0 || r.fixedRate.requests === 0 ? ` (none answered within ${duration} s: ${r.maillage.unfinished + r.fixedRate.unfinished} unfinished)` : ""} | ${fmt(r.fixedRate.p50)} / ${fmt(r.fixedRate.p95)} / ${fmt(r.fixedRate.p99)} | ` +
        `${fmt(r.maillage.statements ?? r.statementsOnce, 1)} (${r.query.relationLevels + 1}) | ${r.baseline ? fmt(r.baseline.rps, 1) : "-"} | ` +
        `${r.baseline ? `${fmt(r.baseline.p50)} / ${fmt(r.baseline.p95)}` : "-"} | ${eff} | ${r.query.kind === "write" ? "(write)" : r.check === "same JSON" ? "yes" : `**no**: ${r.check.replace(/\|/g, "\\|")}`} |`;
    }),
  ].join("\n");
  const report = [
    `## Run of ${date}, scale ${scale}`,
    "",
    `Command: \`npm run bench -- --scale ${scale} --duration ${duration} --warmup ${warmup} --connections ${connections} --rate ${rate}\``,
    "",
    `Machine: ${machine()}.`,
    "",
    `Data (database \`${url.replace(/^.*\//, "")}\`, ${counts.size}): ${fmt(counts.associations)} associations, ${fmt(counts.partners)} partners, ` +
      `${fmt(counts.projects)} projects with ${fmt(counts.participants)} participants, ${fmt(counts.events)} events, ` +
      `${fmt(counts.memberships)} memberships, ${fmt(counts.signatures)} charter signatures.` +
      (generated ? ` Generated and loaded in this run: ${(generated.totalMs / 1000).toFixed(0)} s (schema and reference data ${(generated.referenceMs / 1000).toFixed(0)} s, ` +
        `COPY ${(generated.copyMs / 1000).toFixed(0)} s, indexes ${(generated.indexMs / 1000).toFixed(0)} s, ANALYZE ${(generated.analyzeMs / 1000).toFixed(0)} s).` : ""),
    "",
    `Variables: QPV \`${variables.qpvCode}\` with theme \`${variables.themeCode}\`, département \`${variables.departmentCode}\`, network #${variables.networkKey}, ` +
      `association #${variables.associationKey}, search "${variables.searchText}".`,
    "",
    `Server: ${BUILT ? "the build (`node dist/server/main.js`, as `npm start` runs it after `npm run build`)" : "the TypeScript sources through swc (`node -r @swc-node/register server/main.ts`): start-up includes compiling them"}.`,
    "",
    `Maillage start-up on PostgreSQL (spawn to /readyz 200): **${fmt(maillage.startupMs)} ms**. Server RSS: ${idleRss} MB idle after start-up, ` +
      `**${peakRss} MB** peak under load.` +
      (pglite ? ` Start-up on PGlite (reference data only, no benchmark dataset; \`--no-pglite\` skips it): ${fmt(pglite.fresh)} ms creating the folder, ` +
        `**${fmt(pglite.existing)} ms** on the existing folder.` : ""),
    "",
    table,
    "",
    "Plans (`bench/explain-mix.ts`: each query sent once through Maillage in the harness process, every statement it sent EXPLAINed with its parameters):",
    "",
    "| query | statements | sequential scans of tables over 10,000 rows | indexes used |",
    "|---|---|---|---|",
    ...explained.map((e) => `| ${e.query} | ${e.statements} | ${e.largeSeqScans.length ? `**${e.largeSeqScans.join(", ")}**` : "none"} | ${e.indexes.map((i) => `\`${i}\``).join(", ")} |`),
    "",
  ].join("\n");
  console.log("\n" + report);
  const file = path.join(ROOT, "bench", "RESULTS.md");
  const head = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const marker = "<!-- runs -->";
  fs.writeFileSync(file, head.includes(marker) ? head.replace(marker, `${marker}\n\n${report}`) : `# Benchmark results\n\n${marker}\n\n${report}`);
  log({ msg: "written", file: path.relative(ROOT, file) });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
