import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import { attachReplicas, ReadReplicas, Replica } from "../../server/database/read-replicas";
import { SqlSession } from "../../server/database/sql-session";
import { parseWalPosition } from "../../server/database/wal-position";

/**
 * The read routing's decisions, without servers (tests/read-replicas.test.ts runs them on a real
 * primary and replica): a replica that fails in the middle of a request, and a token ahead of what
 * the monitor last saw. The primary is a stand-in pool; the replica a real pg pool on a port where
 * nothing listens (its connections are refused, as those of a stopped server are).
 */
function primaryStandIn(): Pool & { sent: string[] } {
  const sent: string[] = [];
  return { sent, query: async ({ text }: { text: string }) => (sent.push(text), { rows: [{ answeredBy: "primary" }] }) } as unknown as Pool & { sent: string[] };
}

function setUp(): { session: () => SqlSession; replicas: ReadReplicas; replica: Replica; primary: Pool & { sent: string[] } } {
  const primary = primaryStandIn();
  const dataSource = { driver: { master: primary } } as unknown as DataSource;
  const replicas = new ReadReplicas(() => primary, { urls: ["postgres://maillage@127.0.0.1:1/maillage"], maxLagMs: 1000, pollMs: 100 });
  // As the monitor left it: answering, caught up to 0/100.
  const [replica] = replicas.replicas;
  Object.assign(replica, { down: false, polledAt: Date.now(), lagMs: 0, replayed: parseWalPosition("0/100") });
  attachReplicas(dataSource, replicas);
  return { session: () => new SqlSession(dataSource), replicas, replica, primary };
}

describe("read routing", () => {
  it("answers a read from the primary when its replica refuses the connection, and leaves that replica out for the rest of the request and for the next ones", async () => {
    const { session, replicas, replica, primary } = setUp();
    try {
      const sql = session();
      await sql.route("query");
      expect(await sql.query("SELECT 1")).toEqual([{ answeredBy: "primary" }]);
      expect(replica.down).toBe(true);
      expect(await sql.query("SELECT 2")).toEqual([{ answeredBy: "primary" }]);
      expect(primary.sent).toEqual(["SELECT 1", "SELECT 2"]);
      expect(sql.tally.count).toBe(2);
      // The next request does not try it until the monitor reaches it again.
      expect(await replicas.choose(undefined)).toBeUndefined();
    } finally {
      await replicas.stop();
    }
  });

  it("sends mutations to the primary, and does not retry a statement's own error elsewhere", async () => {
    const { session, replicas, replica, primary } = setUp();
    try {
      const writes = session();
      await writes.route("mutation");
      await writes.query("SELECT 'write'");
      expect(primary.sent).toEqual(["SELECT 'write'"]);
      const broken = Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" });
      Object.assign(replica, { pool: { query: async () => Promise.reject(broken), end: async () => undefined } });
      const reads = session();
      await reads.route("query");
      await expect(reads.query("SELEC 1")).rejects.toBe(broken);
      expect(replica.down).toBe(false);
      expect(primary.sent).toEqual(["SELECT 'write'"]);
    } finally {
      await replicas.stop();
    }
  });

  it("serves a token from a replica's cached position when it is past it, asks the replica directly when it is not, and falls back to the primary while it is behind", async () => {
    const { replicas, replica } = setUp();
    let replayed = "0/180";
    const asked: string[] = [];
    Object.assign(replica, { pool: { query: async (text: string) => (asked.push(text), { rows: [{ replayed }] }), end: async () => undefined } });
    try {
      expect(await replicas.choose(parseWalPosition("0/100"))).toBe(replica);
      expect(asked).toEqual([]);
      // Ahead of the cached 0/100: one direct look, and the replica, at 0/180, is past 0/150.
      expect(await replicas.choose(parseWalPosition("0/150"))).toBe(replica);
      expect(asked).toHaveLength(1);
      expect(await replicas.choose(parseWalPosition("0/150"))).toBe(replica);
      expect(asked).toHaveLength(1);
      // Behind the token even when asked: the primary answers.
      replayed = "0/190";
      expect(await replicas.choose(parseWalPosition("1/0"))).toBeUndefined();
      // Lagging beyond the bound: left out, token or not.
      replica.lagMs = 5000;
      expect(await replicas.choose(undefined)).toBeUndefined();
    } finally {
      await replicas.stop();
    }
  });
});
