import http from "node:http";
import { Client } from "pg";
import { startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { startServerProcess, ServerProcess } from "./support/server-process";
import { admin, databaseUrl, SERVER_URL } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/** Sends a GraphQL POST whose body arrives in two parts: the request is in flight until `finish()`. */
function slowRequest(url: string, query: string, requestId: string) {
  const body = JSON.stringify({ query });
  const cut = Math.floor(body.length / 2);
  const request = http.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-request-id": requestId },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      res.on("error", reject);
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, cut));
  return { response, finish: () => request.end(body.slice(cut)) };
}

/** What became of a new request: its status and code, or the connection error's code. */
async function refusedOrTurnedAway(url: string): Promise<string> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ stakes { number } }" }) });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return `${res.status} ${body.errors?.[0]?.extensions?.code}`;
  } catch (error) {
    return ((error as Error & { cause?: { code?: string } }).cause?.code) ?? String(error);
  }
}

describe("the server as a process: logs and shutdown", () => {
  let server: ServerProcess;
  afterEach(async () => {
    await server?.dispose();
  });

  it("logs one JSON line per request with request id, operation, duration, SQL statements and error codes, and no personal data", async () => {
    const issuer = await testIssuer();
    const auth = issuer.settings.auth!;
    server = await startServerProcess("ops-logs", {
      MAILLAGE_JWT_PUBLIC_KEY: auth.publicKey!,
      MAILLAGE_JWT_ISSUER: auth.issuer,
      MAILLAGE_JWT_AUDIENCE: auth.audience,
    });
    const post = (body: object, headers: Record<string, string> = {}) =>
      fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

    const named = await post({ query: "query QpvCount { qpvs(first: 2) { totalCount } }" }, { "x-request-id": "req-42" });
    expect(named.status).toBe(200);
    expect(named.headers.get("x-request-id")).toBe("req-42");
    const line = await server.waitForLog((l) => l.reqId === "req-42");
    expect(line).toMatchObject({
      level: "info",
      msg: "request completed",
      req: { method: "POST", path: "/graphql" },
      res: { status: 200 },
      operation: "QpvCount",
      operationType: "query",
      // Answered by the compiled read path (server/queries/compiled): one statement.
      sqlStatements: 1,
      compiled: true,
    });
    expect(typeof line.responseTime).toBe("number");
    expect(typeof line.time).toBe("string");

    // This client accepts application/json: a validation failure is 200 with errors (GraphQL over HTTP).
    const failing = await post({ query: "query Misspelt { qpvz(first: 2) { totalCount } }" });
    expect(failing.status).toBe(200);
    const failed = await server.waitForLog((l) => l.operation === "Misspelt");
    expect(failed).toMatchObject({ res: { status: 200 }, errors: ["GRAPHQL_VALIDATION_FAILED"], sqlStatements: 0 });
    expect(failed).not.toHaveProperty("compiled");
    // A request id of the server's own when the client gives none (or one that is not plain).
    const own = await post({ query: "{ stakes { number } }" }, { "x-request-id": "no spaces allowed\u00e9" });
    expect(own.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    // Personal data (a contact person, the token, a GET query string) never reaches the log.
    const token = await issuer.admin("person.subject@test");
    const created = await post({
      query: `mutation ($input: CreateAssociationInput!) { createAssociation(input: $input) { association { id } errors { code } } }`,
      variables: { input: { name: "Association des journaux", rna: "W592000001", contacts: [{ fullName: "Yasmina Kettani", email: "yasmina.kettani@perso.example", phone: "06 11 22 33 44" }] } },
    }, { authorization: `Bearer ${token}` });
    expect(created.status).toBe(200);
    expect(((await created.json()) as any).data.createAssociation.errors).toEqual([]);
    await fetch(`${server.url}?query=${encodeURIComponent('{ search(text: "Yasmina secret", first: 1) { totalCount } }')}`, { headers: { "apollo-require-preflight": "1" } });
    await server.waitForLog((l) => l.req?.method === "GET");
    const output = server.lines.join("\n");
    for (const secret of ["Yasmina", "Kettani", "perso.example", "06 11 22 33 44", token, "person.subject@test"]) expect(output).not.toContain(secret);
  });

  it("on SIGTERM refuses new requests, lets the one in flight finish, closes the database and exits 0", async () => {
    server = await startServerProcess("ops-shutdown", { LOG_LEVEL: "debug" });
    const inFlight = slowRequest(server.url, "query InFlight { qpvs(first: 3) { totalCount edges { node { code } } } }", "in-flight");
    // The request has reached the server (its body is half read) before the signal.
    await server.waitForLog((l) => l.msg === "request received" && l.reqId === "in-flight");
    server.signal("SIGTERM");
    await server.waitForLog((l) => l.msg === "shutting down");
    // A new request is refused: connection refused, or reset before it is read, or turned away with 503.
    expect(await refusedOrTurnedAway(server.url)).toMatch(/^(ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|503 SHUTTING_DOWN)$/);
    inFlight.finish();
    const answered = await inFlight.response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body).data.qpvs.edges).toHaveLength(3);
    expect(await server.exited).toBe(0);
    expect(server.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped cleanly"]));
    // The database was closed cleanly: a new server opens it (on PGlite, the same data folder).
  });

  it("cuts a request still in flight at the shutdown deadline, then exits", async () => {
    server = await startServerProcess("ops-deadline", { MAILLAGE_SHUTDOWN_TIMEOUT_MS: "500", LOG_LEVEL: "debug" });
    const stuck = slowRequest(server.url, "query Stuck { stakes { number } }", "stuck");
    await server.waitForLog((l) => l.msg === "request received" && l.reqId === "stuck");
    server.signal("SIGTERM");
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await server.exited).toBe(0);
  });
});

describe("metrics and health", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("ops-metrics");
  });
  afterAll(async () => {
    await server?.stop();
  });
  const base = () => server.url.replace(/\/graphql$/, "");

  it("serves Prometheus metrics: durations per operation, SQL statements, errors by code, database pool, cache look-ups", async () => {
    await server.post("query MetricsProbe { qpvs(first: 1) { totalCount } }");
    await server.post("query MetricsProbe { qpvs(first: 1) { totalCount } }");
    await server.post("{ nope }");
    // Refused before GraphQL runs (by the token check, by the batching guard): counted all the same.
    expect((await server.post("{ stakes { number } }", undefined, "not-a-token")).status).toBe(401);
    const batch = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]) });
    expect(batch.status).toBe(400);
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^maillage_graphql_operation_duration_seconds_count\{operation="MetricsProbe",type="query"\} 2$/m);
    expect(text).toMatch(/^maillage_graphql_operation_sql_statements_count\{operation="MetricsProbe"\} 2$/m);
    expect(text).toMatch(/^maillage_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/m);
    expect(text).toMatch(/^maillage_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/m);
    expect(text).toMatch(/^maillage_graphql_errors_total\{code="BATCHING_NOT_SUPPORTED"\} [1-9]/m);
    expect(text).toMatch(/^maillage_http_request_duration_seconds_count\{route="\/graphql",method="POST",status="200"\} [1-9]/m);
    expect(text).toMatch(/^maillage_db_pool_connections\{state="total"\} [1-9]/m);
    expect(text).toMatch(/^# TYPE maillage_cache_lookups_total counter$/m);
    expect(text).toMatch(/^maillage_process_resident_memory_bytes [1-9]/m);
  });

  it("answers /healthz while alive and /readyz only with the database answering and every migration applied", async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });

    const [latest] = await server.app.dataSource.query("SELECT name, timestamp FROM schema_migration ORDER BY timestamp DESC LIMIT 1");
    await server.app.dataSource.query("DELETE FROM schema_migration WHERE name = $1", [latest.name]);
    const behind = await fetch(`${base()}/readyz`);
    expect(behind.status).toBe(503);
    expect(await behind.json()).toEqual({ status: "migrations pending", pending: [latest.name] });
    await server.app.dataSource.query("INSERT INTO schema_migration (timestamp, name) VALUES ($1, $2)", [latest.timestamp, latest.name]);
    expect((await fetch(`${base()}/readyz`)).status).toBe(200);
  });

  (SERVER_URL ? it : it.skip)("reports not ready while PostgreSQL refuses connections, and ready again after", async () => {
    const database = new URL(server.app.dataSource.options.type === "postgres" ? (server.app.dataSource.options as { url: string }).url : "").pathname.slice(1);
    await admin([
      `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    ]);
    try {
      const down = await fetch(`${base()}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: "database unreachable" });
      expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    } finally {
      await admin([`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`]);
    }
    const up = await fetch(`${base()}/readyz`);
    expect(up.status).toBe(200);
    const after = await server.post("{ stakes { number } }");
    expect(after.errors).toBeUndefined();
    expect(after.data.stakes).toHaveLength(4);
  });
});

(SERVER_URL ? describe : describe.skip)("several instances on one PostgreSQL database", () => {
  it("start together on an empty database: one migrates and loads, the others wait for it", async () => {
    const name = `maillage_t_ops_concurrent_start_${process.pid}_${Date.now()}`;
    await admin([`CREATE DATABASE "${name}"`]);
    try {
      const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", databaseUrl: databaseUrl(name), demoData: false };
      const apps = await Promise.all([startApp(config), startApp(config)]);
      try {
        const client = new Client({ connectionString: databaseUrl(name) });
        await client.connect();
        const { rows } = await client.query("SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name HAVING count(*) > 1");
        const { rows: [{ qpvs }] } = await client.query("SELECT count(*)::int AS qpvs FROM qpv");
        await client.end();
        expect(rows).toEqual([]);
        expect(qpvs).toBe(1584);
        for (const app of apps) {
          const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ qpvs(first: 1) { totalCount } }" }) });
          expect(((await res.json()) as any).data.qpvs.totalCount).toBe(1584);
        }
      } finally {
        await Promise.all(apps.map((app) => app.stop()));
      }
    } finally {
      await admin([`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
    }
  });
});
