import "reflect-metadata";
import path from "node:path";
import { Pool } from "pg";
import { createPgCluster, createPgReplica, PgCluster } from "../chaos/pg-cluster";
import { benchAuth, cpuOfQuery, fmt } from "./harness/cpu";
import { drive, median } from "./harness/measure";
import { BENCH_ROOT, freePort, loadAverage, log, machine, MAILLAGE_EXCEPTIONS, option, prependRun, shellArgs, Started, startMaillage, stop, versionsFromArgs } from "./harness/servers";
import { maillageTarget, WriteState } from "./harness/targets";
import { pickVariables, QUERIES } from "./queries";

/**
 * `npm run bench -- --replica [options]`: reads spread over a PostgreSQL primary and a streaming
 * replica, and what the routing costs (docs/operations.md, "Read replicas"). A primary and a
 * `pg_basebackup -R` replica of the run's own (chaos/pg-cluster.ts: own folders and ports, removed at
 * the end), filled with the demo data by Maillage's first start. Three production-like servers:
 *   - `routed`: DATABASE_URL = the primary, DATABASE_REPLICA_URLS = the replica (queries go to the replica);
 *   - `direct`: DATABASE_URL = the replica itself (a read-only server: the same reads, no routing);
 *   - `primary`: DATABASE_URL = the primary, no replica.
 * Each read of the mix is driven at C connections on each server in interleaved rounds; the routing
 * overhead is 1 - routed req/s ÷ direct req/s (same PostgreSQL server answering, target under 5%).
 *
 * Options: --duration S (5, per round), --rounds R (3), --warmup S (2), --connections C (10), --only a,b,
 * --record "note" (prepend the table to bench/RESULTS.md).
 */
export async function main(): Promise<void> {
  const duration = Number(option("--duration") ?? 5);
  const rounds = Number(option("--rounds") ?? 3);
  const warmup = Number(option("--warmup") ?? 2);
  const connections = Number(option("--connections") ?? 10);
  const cpuRequests = Number(option("--cpu-requests") ?? 100);
  const only = option("--only")?.split(",");
  const record = option("--record");
  const loadBefore = loadAverage();
  const started = Date.now();
  const [version] = versionsFromArgs();
  const { jwk, token } = await benchAuth();
  let primary: PgCluster | undefined;
  let replica: PgCluster | undefined;
  const servers: { name: string; server: Started }[] = [];
  const rows: { query: string; rps: Record<string, number>; errors: number; cpu: Record<string, number | null>; medianMs: Record<string, number> }[] = [];
  let routedReads = "";
  try {
    primary = await createPgCluster();
    // Maillage's first start fills the primary (migrations, reference and demo data); the replica copies it.
    const filler = await startMaillage(version, { databaseUrl: primary.databaseUrl, publicKey: jwk, responseCache: false, demoData: true });
    await stop(filler.child);
    replica = await createPgReplica(primary);
    const pool = new Pool({ connectionString: primary.databaseUrl, max: 1 });
    const variables = await pickVariables(pool);
    await pool.end();
    const metricsPort = await freePort();
    const settings = (name: string) => ({ publicKey: jwk, responseCache: false, logFile: path.join(BENCH_ROOT, ".tmp", "bench", `replica-${name}.log`) });
    servers.push({ name: "routed", server: await startMaillage(version, { ...settings("routed"), databaseUrl: primary.databaseUrl, env: { DATABASE_REPLICA_URLS: replica.databaseUrl, MAILLAGE_METRICS_PORT: String(metricsPort) } }) });
    servers.push({ name: "direct", server: await startMaillage(version, { ...settings("direct"), databaseUrl: replica.databaseUrl }) });
    servers.push({ name: "primary", server: await startMaillage(version, { ...settings("primary"), databaseUrl: primary.databaseUrl }) });
    log({ msg: "servers ready", servers: servers.map((s) => ({ name: s.name, startupMs: s.server.startupMs })) });
    const writes = new WriteState(variables.writeKeys, variables.writeVersions);

    for (const query of QUERIES) {
      if (query.kind !== "read" || (only && !only.includes(query.name))) continue;
      const runs: Record<string, number[]> = {};
      let errors = 0;
      for (const { server } of servers) await drive(maillageTarget(server.port, query, variables, token, writes), { connections, duration: warmup });
      for (let round = 0; round < rounds; round++) {
        // Each round starts with another server: no server always follows the same one.
        for (const { name, server } of servers.map((_, i) => servers[(i + round) % servers.length])) {
          const measure = await drive(maillageTarget(server.port, query, variables, token, writes), { connections, duration });
          (runs[name] ??= []).push(measure.rps);
          errors += measure.errors;
        }
      }
      const rps = Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values)]));
      // CPU per request of each server process, requests one after another in turn: steadier than
      // throughput on a shared machine (what other processes take shows in req/s, not in CPU time).
      const lanes = servers.map(({ name, server }) => ({ version: { ...version, label: name }, server }));
      const cpuRows = await cpuOfQuery(query, lanes, null, variables, token, writes, { requests: cpuRequests, warmup: 10, maxSeconds: 20, minRequests: 10 });
      const cpu = Object.fromEntries(cpuRows.map((r) => [r.version, r.cpuMsPerRequest]));
      const medianMs = Object.fromEntries(cpuRows.map((r) => [r.version, r.medianMs]));
      errors += cpuRows.reduce((sum, r) => sum + r.errors, 0);
      rows.push({ query: query.name, rps, errors, cpu, medianMs });
      log({ msg: "measured", query: query.name, rps, cpu, medianMs, errors, overhead: 1 - rps.routed / rps.direct, cpuOverhead: cpu.routed! / cpu.direct! - 1 });
    }
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    routedReads = [...metrics.matchAll(/^maillage_db_routed_reads_total\{pool="([^"]+)"\} (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`).join(", ");
  } finally {
    for (const { server } of servers) await stop(server.child);
    replica?.destroy();
    primary?.destroy();
  }
  const overheads = rows.map((r) => 1 - r.rps.routed / r.rps.direct);
  const total = (name: string) => rows.reduce((sum, r) => sum + (r.cpu[name] ?? 0), 0);
  const cpuOverheads = rows.map((r) => (r.cpu.routed !== null && r.cpu.direct ? r.cpu.routed! / r.cpu.direct - 1 : NaN));
  const report = [
    `## Read replica run of ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC (\`npm run bench -- --replica\`, demo data)`,
    "",
    ...(record ? [`What changed: ${record}`, ""] : []),
    `Command: \`npm run bench -- ${shellArgs()}\` (${((Date.now() - started) / 1000).toFixed(0)} s). Machine: ${machine()}. ` +
      `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAverage()}. Version: ${version.describe}, ${version.commit}.`,
    "",
    `A primary and a \`pg_basebackup -R\` streaming replica of the run's own (PostgreSQL 15, same machine), demo data. Maillage as in production: ${MAILLAGE_EXCEPTIONS}. ` +
      `Median req/s of ${rounds} interleaved rounds of ${duration} s at ${connections} connections per server (after ${warmup} s of warm-up each; each round starts with the next server): \`routed\` reads through DATABASE_REPLICA_URLS, ` +
      `\`direct\` has the replica as its DATABASE_URL (same reads, same PostgreSQL server, no routing), \`primary\` has no replica. ` +
      `Routing overhead = 1 − routed ÷ direct (target: under 5%). Statements of the routed server's reads, by pool: ${routedReads || "(not read)"}.`,
    "",
    `CPU = utime + stime of each server process over ${cpuRequests} requests sent one after another, the three servers in turn (its monitor's polls included for \`routed\`); ` +
      "CPU overhead = routed CPU ÷ direct CPU − 1.",
    "",
    "| query | routed req/s | direct req/s | primary req/s | overhead (req/s) | routed CPU ms/req | direct CPU ms/req | primary CPU ms/req | overhead (CPU) | median ms routed / direct | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r, i) => `| ${r.query} | ${fmt(r.rps.routed, 1)} | ${fmt(r.rps.direct, 1)} | ${fmt(r.rps.primary, 1)} | ${fmt(overheads[i] * 100, 1)}% | ` +
      `${fmt(r.cpu.routed, 2)} | ${fmt(r.cpu.direct, 2)} | ${fmt(r.cpu.primary, 2)} | ${fmt(cpuOverheads[i] * 100, 1)}% | ${fmt(r.medianMs.routed, 1)} / ${fmt(r.medianMs.direct, 1)} | ${r.errors} |`),
    "",
    `Median overhead over the reads: ${fmt(median(overheads) * 100, 1)}% in req/s, ${fmt(median(cpuOverheads) * 100, 1)}% in CPU per request. ` +
      `CPU per request summed over the mix: routed ${fmt(total("routed"), 1)} ms, direct ${fmt(total("direct"), 1)} ms, primary ${fmt(total("primary"), 1)} ms; ` +
      `routed ÷ primary − 1 = ${fmt((total("routed") / total("primary") - 1) * 100, 1)}% (the same work for the Node process, with and without routing), ` +
      `primary ÷ direct − 1 = ${fmt((total("primary") / total("direct") - 1) * 100, 1)}% (two servers without routing: the noise floor). On one 2-core machine the replica shares the CPUs of the primary and the servers: ` +
      "the figures measure the routing, not a gain in capacity (a replica on other cores adds its CPUs to the reads).",
  ].join("\n");
  console.log(`\n${report}`);
  if (record) log({ msg: "written", file: prependRun(report) });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
