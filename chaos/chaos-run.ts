import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { openDatabase } from "../server/database/data-source";
import { testIssuer } from "../tests/support/tokens";
import { AckLog } from "./ack-log";
import { postGraphql, sleep } from "./http";
import { checkAuditThroughApi, checkDashboard, checkDatabase, checkThroughApi, fetchDashboard, Sql } from "./invariants";
import { lostUpdateRound } from "./lost-update";
import { prepareDatabase } from "./prepare-database";
import { createPgCluster, createPgReplica, freePort, PgCluster } from "./pg-cluster";
import { Random } from "./random";
import { Engine, FaultKind, RunSummary } from "./report";
import { LIMITS_ENV, saturate } from "./saturation";
import { ServerControl } from "./server-control";
import { Violations } from "./violations";
import { COMMUNE, WorkloadClient, WorkloadContext } from "./workload";
import { write, Writer } from "./writes";

export interface ChaosOptions {
  engine: Engine;
  cycles: number;
  seed: number;
  /** Only these faults (default: every fault of the engine). */
  faults?: FaultKind[];
  /** Concurrent writing clients. */
  clients: number;
  /** Length of a cycle's write phase, fault included (the checks come after). */
  cycleSeconds: number;
  /** A PGlite folder to copy (migrated, with reference data) instead of preparing a new one. */
  pgliteTemplate?: string;
  /** PostgreSQL only: a streaming replica the server reads through, and its fault (replica-stop). */
  replica?: boolean;
  /** Resident memory the server must stay under while flooded. */
  rssBoundMb: number;
  /** Where the clients' acknowledgement log goes (JSON lines); in the run's temporary folder, removed at the end, if not given. */
  ackLogFile?: string;
  /** Where to keep the server's log when it fails to recover (default: the run's temporary folder). */
  diagnosticsDir?: string;
  /** The command line, for the report. */
  command: string;
  /** Progress lines (one per cycle, and every violation). */
  print(line: string): void;
}

/** Things to undo if the run is interrupted (Ctrl-C): the server process, the PostgreSQL cluster, the temporary folder. */
const cleanups = new Set<() => void>();
export function cleanUpNow(): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: we are exiting
    }
  }
  cleanups.clear();
}

/** The faults a cycle may inject on this engine, in a shuffled order repeated cycle after cycle (each kind in every round). */
export function faultKinds(engine: Engine, replica = false): FaultKind[] {
  return engine === "postgres" ? ["sigkill", "pg-stop", "saturate", ...(replica ? ["replica-stop" as const] : [])] : ["sigkill", "saturate"];
}

function faultSchedule(kinds: FaultKind[], cycles: number, random: Random): FaultKind[] {
  const schedule: FaultKind[] = [];
  while (schedule.length < cycles) schedule.push(...[...kinds].sort(() => random.next() - 0.5));
  return schedule.slice(0, cycles);
}

/**
 * Runs `cycles` fault cycles against a real server process and checks the invariants after each.
 * A cycle: clients write for `cycleSeconds` while one fault strikes at a random moment (SIGKILL of
 * the server then restart; PostgreSQL stopped abruptly then started; a flood beyond the limits);
 * the clients finish (resending lost writes with their keys); a lost-update race; then the
 * checks, through the API and in the database.
 */
export async function runChaos(options: ChaosOptions): Promise<RunSummary> {
  const random = new Random(options.seed);
  const startedAt = new Date();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-chaos-"));
  cleanups.add(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const tag = `chaos-${startedAt.toISOString().replace(/\D/g, "").slice(0, 14)}-${options.seed}`;
  const log = new AckLog(options.ackLogFile ?? path.join(workDir, "acknowledged.jsonl"));
  const violations = new Violations(options.print);
  const summary: RunSummary = {
    engine: options.engine, command: options.command, seed: options.seed, startedAt, durationMs: 0, cyclesPlanned: options.cycles, cyclesRun: 0,
    clients: options.clients, faults: { sigkill: 0, "pg-stop": 0, saturate: 0, "replica-stop": 0 }, log, violations,
    lostUpdate: { rounds: 0, winners: 0, conflicts: 0 }, restartMs: [], pgReadyMs: [], saturations: [], externalKills: 0,
  };
  let cluster: PgCluster | undefined;
  let replica: PgCluster | undefined;
  let server: ServerControl | undefined;
  try {
    // The database: a cluster of our own, or a PGlite folder kept for the whole run (what SIGKILL must not corrupt).
    const dataDir = path.join(workDir, "pglite");
    if (options.engine === "postgres") {
      cluster = await createPgCluster();
      const created = cluster;
      cleanups.add(() => created.destroy());
      await prepareDatabase({ databaseUrl: cluster.databaseUrl, dataDir: "" });
      if (options.replica) {
        replica = await createPgReplica(cluster);
        const made = replica;
        cleanups.add(() => made.destroy());
      }
    } else if (options.pgliteTemplate) {
      fs.cpSync(options.pgliteTemplate, dataDir, { recursive: true });
    } else {
      await prepareDatabase({ databaseUrl: undefined, dataDir });
    }
    const issuer = await testIssuer();
    server = new ServerControl(await freePort(), {
      ...(cluster ? { DATABASE_URL: cluster.databaseUrl } : { MAILLAGE_DATA_DIR: dataDir }),
      ...(replica ? { DATABASE_REPLICA_URLS: replica.databaseUrl } : {}),
      ...issuer.env,
      MAILLAGE_DEMO_DATA: "false", MAILLAGE_RESPONSE_CACHE: "false", MAILLAGE_SHUTDOWN_TIMEOUT_MS: "5000", ...LIMITS_ENV,
    });
    const running = server;
    cleanups.add(() => void running.kill());
    await server.start();

    // The network head every membership joins, written once by a setup identity.
    let cycle = 0;
    let sequence = 0;
    const setup: Writer = {
      name: "setup", log, url: () => running.url, cycle: () => cycle, token: () => setupToken,
      anomaly: (message) => violations.add(cycle, "acknowledged", `setup: ${message}`),
      outage: (message) => violations.add(cycle, "outage", `setup: ${message}`),
    };
    let setupToken = await issuer.admin(`${tag}-setup`);
    const network = await write(setup, "createAssociation", { name: `${tag} network`, grouping: "FEDERATION", communeInseeCode: COMMUNE });
    if (network.outcome !== "ack") throw new Error(`could not create the run's network head: ${JSON.stringify(network)}`);
    const ctx: WorkloadContext = { url: () => running.url, tag, networkId: network.id, log, violations, cycle: () => cycle, nextSequence: () => ++sequence };
    const clients = Array.from({ length: options.clients }, (_, i) => new WorkloadClient(`c${i + 1}`, ctx, new Random(options.seed * 1000 + i + 1)));
    const schedule = faultSchedule(options.faults ?? faultKinds(options.engine, options.replica), options.cycles, random);

    for (cycle = 1; cycle <= options.cycles; cycle++) {
      const cycleStarted = Date.now();
      for (const [i, client] of clients.entries()) client.setToken(await issuer.admin(`${tag}-c${i + 1}`));
      setupToken = await issuer.admin(`${tag}-setup`);
      if (!server.running) {
        try {
          await server.start();
        } catch (error) {
          violations.add(cycle, options.engine === "pglite" ? "dataFolder" : "recovery", `the server does not start: ${String(error).slice(0, 500)}`);
          summary.aborted = "the server could not start";
          break;
        }
      }

      // Writes, and the cycle's fault at a random moment.
      let stop = false;
      const writing = clients.map((client) => client.run(() => stop));
      const watching = watchForCrashes(server, () => stop, cycle, violations, options.diagnosticsDir ?? workDir, summary);
      const kind = schedule[cycle - 1];
      const faultAt = random.int(options.cycleSeconds * 200, options.cycleSeconds * 500);
      await sleep(faultAt);
      summary.faults[kind]++;
      let note = "";
      if (kind === "sigkill") {
        await server.kill();
        await sleep(random.int(100, 1500));
        try {
          const startMs = await server.start();
          summary.restartMs.push(startMs);
          note = `restarted in ${startMs} ms`;
        } catch (error) {
          violations.add(cycle, options.engine === "pglite" ? "dataFolder" : "recovery", `the server does not start after SIGKILL: ${String(error).slice(0, 500)}`);
          summary.aborted = "the server could not start after SIGKILL";
          stop = true;
          await Promise.all([...writing, watching]);
          break;
        }
      } else if (kind === "pg-stop") {
        cluster!.stopImmediate();
        await sleep(random.int(500, 3000));
        cluster!.start();
        const readyMs = await server.waitReady(60_000);
        if (readyMs === null) {
          const file = path.join(options.diagnosticsDir ?? workDir, `server-cycle-${cycle}.log`);
          fs.writeFileSync(file, server.logTail(2000).join("\n"));
          violations.add(cycle, "recovery", `the server is not ready 60 s after PostgreSQL came back (${await server.poolState()}); its log: ${file}`);
        }
        if (readyMs !== null) summary.pgReadyMs.push(readyMs);
        note = `ready ${readyMs} ms after PostgreSQL restarted`;
      } else if (kind === "replica-stop") {
        // Readers read acknowledged records while the replica is killed and started again.
        let reading = true;
        // Their own random numbers: how many they draw depends on timing, and must not shift the run's schedule.
        const readers = [1, 2].map((i) => readUntil(ctx, running, () => setupToken, () => !reading, new Random(options.seed * 7919 + cycle * 10 + i), cycle));
        await sleep(300);
        await replica!.crash();
        await sleep(random.int(500, 3000));
        replica!.start();
        await sleep(500);
        reading = false;
        const reads = (await Promise.all(readers)).reduce((a, b) => a + b, 0);
        note = `${reads} reads while the replica was stopped and started`;
      } else {
        const flooders = [await issuer.admin(`${tag}-flood-1`), await issuer.admin(`${tag}-flood-2`)];
        const outsideKills = server.unexpectedExits.filter((exit) => exit.external).length;
        const found = new Violations();
        const figures = await saturate(server, { durationMs: random.int(3000, 4000), tokens: flooders, rssBoundBytes: options.rssBoundMb * 2 ** 20, violations: found, cycle });
        if (server.unexpectedExits.filter((exit) => exit.external).length > outsideKills || !server.running) {
          // Killed from outside meanwhile: what the flood saw says nothing of overload behaviour.
          violations.note(`cycle ${cycle}: the saturation was interrupted by a kill from outside the run; its figures are left out`);
          note = "saturation interrupted from outside";
        } else {
          violations.absorb(found);
          summary.saturations.push(figures);
          note = `${figures.requests} requests ${JSON.stringify(figures.statuses)}, recovered in ${figures.recoveryMs} ms`;
        }
      }
      await sleep(Math.max(0, options.cycleSeconds * 1000 - (Date.now() - cycleStarted)));
      stop = true;
      await Promise.all(writing);
      await watching;

      // A race of writers on one version.
      const race = await lostUpdateRound(ctx, clients, cycle);
      summary.lostUpdate.rounds++;
      summary.lostUpdate.winners += race.winners;
      summary.lostUpdate.conflicts += race.conflicts;

      // The checks: through the API first (the server is up), then in the database.
      const all = [...log.expected.values()];
      const recent = all.filter((r) => r.cycle === cycle);
      const older = all.filter((r) => r.cycle !== cycle).sort(() => random.next() - 0.5).slice(0, 30);
      await checkThroughApi(server.url, setupToken, [...recent, ...older], violations, cycle);
      await checkAuditThroughApi(server.url, setupToken, [...recent].sort(() => random.next() - 0.5).slice(0, 5), violations, cycle);
      const dashboard = await fetchDashboard(server.url, setupToken, network.id, violations, cycle);
      await withSql(options.engine, cluster, dataDir, server, violations, cycle, async (sql) => {
        await checkDatabase(sql, log, tag, network.id, violations, cycle);
        if (dashboard) await checkDashboard(sql, dashboard, log, network.id, violations, cycle);
      });
      summary.cyclesRun = cycle;
      const c = log.counts;
      options.print(`cycle ${cycle}/${options.cycles} ${kind} (at ${(faultAt / 1000).toFixed(1)} s; ${note}): ` +
        `${c.acknowledged} acknowledged, ${c.unknown} unknown (${c.unknownCommitted} committed), ${log.expected.size} records, ` +
        `${violations.total} violations, ${Math.round((Date.now() - cycleStarted) / 1000)} s`);
    }
    if (server.running) {
      const code = await server.stop();
      violations.check(cycle, "recovery", code === 0, () => `the server's final shutdown exited with ${code}`);
    }
  } finally {
    summary.durationMs = Date.now() - startedAt.getTime();
    if (server) await server.kill();
    cleanUpNow();
  }
  return summary;
}

/**
 * While a cycle writes: a server process that exits by itself (not killed by the run) is a
 * violation; its last words are kept in `dir`, and it is started again so that the run goes on.
 */
async function watchForCrashes(server: ServerControl, done: () => boolean, cycle: number, violations: Violations, dir: string, summary: RunSummary): Promise<void> {
  let seen = server.unexpectedExits.length;
  while (!done() || server.unexpectedExits.length > seen) {
    if (server.unexpectedExits.length > seen) {
      const exit = server.unexpectedExits[seen++];
      const file = path.join(dir, `server-exit-cycle-${cycle}-${seen}.log`);
      fs.writeFileSync(file, `${exit.description}\n${exit.output}`);
      if (exit.external) {
        // Not the server's doing, but a crash all the same: the invariants must hold through it.
        summary.externalKills++;
        violations.note(`cycle ${cycle}: the server process was ${exit.description} by a signal from outside the run; counted as an extra fault (${file})`);
      } else {
        const detail = exit.output.split("\n").filter((l) => /error/i.test(l)).slice(0, 3).join(" | ").slice(0, 400);
        violations.add(cycle, "recovery", `the server process ${exit.description} by itself: ${detail} (${file})`);
      }
      if (!server.running) await server.start().catch((error) => violations.add(cycle, "recovery", `the server does not start again: ${String(error).slice(0, 300)}`));
    }
    await sleep(250);
  }
}

/**
 * Runs database checks. PostgreSQL: a connection of its own, beside the running server. PGlite:
 * only one process may open the folder, so the server is stopped (SIGTERM, which must exit 0),
 * the folder opened here and closed again; the next cycle starts the server on it.
 */
async function withSql(engine: Engine, cluster: PgCluster | undefined, dataDir: string, server: ServerControl, violations: Violations, cycle: number, work: (sql: Sql) => Promise<void>): Promise<void> {
  if (engine === "postgres") {
    const client = new Client({ connectionString: cluster!.databaseUrl });
    await client.connect();
    try {
      await work({ query: async (text, params) => (await client.query(text, params)).rows });
    } finally {
      await client.end();
    }
    return;
  }
  const code = await server.stop();
  violations.check(cycle, "recovery", code === 0, () => `SIGTERM: the server exited with ${code}, not 0`);
  let db;
  try {
    db = await openDatabase({ databaseUrl: undefined, dataDir });
  } catch (error) {
    violations.add(cycle, "dataFolder", `the PGlite folder does not open: ${String(error).slice(0, 300)}`);
    throw error;
  }
  try {
    await work({ query: (text, params) => db.dataSource.query(text, params) });
  } finally {
    await db.close();
  }
}

/**
 * One reader of the replica-stop fault: reads acknowledged associations by id, one after another,
 * until `done()`. Each must answer 200 with the record at its acknowledged version or later (the
 * run's consistency token makes a replica that has not replayed it hand the read to the primary).
 */
async function readUntil(ctx: WorkloadContext, server: ServerControl, token: () => string, done: () => boolean, random: Random, cycle: number): Promise<number> {
  let reads = 0;
  while (!done()) {
    const associations = [...ctx.log.expected.values()].filter((r) => r.kind === "association");
    if (!associations.length) return reads;
    const record = associations[random.int(0, associations.length - 1)];
    const version = record.version;
    const answer = await postGraphql(server.url, `query ($id: ID!) { node(id: $id) { ... on Association { version } } }`, { id: record.id }, token());
    reads++;
    const node = answer.body?.data?.node;
    if (answer.status !== 200 || answer.body?.errors || !node || node.version < version) {
      ctx.violations.add(cycle, "reads", `read of ${record.id} (acknowledged at version ${version}): ${answer.status} ${JSON.stringify(answer.body?.errors ?? node ?? answer.failure).slice(0, 300)}`);
    }
  }
  return reads;
}
