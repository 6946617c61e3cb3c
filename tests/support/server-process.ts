import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { cloneTemplate } from "./test-database";

const ROOT = path.resolve(__dirname, "../..");

/** A Maillage server running as its own process (`server/main.ts`), as an operator runs it. */
export interface ServerProcess {
  url: string;
  /** Every line the process printed on stdout so far (its JSON log). */
  lines: string[];
  /** What the process printed on stderr so far (a crash's stack trace lands there). */
  stderr(): string;
  /** The signal that ended the process, once it has ended by one. */
  exitSignal(): NodeJS.Signals | null;
  /** The log lines parsed as JSON (lines that are not JSON are left out). */
  logs(): Record<string, any>[];
  /** Resolves when a log line matches, with that line (rejects after 20 s, with what was logged). */
  waitForLog(match: (line: Record<string, any>) => boolean): Promise<Record<string, any>>;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Kills the process if still running (and drops its database, when it made one). */
  dispose(): Promise<void>;
}

/** Starts `server/main.ts` in a child process on a fresh copy of the test database, on a free port. */
export async function startServerProcess(label: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const database = await cloneTemplate(label);
  const server = await spawnServer({
    MAILLAGE_DEMO_DATA: "false",
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { MAILLAGE_DATA_DIR: database.dataDir }),
    ...env,
  });
  return {
    ...server,
    dispose: async () => {
      await server.dispose();
      await database.drop();
    },
  };
}

/** Starts `server/main.ts` in a child process with this environment (the database included), on a free port. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["-r", "@swc-node/register", "server/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "development", LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { match: (line: Record<string, any>) => boolean; resolve: (line: Record<string, any>) => void }[] = [];
  const parse = (line: string): Record<string, any> | undefined => {
    try {
      return JSON.parse(line);
    } catch {
      return undefined;
    }
  };
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    const parsed = parse(line);
    if (!parsed) return;
    for (const waiter of [...waiters]) {
      if (waiter.match(parsed)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    }
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk) => stderr.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitForLog = (match: (line: Record<string, any>) => boolean) => {
    const seen = lines.map(parse).find((line) => line && match(line));
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, any>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such log line in 20 s; the log:\n${lines.join("\n")}\n${stderr.join("")}`)), 20_000);
      waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  };
  let startTimer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    new Promise<Record<string, any>>((resolve) => waiters.push({ match: (line) => line.msg === "maillage ready", resolve })),
    exited.then((code) => {
      throw new Error(`server exited with ${code} before it was ready:\n${lines.join("\n")}\n${stderr.join("")}`);
    }),
    new Promise<never>((_, reject) => {
      // A server that never gets ready is killed: left running, it would keep jest from exiting.
      startTimer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`server not ready after 50 s:\n${lines.join("\n")}\n${stderr.join("")}`));
      }, 50_000);
    }),
  ]).finally(() => clearTimeout(startTimer));
  return {
    url: ready.url,
    lines,
    stderr: () => stderr.join(""),
    exitSignal: () => child.signalCode,
    logs: () => lines.map(parse).filter((line): line is Record<string, any> => line !== undefined),
    waitForLog,
    signal: (name) => child.kill(name),
    exited,
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
