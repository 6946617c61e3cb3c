import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { GraphQLClient } from "graphql-request";
import { openDatabase } from "../server/database/data-source";
import { cloneTemplate } from "./support/test-database";

const ROOT = path.resolve(__dirname, "..");

/** Starts `server/main.ts` as its own process, as `npm start` would, and waits until it serves. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; logs: string[] }> {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join("\n")}`)), 60000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        logs.push(line);
        const url = /"msg":"maillage ready","url":"([^"]+)"/.exec(line)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({ child, url, logs });
        }
      }
    };
    child.stdout!.on("data", onLine);
    child.stderr!.on("data", onLine);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${logs.join("\n")}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

const COUNTS = `{ associations(first: 1) { totalCount } projects(first: 1) { totalCount } events(first: 1) { totalCount } qpvs(first: 1) { totalCount } }`;

describe("server process", () => {
  it("stops cleanly on SIGTERM and SIGINT, and restarts on the same data without reloading or losing anything", async () => {
    const database = await cloneTemplate("lifecycle");
    const env: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { MAILLAGE_DATA_DIR: database.dataDir };
    try {
      const first = await startProcess(env);
      const before = await new GraphQLClient(first.url).request<any>(COUNTS);
      expect(before.qpvs.totalCount).toBe(1584);
      expect(before.associations.totalCount).toBeGreaterThan(0);
      const firstExit = exitOf(first.child);
      first.child.kill("SIGTERM");
      expect(await firstExit).toBe(0);
      expect(first.logs.join("\n")).toContain('"signal":"SIGTERM"');

      const second = await startProcess(env);
      // Reference and demo data are already there: start-up does not load them again.
      expect(second.logs.join("\n")).not.toMatch(/reference data loaded|demo data loaded/);
      expect(await new GraphQLClient(second.url).request(COUNTS)).toEqual(before);
      const secondExit = exitOf(second.child);
      second.child.kill("SIGINT");
      expect(await secondExit).toBe(0);

      // A clean stop leaves sequences where the rows are: no jump after restart.
      const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      try {
        const [row] = await db.dataSource.query(
          `SELECT (SELECT max(id) FROM organization) AS max_id, (SELECT last_value FROM organization_id_seq) AS last_value`,
        );
        expect(Number(row.last_value)).toBe(Number(row.max_id));
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  });
});
