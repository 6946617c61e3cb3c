import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Pool } from "pg";
import { benchDatabaseName, generateDataset, GenerateReport, recreateDatabase } from "./data/generate";
import { explainMix } from "./explain-mix";
import { benchAuth, cpuOfQuery, CpuRow, fmt, logFileOf, statementsCell, TARGETS, trivialCpu, TrivialRow, verdict } from "./harness/cpu";
import { difference, drive, idleCpu, Measure, median, objectsOfData } from "./harness/measure";
import {
  AUDIENCE, BENCH_ROOT, CPU_RESOLUTION_MS, datasetPresent, ISSUER, loadAverage, log, machine, MAILLAGE_EXCEPTIONS, option, POSTGRES_SERVER, prependRun, rssMb, settle, shellArgs,
  startBaseline, startMaillage, stop, versionsFromArgs,
} from "./harness/servers";
import { baselineTarget, maillageTarget, Target, WriteState } from "./harness/targets";
import { BenchQuery, pickVariables, QUERIES } from "./queries";

/**
 * `npm run bench [-- --scale N] [options]`: the national-scale bench (issues 7 and 17). `npm run bench -- --quick`
 * is the quick one on the demo data (bench/run-cpu.ts); `npm run bench -- --replica` reads through a streaming
 * replica and measures the routing's cost (bench/replica-routing.ts).
 *
 * Starts Maillage as in production (see MAILLAGE_EXCEPTIONS) on PostgreSQL with the benchmark dataset
 * (generated first if its database is missing or empty) and the raw-SQL baseline (named prepared
 * statements), each as its own process. Per query of the mix: one request to each, whose JSON must be the
 * same; throughput at C connections in interleaved rounds (Maillage, raw, Maillage, raw...: R rounds of S
 * seconds each, after a discarded warm-up of each), efficiency = median Maillage req/s / median raw req/s;
 * latency at a fixed rate on Maillage; then requests one after another, Maillage and raw in turn: median
 * latency of one request alone, CPU time per request and per returned object of each process, and SQL
 * statements per request from Maillage's request log. Then `{ __typename }` on a production instance,
 * EXPLAIN of every statement of the mix and the start-up on PGlite. Writes bench/RESULTS.md.
 *
 * Options: --scale N (1), --database-url URL, --regenerate, --duration S (10, per round), --rounds R (3),
 * --warmup S (5), --connections C (10), --rate R (20; 0: no fixed-rate run), --only a,b,
 * --cpu-requests N (200 per query, after 10 unmeasured), --cpu-seconds S (30 per query, at least 5 requests),
 * --trivial-requests N (2000), --checkout DIR | --server-entry FILE | --source (which Maillage),
 * --note "what changed" (written with the run), --no-pglite, --no-explain, --no-write (leave RESULTS.md alone).
 */

interface Row {
  query: BenchQuery;
  /** Throughput rounds, in order: Maillage's and the baseline's (reads). */
  maillage: Measure[];
  baseline: Measure[];
  fixedRate: Measure | null;
  cpu: CpuRow;
  check: string;
}

const rpsOf = (runs: Measure[]) => median(runs.map((m) => m.rps));
/** The round whose Maillage throughput is the median one (its latencies are printed). */
const medianRun = (runs: Measure[]) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)];
const efficiencyOf = (r: Row) => (r.baseline.length && rpsOf(r.baseline) > 0 ? rpsOf(r.maillage) / rpsOf(r.baseline) : null);

async function main(): Promise<void> {
  if (process.argv.includes("--quick")) {
    await (await import("./run-cpu")).main();
    return;
  }
  if (process.argv.includes("--replica")) {
    await (await import("./replica-routing")).main();
    return;
  }
  const scale = Number(option("--scale") ?? 1);
  const duration = Number(option("--duration") ?? 10);
  const rounds = Number(option("--rounds") ?? 3);
  const warmup = Number(option("--warmup") ?? 5);
  const connections = Number(option("--connections") ?? 10);
  const rate = Number(option("--rate") ?? 20);
  const cpuRequests = Number(option("--cpu-requests") ?? 200);
  const cpuSeconds = Number(option("--cpu-seconds") ?? 30);
  const trivialRequests = Number(option("--trivial-requests") ?? 2000);
  const only = option("--only")?.split(",");
  const note = option("--note");
  const loadBefore = loadAverage();
  const runStarted = Date.now();
  const name = benchDatabaseName(scale);
  const url = option("--database-url") ?? POSTGRES_SERVER.replace(/\/postgres$/, `/${name}`);
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
  const writes = new WriteState(variables.writeKeys, variables.writeVersions);

  const { jwk, token } = await benchAuth();
  const [version] = versionsFromArgs();
  const maillage = await startMaillage(version, { databaseUrl: url, publicKey: jwk, responseCache: false, logFile: logFileOf(version, "bench") });
  log({ msg: "Maillage ready", version: version.label, startupMs: maillage.startupMs, pid: maillage.child.pid });
  const baseline = await startBaseline(url);
  const idleRss = rssMb(maillage.child.pid!);
  const idleMsPerSecond = await idleCpu(maillage.child.pid!, 3000);
  const rows: Row[] = [];
  try {
    for (const query of QUERIES) {
      if (only && !only.includes(query.name)) continue;
      const target = maillageTarget(maillage.port, query, variables, token, writes);
      const raw: Target | null = query.kind === "read" ? baselineTarget(baseline.port, query, variables) : null;
      // One request to each first: their answers must be the same JSON before anything is timed.
      const answer = async (t: Target) => (await fetch(t.url, { method: "POST", headers: t.headers, body: t.body() })).json() as Promise<{ data?: unknown; errors?: unknown }>;
      const once = await answer(target);
      let check = once.errors ? `Maillage error: ${JSON.stringify(once.errors).slice(0, 300)}` : "(write)";
      if (raw) {
        const b = await answer(raw);
        if (b.errors) check = `baseline error: ${JSON.stringify(b.errors).slice(0, 300)}`;
        else if (!once.errors) check = difference(once.data, b.data) ?? "same JSON";
      }
      log({ msg: "checked", query: query.name, check, objects: objectsOfData(once.data) });

      // Each server warmed up at the same load first (the caches its own statements fill), then the rounds
      // in turn, so that a change in the machine's load falls on both.
      const sync = async () => {
        if (query.kind === "write") await writes.sync(url);
      };
      const warmUp = async (t: Target) => {
        if (warmup <= 0) return;
        await sync();
        const w = await drive(t, { connections, duration: warmup });
        log({ msg: "warm-up", query: query.name, url: t.url, requests: w.requests, settleMs: await settle(url) });
      };
      await warmUp(target);
      if (raw) await warmUp(raw);
      const m: Measure[] = [], b: Measure[] = [];
      for (let round = 0; round < rounds; round++) {
        await sync();
        m.push(await drive(target, { connections, duration }, maillage.child.pid));
        log({ msg: "maillage", query: query.name, round, ...m[round], settleMs: await settle(url) });
        if (raw) {
          b.push(await drive(raw, { connections, duration }));
          log({ msg: "baseline", query: query.name, round, ...b[round], settleMs: await settle(url) });
        }
      }
      let fixed: Measure | null = null;
      if (rate > 0) {
        await sync();
        fixed = await drive(target, { connections: Math.min(connections, rate), duration, rate }, maillage.child.pid);
        log({ msg: "maillage at fixed rate", query: query.name, rate, ...fixed, settleMs: await settle(url) });
      }
      await sync();
      const [cpu] = await cpuOfQuery(query, [{ version, server: maillage }], baseline, variables, token, writes,
        { requests: cpuRequests, warmup: 10, maxSeconds: cpuSeconds, minRequests: 5 });
      const { query: _query, ...measured } = cpu;
      log({ msg: "one request after another", query: query.name, ...measured, settleMs: await settle(url) });
      rows.push({ query, maillage: m, baseline: b, fixedRate: fixed, cpu, check });
    }
  } finally {
    await stop(baseline.child);
    await stop(maillage.child);
  }

  const trivial: TrivialRow[] = await trivialCpu([version], url, jwk, { requests: trivialRequests, warmup: 200, maxSeconds: 120, minRequests: 100 });
  log({ msg: "trivial request", ...trivial[0] });

  // Every statement of the mix EXPLAINed (after the load: the write then finds its association's current version).
  const explained = process.argv.includes("--no-explain") ? [] : await explainMix(url, variables, { publicKey: jwk, issuer: ISSUER, audience: AUDIENCE, token });
  if (explained.length) log({ msg: "explained", explained });

  // Start-up on PGlite: a first start creates the folder (migrations, reference data), the second opens it.
  let pglite: { fresh: number; existing: number } | null = null;
  if (!process.argv.includes("--no-pglite")) {
    const dir = path.join(BENCH_ROOT, ".tmp", "bench", "pglite");
    fs.rmSync(dir, { recursive: true, force: true });
    const first = await startMaillage(version, { databaseUrl: null, dataDir: dir, publicKey: jwk, responseCache: false, development: true });
    await stop(first.child);
    const second = await startMaillage(version, { databaseUrl: null, dataDir: dir, publicKey: jwk, responseCache: false, development: true });
    await stop(second.child);
    pglite = { fresh: first.startupMs, existing: second.startupMs };
    log({ msg: "PGlite start-up", ...pglite });
  }
  const loadAfter = loadAverage();

  const peakRss = Math.max(...rows.flatMap((r) => [...r.maillage.map((x) => x.peakRssMb), r.fixedRate?.peakRssMb ?? 0, r.cpu.peakRssMb]));
  const date = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const reads = rows.filter((r) => r.query.kind === "read");
  const t = TARGETS;
  const table = [
    `| query | levels | SQL statements / request (target) | objects / request | CPU ms / request | CPU µs / object (target < ${t.cpuPerObjectUs}) | ` +
      `one request alone, median ms: Maillage / raw (ratio, target ≤ ${t.singleRequestRatio}) | raw CPU ms / request | ` +
      `Maillage req/s (${connections} conn., median of ${rounds}) | raw req/s | efficiency (target ≥ ${t.efficiency}) [each round] | ` +
      `Maillage p50 / p95 ms (${connections} conn.) | p50 / p95 ms at ${rate} req/s | errors | same JSON as raw |`,
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const c = r.cpu;
      const eff = efficiencyOf(r);
      const perRound = r.baseline.length ? r.maillage.map((x, i) => (r.baseline[i]?.rps ? (x.rps / r.baseline[i].rps).toFixed(2) : "-")).join(", ") : "";
      const ratio = c.rawMedianMs ? c.medianMs / c.rawMedianMs : null;
      const mid = medianRun(r.maillage);
      const errors = r.maillage.reduce((n, x) => n + x.errors, 0) + (r.fixedRate?.errors ?? 0) + c.errors;
      const unanswered = r.maillage.some((x) => x.requests === 0) ? ` (a round without an answer within ${duration} s)` : "";
      return `| ${r.query.name} | ${r.query.relationLevels} | ${statementsCell(c)} | ${fmt(c.objects)} | ${fmt(c.cpuMsPerRequest, 2)} | ` +
        `${r.query.kind === "write" ? "-" : `${fmt(c.cpuUsPerObject, 1)}${(c.cpuUsPerObject ?? 0) >= t.cpuPerObjectUs ? " **over**" : ""}`} | ` +
        `${fmt(c.medianMs, 1)} / ${fmt(c.rawMedianMs, 1)}${ratio === null ? "" : ` (${fmt(ratio, 2)}${ratio > t.singleRequestRatio ? " **over**" : ""})`} | ${fmt(c.rawCpuMsPerRequest, 2)} | ` +
        `${fmt(rpsOf(r.maillage), 1)} | ${r.baseline.length ? fmt(rpsOf(r.baseline), 1) : "-"} | ` +
        `${eff === null ? "-" : `${fmt(eff, 2)}${eff < t.efficiency ? " **under**" : ""} [${perRound}]`} | ${fmt(mid.p50)} / ${fmt(mid.p95)} | ` +
        `${r.fixedRate ? `${fmt(r.fixedRate.p50)} / ${fmt(r.fixedRate.p95)}` : "-"} | ${errors}${unanswered}${c.firstError ? `: ${c.firstError.replace(/\|/g, "\\|").slice(0, 150)}` : ""} | ` +
        `${r.query.kind === "write" ? "(write)" : r.check === "same JSON" && c.check === "same JSON" ? "yes" : `**no**: ${(r.check === "same JSON" ? c.check : r.check).replace(/\|/g, "\\|")}`} |`;
    }),
    ...trivial.map((tr) => `| \`{ __typename }\` (production instance) | 0 | - | 0 | ${fmt(tr.cpuMsPerRequest, 3)}${tr.cpuMsPerRequest >= t.trivialCpuMs ? " **over**" : ""} (target < ${t.trivialCpuMs}) | - | ` +
      `${fmt(tr.medianMs, 2)} / - | - | - | - | - | - | - | ${tr.errors}${tr.firstError ? `: ${tr.firstError.slice(0, 150)}` : ""} | - |`),
  ].join("\n");

  // Where each target of issue 17 stands in this run.
  const worst = <T>(items: T[], value: (x: T) => number | null, highest = true) =>
    items.filter((x) => value(x) !== null).sort((a, b) => (highest ? value(b)! - value(a)! : value(a)! - value(b)!))[0];
  const perObject = reads.filter((r) => r.cpu.cpuUsPerObject !== null);
  const worstObject = worst(perObject, (r) => r.cpu.cpuUsPerObject);
  const bestObject = worst(perObject, (r) => r.cpu.cpuUsPerObject, false);
  const effs = reads.filter((r) => efficiencyOf(r) !== null);
  const worstEff = worst(effs, efficiencyOf, false);
  const ratioOf = (r: Row) => (r.cpu.rawMedianMs ? r.cpu.medianMs / r.cpu.rawMedianMs : null);
  const worstRatio = worst(reads, ratioOf);
  const overStatements = reads.filter((r) => r.cpu.statements !== null && r.cpu.statements > r.query.relationLevels + 1);
  const targets = [
    "| target (issue 17) | this run | |",
    "|---|---|---|",
    `| CPU per returned object < ${t.cpuPerObjectUs} µs on every read | ${worstObject ? `${fmt(bestObject.cpu.cpuUsPerObject, 1)} (${bestObject.query.name}) to ${fmt(worstObject.cpu.cpuUsPerObject, 1)} µs (${worstObject.query.name})` : "-"} | ` +
      `${verdict(perObject.every((r) => r.cpu.cpuUsPerObject! < t.cpuPerObjectUs))} |`,
    ...trivial.map((tr) => `| CPU per trivial request (\`{ __typename }\`, production settings) < ${t.trivialCpuMs} ms | ${fmt(tr.cpuMsPerRequest, 3)} ms | ${verdict(tr.cpuMsPerRequest < t.trivialCpuMs)} |`),
    `| efficiency ≥ ${t.efficiency} on every read | lowest ${worstEff ? `${fmt(efficiencyOf(worstEff), 2)} (${worstEff.query.name})` : "-"} | ${verdict(effs.every((r) => efficiencyOf(r)! >= t.efficiency))} |`,
    `| one request alone ≤ ${t.singleRequestRatio} × raw (medians) | highest ${worstRatio ? `${fmt(ratioOf(worstRatio), 2)} (${worstRatio.query.name})` : "-"} | ${verdict(reads.every((r) => (ratioOf(r) ?? 0) <= t.singleRequestRatio))} |`,
    `| SQL statements per request ≤ 1 + relation levels | ${overStatements.length ? `over on ${overStatements.map((r) => `${r.query.name} ${fmt(r.cpu.statements, 1)} (${r.query.relationLevels + 1})`).join(", ")}` : "every read"} | ${verdict(!overStatements.length)} |`,
    `| server memory < ${t.memoryMb} MB | ${peakRss} MB peak (${idleRss} MB idle after start-up) | ${verdict(peakRss < t.memoryMb)} |`,
  ].join("\n");

  const report = [
    `## Run of ${date}, scale ${scale}`,
    "",
    ...(note ? [`**${note}**`, ""] : []),
    `Command: \`npm run bench -- ${shellArgs()}\` (${Math.round((Date.now() - runStarted) / 60_000)} min). ` +
      `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}.`,
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
    `Server: ${version.label}, ${version.describe}, ${version.commit}. As in production: ${MAILLAGE_EXCEPTIONS}. ` +
      `Its idle CPU (background timers, counted in its figures): ${fmt(idleMsPerSecond, 1)} ms/s. Raw SQL: named prepared statements over a pg pool of 10.`,
    "",
    `Maillage start-up on PostgreSQL (spawn to /readyz 200): **${fmt(maillage.startupMs)} ms**. Server RSS: ${idleRss} MB idle after start-up, ` +
      `**${peakRss} MB** peak under load.` +
      (pglite ? ` Start-up on PGlite (development settings, reference data only; \`--no-pglite\` skips it): ${fmt(pglite.fresh)} ms creating the folder, ` +
        `**${fmt(pglite.existing)} ms** on the existing folder.` : ""),
    "",
    `CPU = utime + stime of the server's process (/proc/<pid>/stat, ${fmt(CPU_RESOLUTION_MS, 0)} ms ticks) over up to ${cpuRequests} requests sent one after another ` +
      `(Maillage and raw in turn, at most ${cpuSeconds} s per query) / requests; objects = every JSON object in \`data\`, connection, edge and pageInfo wrappers included. ` +
      `Statements: Maillage's request log over the same requests.`,
    "",
    table,
    "",
    targets,
    "",
    ...(explained.length ? [
      "Plans (`bench/explain-mix.ts`: each query sent once through Maillage in the harness process, every statement it sent EXPLAINed with its parameters):",
      "",
      "| query | statements | sequential scans of tables over 10,000 rows | indexes used |",
      "|---|---|---|---|",
      ...explained.map((e) => `| ${e.query} | ${e.statements} | ${e.largeSeqScans.length ? `**${e.largeSeqScans.join(", ")}**` : "none"} | ${e.indexes.map((i) => `\`${i}\``).join(", ")} |`),
      "",
    ] : []),
  ].join("\n");
  console.log("\n" + report);
  if (process.argv.includes("--no-write")) return;
  const file = prependRun(report);
  log({ msg: "written", file: path.relative(BENCH_ROOT, file) });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
