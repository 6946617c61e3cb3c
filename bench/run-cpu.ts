import "reflect-metadata";
import path from "node:path";
import { Pool } from "pg";
import { benchAuth, comparisonTable, cpuOfQuery, cpuTable, CpuRow, fmt, logFileOf, trivialCpu, VersionServer } from "./harness/cpu";
import { idleCpu } from "./harness/measure";
import {
  BENCH_ROOT, CPU_RESOLUTION_MS, datasetPresent, ensureDatabase, loadAverage, log, machine, MAILLAGE_EXCEPTIONS, option, prependRun, shellArgs, Started, startBaseline, startMaillage, stop,
  versionsFromArgs,
} from "./harness/servers";
import { WriteState } from "./harness/targets";
import { pickVariables, QUERIES } from "./queries";

/**
 * `npm run bench:cpu [-- options]` (or `npm run bench -- --quick`): the quick bench, for comparing engine
 * changes. On the demo data (a PostgreSQL database `maillage_bench_demo`, created and filled by
 * Maillage's own start-up with migrations, reference and demo data when missing; or --database-url),
 * every query of the mix is sent one request after another to each version and to the raw-SQL baseline
 * in turn, and each process's CPU time is read from /proc: CPU per request and per returned object, SQL
 * statements per request (from the request log), median latency against raw SQL, and whether the JSON
 * is the baseline's. Then `{ __typename }` on a production instance of each version. A minute or two.
 *
 * Options:
 *   --checkout DIR        a checkout to measure (repeatable: versions compared in one run, requests
 *                         interleaved); its build, rebuilt first if stale, as `npm start` runs it
 *   --server-entry FILE   an entry file to run instead (repeatable; .ts through swc)
 *   --source              run checkouts from their TypeScript sources (swc) instead of their build
 *   --database-url URL    an existing database (default: maillage_bench_demo on 127.0.0.1:5432)
 *   --fresh               drop and recreate maillage_bench_demo first
 *   --requests N          measured requests per query and version (100)
 *   --warmup N            unmeasured requests first (20)
 *   --max-seconds S       per query, stop after S seconds once 10 requests are done (15)
 *   --trivial-requests N  `{ __typename }` requests (2000, after 200 unmeasured)
 *   --only a,b            some queries of the mix
 *   --record "note"       also prepend the table to bench/RESULTS.md with this note (what changed)
 *   --cpu-prof            V8 CPU profiles of the servers, in .tmp/bench/profiles (written when they stop)
 */
export async function main(): Promise<void> {
  const requests = Number(option("--requests") ?? 100);
  const warmup = Number(option("--warmup") ?? 20);
  const maxSeconds = Number(option("--max-seconds") ?? 15);
  const trivialRequests = Number(option("--trivial-requests") ?? 2000);
  const only = option("--only")?.split(",");
  const record = option("--record");
  const loadBefore = loadAverage();
  const started = Date.now();

  const url = option("--database-url") ?? process.env.DATABASE_URL ?? (await ensureDatabase("maillage_bench_demo", process.argv.includes("--fresh")));
  const fill = !(await datasetPresent(url));
  const versions = versionsFromArgs();
  const { jwk, token } = await benchAuth();
  log({ msg: "versions", versions: versions.map((v) => ({ label: v.label, run: v.describe, commit: v.commit })), database: url.replace(/^.*\//, ""), fill });

  const servers: VersionServer[] = [];
  let baseline: Started | null = null;
  const rows: CpuRow[] = [];
  try {
    // One at a time: the first fills an empty database (migrations, reference and demo data) before the others start.
    for (const version of versions) {
      const server = await startMaillage(version, { databaseUrl: url, publicKey: jwk, responseCache: false, demoData: true, logFile: logFileOf(version, "cpu") });
      servers.push({ version, server });
      log({ msg: "Maillage ready", version: version.label, startupMs: server.startupMs, pid: server.child.pid });
    }
    baseline = await startBaseline(url);
    const pool = new Pool({ connectionString: url, max: 1 });
    const variables = await pickVariables(pool);
    await pool.end();
    log({ msg: "variables", ...variables, writeKeys: variables.writeKeys.length, writeVersions: undefined });
    const writes = new WriteState(variables.writeKeys, variables.writeVersions);
    for (const s of servers) s.idleMsPerSecond = await idleCpu(s.server.child.pid!, 2000);

    for (const query of QUERIES) {
      if (only && !only.includes(query.name)) continue;
      if (query.kind === "write") await writes.sync(url);
      const result = await cpuOfQuery(query, servers, baseline, variables, token, writes, { requests, warmup, maxSeconds, minRequests: 10 });
      for (const r of result) log({ msg: "measured", query: query.name, version: r.version, requests: r.requests, errors: r.errors, objects: r.objects,
        statements: r.statements, cpuMsPerRequest: r.cpuMsPerRequest, cpuUsPerObject: r.cpuUsPerObject, medianMs: r.medianMs, rawMedianMs: r.rawMedianMs, check: r.check });
      rows.push(...result);
    }
  } finally {
    if (baseline) await stop(baseline.child);
    for (const s of servers) await stop(s.server.child);
  }
  const trivial = await trivialCpu(versions, url, jwk, { requests: trivialRequests, warmup: 200, maxSeconds: 60, minRequests: 100 });
  const loadAfter = loadAverage();

  const report = [
    `## Quick CPU run of ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC (\`npm run bench:cpu\`, demo data)`,
    "",
    ...(record ? [`What changed: ${record}`, ""] : []),
    `Command: \`npm run bench:cpu -- ${shellArgs()}\` (${((Date.now() - started) / 1000).toFixed(0)} s). Machine: ${machine()}.`,
    `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}. Database \`${url.replace(/^.*\//, "")}\`.`,
    "",
    ...versions.map((v, i) => `Version ${v.label}: ${v.describe}, ${v.commit}; idle CPU ${fmt(servers[i]?.idleMsPerSecond, 1)} ms/s (background timers, counted in its figures).`),
    "",
    `Maillage as in production: ${MAILLAGE_EXCEPTIONS}. Requests one after another, the versions and the raw-SQL baseline in turn; ` +
      `CPU = utime + stime of the server process (/proc/<pid>/stat, ${fmt(CPU_RESOLUTION_MS, 0)} ms ticks) over the run / requests; objects = every JSON object in \`data\` (wrappers included).`,
    "",
    cpuTable(rows, trivial),
    "",
    comparisonTable(rows, trivial, versions.map((v) => v.label)),
  ].join("\n");
  console.log(`\n${report}`);
  if (record) {
    const file = prependRun(report);
    log({ msg: "written", file: path.relative(BENCH_ROOT, file) });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
