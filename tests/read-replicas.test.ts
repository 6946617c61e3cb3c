import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { getPath, sleep } from "../chaos/http";
import { createPgCluster, createPgReplica, PgCluster, pgUnavailableReason } from "../chaos/pg-cluster";
import { prepareDatabase } from "../chaos/prepare-database";
import { loadConfig } from "../server/config";
import { ServerProcess, spawnServer } from "./support/server-process";
import { testIssuer } from "./support/tokens";

/**
 * Read replicas (docs/operations.md, "Read replicas"): a primary and a streaming replica of the test's
 * own (initdb, then `pg_basebackup -R`; own folders and ports, removed at the end), one server reading
 * from both. Which pool answered is read from the server's metrics (maillage_db_routed_reads_total),
 * and shown by what a read sees while the replica's replay is paused. Only PostgreSQL's binaries are
 * needed, but the file runs in the suite's PostgreSQL run only (it starts three servers).
 */
const unavailable = process.env.TEST_DATABASE_URL ? pgUnavailableReason() : "TEST_DATABASE_URL is not set (read replicas are a PostgreSQL feature: this file runs in the suite's PostgreSQL run)";
if (unavailable) console.warn(`[read-replicas] skipped: ${unavailable}`);

const CONSISTENCY = "maillage-consistency-token";
/** What an LSN looks like: two hexadecimal halves. */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;
/** The lag bound the server runs with: long enough for a read right after a write, short enough to wait out. */
const MAX_LAG_MS = 2500;

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
  token: string | null;
}

describe("DATABASE_REPLICA_URLS", () => {
  it("is refused without DATABASE_URL (the embedded database has no replicas), with a message that says why", () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: "postgres://replica:5432/maillage" })).toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://primary/maillage", DATABASE_REPLICA_URLS: "replica:5432" })).toThrow(/postgres:\/\/ URLs/);
    expect(loadConfig({ DATABASE_URL: "postgres://p/m", DATABASE_REPLICA_URLS: " postgres://a/m, postgres://b/m " }).replicas.urls).toEqual(["postgres://a/m", "postgres://b/m"]);
  });
});

(unavailable ? describe.skip : describe)("reads on a streaming replica", () => {
  let primary: PgCluster;
  let replica: PgCluster;
  let server: ServerProcess;
  let admin: string;
  let metricsUrl: string;

  async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", authorization: `Bearer ${admin}`, ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"], token: response.headers.get(CONSISTENCY) };
  }

  /** A series of the server's metrics, by its pool label. */
  async function metric(name: string): Promise<Record<string, number>> {
    const { text } = await getPath(metricsUrl);
    const values: Record<string, number> = {};
    for (const match of (text ?? "").matchAll(new RegExp(`^${name}\\{pool="([^"]+)"\\} (\\S+)$`, "gm"))) values[match[1]] = Number(match[2]);
    return values;
  }

  /** Statements of read requests answered by each pool while `run` ran. */
  async function routed(run: () => Promise<unknown>): Promise<{ primary: number; replica: number }> {
    const before = await metric("maillage_db_routed_reads_total");
    await run();
    const after = await metric("maillage_db_routed_reads_total");
    const delta = (pool: string) => (after[pool] ?? 0) - (before[pool] ?? 0);
    return { primary: delta("primary"), replica: delta("replica-1") };
  }

  /** A read, and which pool answered its statements: "replica", "primary", or a mix (which would be a bug). */
  async function readVia(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<{ answer: Answer; pool: string }> {
    let answer: Answer | undefined;
    const counts = await routed(async () => (answer = await post(query, variables, headers)));
    const statements = answer!.body.extensions?.diagnostics?.sqlStatements;
    const pool = counts.primary === 0 && counts.replica === statements ? "replica" : counts.replica === 0 && counts.primary === statements ? "primary" : `mixed ${JSON.stringify(counts)} for ${statements}`;
    return { answer: answer!, pool };
  }

  async function onReplica<T>(sql: string): Promise<T> {
    const client = new Client({ connectionString: replica.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows[0] as T;
    } finally {
      await client.end();
    }
  }

  async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await check()) return;
    throw new Error(`timed out waiting until ${what}`);
  }

  beforeAll(async () => {
    primary = await createPgCluster();
    await prepareDatabase({ databaseUrl: primary.databaseUrl, dataDir: "" });
    replica = await createPgReplica(primary);
    const issuer = await testIssuer();
    admin = await issuer.admin("replicas@test");
    server = await spawnServer({
      DATABASE_URL: primary.databaseUrl,
      DATABASE_REPLICA_URLS: replica.databaseUrl,
      MAILLAGE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      MAILLAGE_REPLICA_POLL_MS: "100",
      MAILLAGE_DEMO_DATA: "false",
      // Every read must reach a database, and the read load below must not be rate limited.
      MAILLAGE_RESPONSE_CACHE: "false",
      MAILLAGE_RATE_LIMIT: "false",
      MAILLAGE_DIAGNOSTICS: "true",
      ...issuer.env,
    });
    metricsUrl = server.url.replace("/graphql", "/metrics");
    await until("the replica serves reads", async () => (await metric("maillage_db_replica_up"))["replica-1"] === 1 && (await metric("maillage_db_replica_lag_seconds"))["replica-1"] === 0);
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
    replica?.destroy();
    primary?.destroy();
  });

  const REGIONS = `{ regions(first: 3) { edges { node { code departments { code } } } } }`;
  const CREATE = `mutation ($input: CreateAssociationInput!) { createAssociation(input: $input) { association { id name } errors { code } } }`;
  const READ = `query ($id: ID!) { association(id: $id) { name } }`;

  it("sends every statement of a query to the replica", async () => {
    // A directive keeps this one on graphql-js's path: a statement per level.
    const { answer, pool } = await readVia(REGIONS.replace("departments", "departments @include(if: true)"));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.regions.edges).toHaveLength(3);
    expect(answer.body.extensions!.diagnostics.sqlStatements).toBeGreaterThanOrEqual(2);
    expect(pool).toBe("replica");
    // The compiled read path's one statement too.
    const compiled = await readVia(REGIONS);
    expect(compiled.answer.body.data).toEqual(answer.body.data);
    expect(compiled.answer.body.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
    expect(compiled.pool).toBe("replica");
    expect((await getPath(metricsUrl)).text).toMatch(/^maillage_db_replica_pool_connections\{pool="replica-1",state="total"\} [1-9]/m);
    // No write, no token.
    expect([answer.token, answer.body.extensions!.consistencyToken]).toEqual([null, undefined]);
  });

  it("sends an export's statements to the replica too", async () => {
    let status = 0;
    const counts = await routed(async () => {
      const response = await fetch(server.url.replace("/graphql", "/exports/qpvs.csv"));
      status = response.status;
      await response.text();
    });
    expect(status).toBe(200);
    expect(counts.primary).toBe(0);
    expect(counts.replica).toBeGreaterThan(0);
  });

  it("serves a read with a mutation's token only from a replica that has replayed it; without the token a read may be stale, until the replica lags beyond the bound", async () => {
    await onReplica("SELECT pg_wal_replay_pause()");
    try {
      const created = await post(CREATE, { input: { idempotencyKey: randomUUID(), name: "Association écrite sur le primaire", communeInseeCode: "59512" } });
      expect(created.body.data.createAssociation.errors).toEqual([]);
      const id = created.body.data.createAssociation.association.id;
      const token = created.body.extensions!.consistencyToken;
      expect(token).toMatch(LSN);
      expect(created.token).toBe(token);

      // Without the token: the paused replica answers, without the new association (the documented staleness).
      const stale = await readVia(READ, { id });
      expect(stale.pool).toBe("replica");
      expect(stale.answer.body.data.association).toBeNull();
      // With it: the replica has not replayed the commit, so the primary answers, with it.
      const fresh = await readVia(READ, { id }, { [CONSISTENCY]: token });
      expect(fresh.pool).toBe("primary");
      expect(fresh.answer.body.data.association).toEqual({ name: "Association écrite sur le primaire" });

      // Past the bound the lagging replica is left out, token or not.
      await until("the replica lags beyond the bound", async () => ((await metric("maillage_db_replica_lag_seconds"))["replica-1"] ?? 0) * 1000 > MAX_LAG_MS);
      const skipped = await readVia(READ, { id });
      expect(skipped.pool).toBe("primary");
      expect(skipped.answer.body.data.association).toEqual({ name: "Association écrite sur le primaire" });

      await onReplica("SELECT pg_wal_replay_resume()");
      await until("the replica caught up", async () => (await metric("maillage_db_replica_lag_seconds"))["replica-1"] === 0);
      // Replayed past the token: the replica answers it now.
      const replayed = await readVia(READ, { id }, { [CONSISTENCY]: token });
      expect(replayed.pool).toBe("replica");
      expect(replayed.answer.body.data.association).toEqual({ name: "Association écrite sur le primaire" });
    } finally {
      await onReplica("SELECT pg_wal_replay_resume()").catch(() => undefined);
    }
  }, 60_000);

  it("refuses a malformed token with a 400 and a stable code, in French", async () => {
    for (const bad of ["pas-un-jeton", "0/XYZ", "1/2/3", "123456789/0"]) {
      const answer = await post(REGIONS, {}, { [CONSISTENCY]: bad });
      expect({ status: answer.status, code: answer.body.errors?.[0].extensions?.code }).toEqual({ status: 400, code: "INVALID_CONSISTENCY_TOKEN" });
      expect(answer.body.errors![0].message).toMatch(/jeton de cohérence/);
      expect(answer.body.data).toBeUndefined();
    }
  });

  it("keeps answering every read when the replica is killed under load (the reads move to the primary), stays ready, and the primary is untouched", async () => {
    const answers: Answer[] = [];
    const failures: string[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          answers.push(await post(REGIONS));
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    const before = await metric("maillage_db_routed_reads_total");
    await until("reads flow", async () => answers.length >= 20);
    // The load was on the replica when it was killed.
    expect((await metric("maillage_db_routed_reads_total"))["replica-1"]).toBeGreaterThan(before["replica-1"] + 20);
    const beforeKill = answers.length;
    // `pg_ctl stop -m immediate`, while the load keeps running.
    await replica.crash();
    await until("reads flow after the kill", async () => answers.length >= beforeKill + 40);
    running = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    const bad = answers.filter((a) => a.status !== 200 || a.body.errors || a.body.data?.regions.edges.length !== 3);
    expect(bad.map((a) => ({ status: a.status, errors: a.body.errors }))).toEqual([]);
    expect((await metric("maillage_db_replica_up"))["replica-1"]).toBe(0);
    expect(server.logs().some((line) => line.msg === "replica unavailable: reads go to the other replicas or the primary" && line.pool === "replica-1")).toBe(true);
    console.info(`[read-replicas] ${answers.length} reads, ${answers.length - beforeKill} after the kill; statements retried elsewhere: ${JSON.stringify(await metric("maillage_db_read_failovers_total"))}`);
    expect((await getPath(server.url.replace("/graphql", "/readyz"))).status).toBe(200);
    // Reads now on the primary; writes as before.
    expect((await readVia(REGIONS)).pool).toBe("primary");
    const created = await post(CREATE, { input: { idempotencyKey: randomUUID(), name: "Association écrite sans réplique", communeInseeCode: "59512" } });
    expect(created.body.data.createAssociation.errors).toEqual([]);
    const client = new Client({ connectionString: primary.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT pg_is_in_recovery() AS recovery, (SELECT count(*)::int FROM organization WHERE name LIKE 'Association écrite %') AS written`);
      expect(rows[0]).toEqual({ recovery: false, written: 2 });
    } finally {
      await client.end();
    }
    expect(server.logs().filter((line) => line.msg === "unexpected error")).toEqual([]);

    // Started again, the replica catches up and serves again, without a restart of the server.
    replica.start();
    await until("the replica serves reads again", async () => (await metric("maillage_db_replica_up"))["replica-1"] === 1 && (await metric("maillage_db_replica_lag_seconds"))["replica-1"] === 0);
    expect((await readVia(REGIONS)).pool).toBe("replica");
  }, 90_000);
});
