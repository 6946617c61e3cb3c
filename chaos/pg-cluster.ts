import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * A throwaway PostgreSQL server for the chaos runs: its own data folder (a temporary directory)
 * and port, made with this machine's `initdb` and `pg_ctl`, listening on 127.0.0.1 with trust
 * authentication. Never the machine's shared server. As root, PostgreSQL's tools refuse to run:
 * they then run as the `postgres` system user.
 */
export interface PgCluster {
  /** URL of the database the server under test uses. */
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** `pg_ctl stop -m immediate`: no checkpoint, no goodbye to clients (a crash, as far as clients and recovery go). */
  stopImmediate(): void;
  /** The same, without holding up the caller's event loop meanwhile (so that a load it runs keeps running). */
  crash(): Promise<void>;
  start(): void;
  /** Stops the server (if running) and removes its folder. Safe to call twice. */
  destroy(): void;
}

const TOOLS = ["initdb", "pg_ctl", "postgres", "pg_basebackup"];

/** The folder holding `initdb`, `pg_ctl`, `postgres` and `pg_basebackup`: PATH first, then `pg_config --bindir`, then /usr/lib/postgresql/<highest>/bin. */
export function findPgBinDir(): string | null {
  const hasTools = (dir: string) => TOOLS.every((tool) => fs.existsSync(path.join(dir, tool)));
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && hasTools(dir)) return dir;
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (dir && hasTools(dir)) return dir;
  } catch {
    // no pg_config
  }
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (hasTools(path.join(root, version, "bin"))) return path.join(root, version, "bin");
  }
  return null;
}

/** Why a cluster cannot be made here, or null when it can. */
export function pgUnavailableReason(): string | null {
  if (!findPgBinDir()) return "no PostgreSQL server binaries (initdb, pg_ctl, postgres, pg_basebackup) found in PATH, `pg_config --bindir` or /usr/lib/postgresql/*/bin";
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) return "running as root and there is no `postgres` system user to run PostgreSQL as";
  return null;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The command line of one of PostgreSQL's tools, as the `postgres` user when we are root. */
function toolCommand(binDir: string, tool: string, args: string[]): [string, string[]] {
  const command = path.join(binDir, tool);
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

/** Runs one of PostgreSQL's tools in the background; rejects with its output on failure. */
function runToolAsync(binDir: string, tool: string, args: string[]): Promise<void> {
  const [file, argv] = toolCommand(binDir, tool, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { cwd: os.tmpdir(), timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${tool} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve());
  });
}

/** Runs one of PostgreSQL's tools, as the `postgres` user when we are root. Throws with its output on failure. */
function runTool(binDir: string, tool: string, args: string[]): string {
  const [file, argv] = toolCommand(binDir, tool, args);
  const result = spawnSync(file, argv, { encoding: "utf8", cwd: os.tmpdir(), timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** A folder of our own for a server (owned by `postgres` when we run as root, since its tools then run as that user). */
function ownFolder(prefix: string): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(base, uid, gid);
  }
  return base;
}

/** The handle of a server in `base`/data on `port` (not yet started). */
function clusterIn(binDir: string, base: string, port: number): PgCluster {
  const dataDir = path.join(base, "data");
  const logFile = path.join(base, "postgres.log");
  let destroyed = false;
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${base} -c max_connections=50`;
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/maillage`,
    port,
    dataDir,
    start: () => void runTool(binDir, "pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]),
    stopImmediate: () => void runTool(binDir, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]),
    crash: () => runToolAsync(binDir, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      try {
        if (fs.existsSync(path.join(dataDir, "postmaster.pid"))) runTool(binDir, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

function toolsOrThrow(): string {
  const binDir = findPgBinDir();
  const unavailable = pgUnavailableReason();
  if (!binDir || unavailable) throw new Error(`Cannot run PostgreSQL for the chaos run: ${unavailable}.`);
  return binDir;
}

/**
 * Makes, starts and returns a fresh cluster with an empty database `maillage`. PostgreSQL's defaults
 * (wal_level=replica, max_wal_senders=10, and initdb's trust line for replication from 127.0.0.1)
 * already let a streaming replica copy it: see createPgReplica.
 */
export async function createPgCluster(): Promise<PgCluster> {
  const binDir = toolsOrThrow();
  const cluster = clusterIn(binDir, ownFolder("maillage-chaos-pg-"), await freePort());
  try {
    runTool(binDir, "initdb", ["-D", cluster.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]);
    cluster.start();
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${cluster.port}/postgres` });
    await client.connect();
    try {
      await client.query("CREATE DATABASE maillage");
    } finally {
      await client.end();
    }
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}

/**
 * A streaming replica of `primary`, started: `pg_basebackup -R` copies the primary (its databases
 * included) into a folder of its own and writes standby.signal and primary_conninfo, so the new server
 * starts as a hot standby replaying the primary's WAL. Its own port; destroy() removes it.
 */
export async function createPgReplica(primary: PgCluster): Promise<PgCluster> {
  const binDir = toolsOrThrow();
  const replica = clusterIn(binDir, ownFolder("maillage-chaos-replica-"), await freePort());
  try {
    runTool(binDir, "pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", replica.dataDir, "-R", "-X", "stream", "-c", "fast"]);
    replica.start();
  } catch (error) {
    replica.destroy();
    throw error;
  }
  return replica;
}
