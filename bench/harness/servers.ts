import { ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * The processes a bench run starts (Maillage in one or more versions, the raw-SQL baseline) and what it
 * reads of them from /proc (memory, CPU time).
 */

export const BENCH_ROOT = path.resolve(__dirname, "..", "..");
export const POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";
export const ISSUER = "maillage-bench";
export const AUDIENCE = "maillage-bench";
export const PROFILE_DIR = path.join(BENCH_ROOT, ".tmp", "bench", "profiles");

export function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every value of a repeatable option (`--checkout a --checkout b`). */
export function options(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === name && process.argv[i + 1] !== undefined) values.push(process.argv[i + 1]);
  });
  return values;
}

/** This process's arguments as a shell would take them back (those with spaces quoted). */
export const shellArgs = () => process.argv.slice(2).map((a) => (/[\s"'$]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(" ");

export const log = (m: Record<string, unknown>) => console.log(JSON.stringify(m));

/**
 * A version of Maillage to measure: a checkout (its `dist/server/main.js`, built first if its sources
 * changed since its last build, as `npm start` does; with --source, or for a checkout without the build
 * script, its TypeScript sources through swc) or a given entry file.
 */
export interface ServerVersion {
  /** Short name in tables: the folder's name and its commit. */
  label: string;
  /** Working directory of the process (its node_modules are used). */
  cwd: string;
  /** Node arguments: the entry, with `-r @swc-node/register` for TypeScript. */
  args: string[];
  /** How it is run, for the report. */
  describe: string;
  /** `git describe`-like: commit and whether the work tree differs from it. */
  commit: string;
}

function gitCommit(dir: string): string {
  try {
    const head = execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", dir, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    const branch = execFileSync("git", ["-C", dir, "rev-parse", "--abbrev-ref", "HEAD"], { encoding: "utf8" }).trim();
    return `${branch} ${head}${dirty ? " + uncommitted changes" : ""}`;
  } catch {
    return "not a git checkout";
  }
}

/** The nearest folder at or above `file` holding a package.json. */
function packageRoot(file: string): string {
  let dir = path.dirname(path.resolve(file));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${file}`);
    dir = parent;
  }
  return dir;
}

/** A checkout, run as `npm start` runs it (the build, rebuilt if stale) unless `source`. */
export function checkoutVersion(dir: string, source: boolean): ServerVersion {
  const cwd = path.resolve(dir);
  if (!fs.existsSync(path.join(cwd, "server", "main.ts"))) throw new Error(`${cwd} is not a Maillage checkout (no server/main.ts)`);
  const label = `${path.basename(cwd)}@${gitCommit(cwd).split(" ")[1] ?? "?"}`;
  const buildScript = path.join(cwd, "server", "commands", "build.mjs");
  if (!source && fs.existsSync(buildScript)) {
    // What `npm start` does first: build the server if its sources changed since its last build (milliseconds when not).
    execFileSync(process.execPath, [buildScript, "--if-stale", "--only", "server"], { cwd, stdio: ["ignore", "inherit", "inherit"] });
    return { label, cwd, args: ["dist/server/main.js"], describe: "the build (`node dist/server/main.js`, as `npm start` runs it; rebuilt first if stale)", commit: gitCommit(cwd) };
  }
  return { label, cwd, args: ["-r", "@swc-node/register", "server/main.ts"], describe: "the TypeScript sources through swc (`node -r @swc-node/register server/main.ts`)", commit: gitCommit(cwd) };
}

/** A given entry file (.js run as is, .ts through swc), from the folder of its package.json. */
export function entryVersion(file: string): ServerVersion {
  const cwd = packageRoot(file);
  const entry = path.resolve(file);
  const args = entry.endsWith(".ts") ? ["-r", "@swc-node/register", entry] : [entry];
  return { label: `${path.basename(cwd)}:${path.relative(cwd, entry)}`, cwd, args, describe: `\`node ${args.join(" ")}\` in ${cwd}`, commit: gitCommit(cwd) };
}

/** The versions named by --checkout and --server-entry (repeatable, in that order); this checkout when none. */
export function versionsFromArgs(): ServerVersion[] {
  const source = process.argv.includes("--source");
  const versions = [...options("--checkout").map((d) => checkoutVersion(d, source)), ...options("--server-entry").map(entryVersion)];
  if (!versions.length) versions.push(checkoutVersion(BENCH_ROOT, source));
  const seen = new Map<string, number>();
  for (const v of versions) {
    const n = (seen.get(v.label) ?? 0) + 1;
    seen.set(v.label, n);
    if (n > 1) v.label += `#${n}`;
  }
  return versions;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();
export const CPU_RESOLUTION_MS = 1000 / CLOCK_TICKS;

/** CPU time the process has used so far, all its threads: utime + stime of /proc/<pid>/stat, in ms. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 of the line (utime, stime) are the 12th and 13th after the name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The machine's load averages (1, 5, 15 min), as `uptime` prints them. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(", ");
}

/** Whether the database exists and holds organisations. */
export async function datasetPresent(url: string): Promise<boolean> {
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

/** Creates the database if it does not exist (or, with `fresh`, drops it first); its URL. */
export async function ensureDatabase(name: string, fresh: boolean): Promise<string> {
  const admin = new Client({ connectionString: POSTGRES_SERVER });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rows.length) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return POSTGRES_SERVER.replace(/\/postgres$/, `/${name}`);
}

export interface Started {
  child: ChildProcess;
  port: number;
  startupMs: number;
  /** Where its stdout (the JSON log) goes, when it is kept. */
  logFile?: string;
}

/**
 * How Maillage runs in the bench: as in production (NODE_ENV=production, JSON request log at its default
 * level, metrics, query limits and the rate limiter on) with these exceptions, each printed in the report:
 * - `responseCache: false` turns the response cache off (the engine is measured, not the cache): every
 *   measured read but the trivial request runs on such a server;
 * - the rate limiter's budgets are raised so that the bench never exhausts them (it still runs and counts);
 *   `productionBudgets` keeps the production defaults (the trivial request);
 * - metrics are served on a free port of their own (production's 9464 would collide between servers);
 * - the log goes to a file (production: a pipe to the log collector), where the bench reads each
 *   request's SQL statement count.
 */
export interface MaillageSettings {
  databaseUrl: string | null;
  publicKey: string;
  responseCache: boolean;
  productionBudgets?: boolean;
  /** Load the demo dataset into an empty database (the quick mode's database). */
  demoData?: boolean;
  /** PGlite folder when databaseUrl is null. */
  dataDir?: string;
  /** Development settings instead (the PGlite start-up timing, as before). */
  development?: boolean;
  logFile?: string;
  /** More environment (the read-replica bench: DATABASE_REPLICA_URLS and its settings). */
  env?: Record<string, string>;
}

export const MAILLAGE_EXCEPTIONS =
  "NODE_ENV=production, JSON request log at level info (to a file), metrics on (their own free port instead of 9464), query limits and the rate limiter on " +
  "(budgets raised to 10^9 points so that the bench never runs out), `MAILLAGE_RESPONSE_CACHE=false` (the engine is measured, not the cache); " +
  "the trivial request `{ __typename }` on a second instance with the response cache and the rate limiter's production budgets";

export async function startMaillage(version: ServerVersion, settings: MaillageSettings): Promise<Started> {
  const port = await freePort();
  const started = Date.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : { DATABASE_URL: "", MAILLAGE_DATA_DIR: settings.dataDir }),
    PORT: String(port), HOST: "127.0.0.1",
    MAILLAGE_DEMO_DATA: settings.demoData ? "true" : "false",
    MAILLAGE_JWT_PUBLIC_KEY: settings.publicKey, MAILLAGE_JWT_ISSUER: ISSUER, MAILLAGE_JWT_AUDIENCE: AUDIENCE,
  };
  for (const name of ["MAILLAGE_DIAGNOSTICS", "MAILLAGE_RATE_LIMIT", "MAILLAGE_RESPONSE_CACHE", "LOG_LEVEL", "MAILLAGE_METRICS", "REDIS_URL", "DATABASE_REPLICA_URLS"]) delete env[name];
  if (settings.development) {
    Object.assign(env, { NODE_ENV: "development", LOG_LEVEL: "warn", MAILLAGE_RATE_LIMIT: "false", MAILLAGE_RESPONSE_CACHE: "false" });
  } else {
    Object.assign(env, {
      NODE_ENV: "production", LOG_LEVEL: "info", MAILLAGE_METRICS_PORT: "0",
      MAILLAGE_RESPONSE_CACHE: settings.responseCache ? "true" : "false",
      ...(settings.productionBudgets ? {} : { MAILLAGE_RATE_LIMIT_IP_POINTS: "1000000000", MAILLAGE_RATE_LIMIT_IDENTITY_POINTS: "1000000000" }),
    });
  }
  Object.assign(env, settings.env);
  let stdout: "ignore" | number = "ignore";
  if (settings.logFile) {
    fs.mkdirSync(path.dirname(settings.logFile), { recursive: true });
    stdout = fs.openSync(settings.logFile, "w");
  }
  // --cpu-prof: V8 CPU profiles of the servers, written when they stop (open them in Chrome's DevTools).
  const profile = process.argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, ...version.args], { cwd: version.cwd, env, stdio: ["ignore", stdout, "inherit"] });
  if (typeof stdout === "number") fs.closeSync(stdout);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Maillage (${version.label}) exited with ${child.exitCode} during start-up${settings.logFile ? `: see ${settings.logFile}` : ""}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) throw new Error("Maillage was not ready within 300 s");
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, port, startupMs: Date.now() - started, logFile: settings.logFile };
}

export async function startBaseline(databaseUrl: string): Promise<Started> {
  const started = Date.now();
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "bench/baseline/server.ts"], {
    cwd: BENCH_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"],
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

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
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
export async function settle(url: string): Promise<number> {
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

/** The SQL statement counts of the requests a Maillage server logged since `from` (a byte offset of its log file). */
export function loggedStatements(logFile: string, from: number): { counts: number[]; next: number } {
  const size = fs.statSync(logFile).size;
  if (size <= from) return { counts: [], next: from };
  const fd = fs.openSync(logFile, "r");
  try {
    const buffer = Buffer.alloc(size - from);
    fs.readSync(fd, buffer, 0, buffer.length, from);
    // Only whole lines: a line being written is read next time.
    const end = buffer.lastIndexOf(0x0a) + 1;
    const counts: number[] = [];
    for (const line of buffer.subarray(0, end).toString("utf8").split("\n")) {
      if (!line.includes('"request completed"') && !line.includes('"request failed"')) continue;
      if (!line.includes('"path":"/graphql"')) continue;
      const m = /"sqlStatements":(\d+)/.exec(line);
      if (m) counts.push(Number(m[1]));
    }
    return { counts, next: from + end };
  } finally {
    fs.closeSync(fd);
  }
}

export function logSize(logFile: string | undefined): number {
  return logFile && fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  let pg = "";
  try {
    pg = execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"], { encoding: "utf8" }).trim();
  } catch {
    pg = "?";
  }
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, ` +
    `Node.js ${process.version}, PostgreSQL ${pg} on the same machine (default configuration)`;
}

/**
 * Writes a run's report into bench/RESULTS.md, first below the runs marker (a line of its own: the
 * marker's text may appear elsewhere in the file). Returns the file's path.
 */
export function prependRun(report: string): string {
  const file = path.join(BENCH_ROOT, "bench", "RESULTS.md");
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmark results\n\n<!-- runs -->\n";
  const lines = text.split("\n");
  const at = lines.indexOf("<!-- runs -->");
  if (at < 0) throw new Error(`${file} has no line "<!-- runs -->" to write the run below`);
  lines.splice(at + 1, 0, "", report.trimEnd());
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}
