import { startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { cloneTemplate } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";

const ALLOWED = "https://explorer.example.org";

let server: TestServer;

/** The settings NODE_ENV=production gives with this environment, read through loadConfig as at a real start. */
function productionSettings(env: Record<string, string>) {
  const production = loadConfig({ NODE_ENV: "production", ...env });
  const { port: _port, host: _host, databaseUrl: _db, dataDir: _dir, demoData: _demo, diagnostics: _diag, ...settings } = production;
  return settings;
}

const METRICS_TOKEN = "scrape-token-0123456789abcdef";

beforeAll(async () => {
  // The metrics port is 9464 by default in production: a free one here, as tests run side by side.
  server = await startTestServer("production-mode", productionSettings({ MAILLAGE_CORS_ORIGINS: `${ALLOWED}, https://other.example.org`, MAILLAGE_METRICS_PORT: "0" }));
});

afterAll(async () => {
  await server?.stop();
});

const noStackTrace = (text: string) => expect(text).not.toMatch(/stacktrace|\bat .*\.(ts|js):\d+/);

describe("production mode (NODE_ENV=production)", () => {
  it("answers queries as usual", async () => {
    const response = await server.post(`{ stakes { number } }`);
    expect(response.status).toBe(200);
    expect(response.data.stakes).toHaveLength(4);
  });

  it("refuses introspection", async () => {
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Association") { fields { name } } }`]) {
      const response = await server.post(query);
      expect(response.status).toBe(400);
      expect(response.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(response.errors?.[0].message).toMatch(/introspection/i);
      expect(response.extensions?.diagnostics?.sqlStatements).toBe(0);
    }
  });

  it("gives no 'did you mean' suggestion for a misspelt field or argument", async () => {
    for (const query of [`{ associations(first: 1) { edges { node { nme } } } }`, `{ associatons(first: 1) { totalCount } }`, `{ associations(frist: 1) { totalCount } }`]) {
      const response = await server.post(query);
      expect(response.status).toBe(400);
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors!) expect(error.message).not.toMatch(/did you mean/i);
      noStackTrace(JSON.stringify(response));
    }
  });

  it("gives no 'did you mean' suggestion for a misspelt input field or enum value in variables, nor in an export's filter", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [`query ($f: AssociationFilter) { associations(first: 1, filter: $f) { totalCount } }`, { f: { departmentCode: ["59"] } }, /Field "departmentCode" is not defined/],
      [`query ($f: AssociationFilter) { associations(first: 1, filter: $f) { totalCount } }`, { f: { employerSizes: ["SMALL_EMPLOYEER"] } }, /Value "SMALL_EMPLOYEER" does not exist/],
      [`query ($o: OrganizationOrder) { organizations(first: 1, orderBy: $o) { totalCount } }`, { o: { field: "NAM" } }, /Value "NAM" does not exist/],
    ];
    for (const [query, variables, problem] of cases) {
      const response = await server.post(query, variables);
      expect(response.status).toBe(400);
      expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.errors?.[0].message).toMatch(problem);
      for (const error of response.errors!) expect(error.message).not.toMatch(/did you mean/i);
    }
    const base = server.url.replace(/\/graphql$/, "");
    for (const [filter, problem] of [[{ departmentCode: ["59"] }, /Field "departmentCode" is not defined/], [{ groupings: ["FEDERATIO"] }, /Value "FEDERATIO" does not exist/]] as const) {
      const response = await fetch(`${base}/exports/associations.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as { errors: { message: string }[] };
      expect(errors[0].message).toMatch(problem);
      expect(errors[0].message).not.toMatch(/did you mean/i);
    }
  });

  it("lets no stack trace out: GraphQL errors, a bad body, an unknown route", async () => {
    const responses = [
      JSON.stringify(await server.post(`{ association(rna: "W59 5000001") { id } }`)),
      JSON.stringify(await server.post(`{ associations(first: 5) { `)),
      await (await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" })).text(),
    ];
    for (const text of responses) noStackTrace(text);
  });

  it("serves GET queries without a preflight header (no CSRF prevention: see apollo-hardening.ts), never mutations; simple-content-type POSTs are not read", async () => {
    const query = encodeURIComponent("{ stakes { number } }");
    // Nothing ambient to forge (bearer tokens only, no cookie): a GET query needs no preflight-forcing header.
    const bareGet = await fetch(`${server.url}?query=${query}`);
    expect(bareGet.status).toBe(200);
    expect(((await bareGet.json()) as any).data.stakes).toHaveLength(4);
    // A mutation is never run by GET, with or without the header.
    for (const headers of [{}, { "apollo-require-preflight": "true" }] as Record<string, string>[]) {
      const mutation = await fetch(`${server.url}?query=${encodeURIComponent("mutation { __typename }")}`, { headers });
      expect(mutation.status).toBe(405);
    }
    const textPost = await fetch(server.url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ stakes { number } }" }) });
    expect(textPost.status).toBe(400);
    noStackTrace(await textPost.text());
    const formPost = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "query=%7B__typename%7D" });
    expect(formPost.status).toBe(400);
    // With the header Apollo's CSRF prevention asked for, the GET is served as before.
    const preflighted = await fetch(`${server.url}?query=${query}`, { headers: { "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as any).data.stakes).toHaveLength(4);
  });

  it("allows the configured CORS origins, and no others", async () => {
    const preflight = (origin: string) => fetch(server.url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    const denied = await preflight("https://evil.example.com");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
    const post = (origin: string) => fetch(server.url, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ query: "{ stakes { number } }" }) });
    expect((await post(ALLOWED)).headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect((await post("https://evil.example.com")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves no landing page or IDE", async () => {
    // A browser's navigation: JSON is acceptable (*/*), and a GET without a query is a bad request.
    const browser = await fetch(server.url, { headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    expect(browser.headers.get("content-type") ?? "").toMatch(/^application\/json/);
    expect(browser.status).toBe(400);
    // HTML only: neither GraphQL media type is acceptable, so 406 (GraphQL over HTTP, "Body").
    const htmlOnly = await fetch(server.url, { headers: { accept: "text/html" } });
    expect(htmlOnly.headers.get("content-type") ?? "").not.toMatch(/html/);
    expect(htmlOnly.status).toBe(406);
  });
});

describe("metrics in production", () => {
  const origin = () => new URL(server.url).origin;

  it("are not on the public port, in any spelling; the health routes are", async () => {
    for (const path of ["/metrics", "/metrics/", "/METRICS", "/Metrics?x=1"]) {
      const response = await fetch(`${origin()}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.text()).not.toMatch(/maillage_/);
    }
    expect((await fetch(`${origin()}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin()}/readyz`)).status).toBe(200);
  });

  it("answer on their own port, which serves nothing else", async () => {
    const metricsUrl = new URL(server.app.metricsUrl!);
    expect(metricsUrl.port).not.toBe(new URL(server.url).port);
    await server.post("query MetricsPortProbe { stakes { number } }");
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^maillage_graphql_operation_duration_seconds_count\{operation="MetricsPortProbe",type="query"\} 1$/m);
    expect(text).toMatch(/^maillage_db_pool_connections\{state="total"\} [1-9]/m);
    for (const path of ["/graphql", "/healthz", "/readyz", "/exports/qpvs.csv", "/"]) {
      expect({ path, status: (await fetch(new URL(path, metricsUrl))).status }).toEqual({ path, status: 404 });
    }
  });

  it("with MAILLAGE_METRICS_TOKEN and no metrics port: on the public port, behind the token", async () => {
    const withToken = await startTestServer("production-metrics-token", productionSettings({ MAILLAGE_METRICS_TOKEN: METRICS_TOKEN }));
    try {
      const metricsUrl = `${new URL(withToken.url).origin}/metrics`;
      expect(withToken.app.metricsUrl).toBe(metricsUrl);
      for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`, "Bearer "]) {
        const refused = await fetch(metricsUrl, { headers: authorization ? { authorization } : {} });
        expect({ authorization, status: refused.status }).toEqual({ authorization, status: 401 });
        expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(await refused.text()).not.toMatch(/maillage_/);
      }
      const scraped = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^maillage_process_resident_memory_bytes [1-9]/m);
    } finally {
      await withToken.stop();
    }
  });

  it("on their own port with a token: the token is asked there too, and stopping the app closes that port, kept-alive scrapes included", async () => {
    const app = await startTestServer("production-metrics-port", productionSettings({ MAILLAGE_METRICS_PORT: "0", MAILLAGE_METRICS_TOKEN: METRICS_TOKEN }));
    let stopped = false;
    try {
      const metricsUrl = app.app.metricsUrl!;
      expect((await fetch(metricsUrl)).status).toBe(401);
      expect((await fetch(`${new URL(app.url).origin}/metrics`)).status).toBe(404);
      // fetch keeps this connection open for the next request, as Prometheus does.
      const scraped = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      await scraped.text();
      const started = Date.now();
      await app.stop();
      stopped = true;
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect(fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).rejects.toThrow();
    } finally {
      if (!stopped) await app.stop();
    }
  });
});

describe("production defaults", () => {
  it("serve metrics on port 9464 (MAILLAGE_METRICS_PORT), or on the public port only behind MAILLAGE_METRICS_TOKEN", () => {
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ metrics: true, metricsPort: 9464, metricsHost: "127.0.0.1", metricsToken: undefined });
    expect(loadConfig({ NODE_ENV: "production", HOST: "0.0.0.0" }).metricsHost).toBe("0.0.0.0");
    expect(loadConfig({ NODE_ENV: "production", HOST: "0.0.0.0", MAILLAGE_METRICS_HOST: "10.0.0.5" }).metricsHost).toBe("10.0.0.5");
    expect(loadConfig({ NODE_ENV: "production", MAILLAGE_METRICS_PORT: "9100" }).metricsPort).toBe(9100);
    expect(loadConfig({ NODE_ENV: "production", MAILLAGE_METRICS_TOKEN: METRICS_TOKEN })).toMatchObject({ metricsPort: undefined, metricsToken: METRICS_TOKEN });
    expect(loadConfig({ NODE_ENV: "production", MAILLAGE_METRICS_TOKEN: METRICS_TOKEN, MAILLAGE_METRICS_PORT: "9100" })).toMatchObject({ metricsPort: 9100, metricsToken: METRICS_TOKEN });
    // Outside production: on the public port, open, as before.
    expect(loadConfig({})).toMatchObject({ metricsPort: undefined, metricsToken: undefined });
    expect(() => loadConfig({ NODE_ENV: "production", PORT: "4000", MAILLAGE_METRICS_PORT: "4000" })).toThrow(/MAILLAGE_METRICS_PORT must differ from PORT/);
    expect(() => loadConfig({ MAILLAGE_METRICS_TOKEN: "short" })).toThrow(/MAILLAGE_METRICS_TOKEN must be at least 16 characters/);
    expect(() => loadConfig({ MAILLAGE_METRICS_TOKEN: "with a space in the middle" })).toThrow(/without spaces/);
    expect(() => loadConfig({ MAILLAGE_METRICS_PORT: "70000" })).toThrow(/MAILLAGE_METRICS_PORT/);
  });

  it("a metrics port already taken stops the start with a message naming the setting", async () => {
    const taken = new URL(server.app.metricsUrl!).port;
    const database = await cloneTemplate("production-metrics-taken");
    try {
      const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", databaseUrl: database.databaseUrl, dataDir: database.dataDir, demoData: false };
      await expect(startApp({ ...config, ...productionSettings({ MAILLAGE_METRICS_PORT: taken }) }))
        .rejects.toThrow(/metrics server cannot listen on 127\.0\.0\.1:\d+ \(MAILLAGE_METRICS_HOST, MAILLAGE_METRICS_PORT\)/);
    } finally {
      await database.drop();
    }
  });

  it("turn introspection off and suggestions hidden, unless configured", () => {
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ introspection: false, hideSuggestions: true, corsOrigins: [], trustProxy: false });
    expect(loadConfig({ NODE_ENV: "production", MAILLAGE_INTROSPECTION: "true" }).introspection).toBe(true);
    expect(loadConfig({})).toMatchObject({ introspection: true, hideSuggestions: false });
  });

  it("outside production: introspection answers, the landing page is served, CORS stays same-origin, metrics are on the public port", async () => {
    const dev = await startTestServer("development-mode");
    try {
      const introspection = await dev.post(`{ __type(name: "Association") { name } }`);
      expect(introspection.data).toEqual({ __type: { name: "Association" } });
      const page = await fetch(dev.url, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/html/);
      const cross = await fetch(dev.url, { method: "OPTIONS", headers: { origin: ALLOWED, "access-control-request-method": "POST" } });
      expect(cross.headers.get("access-control-allow-origin")).toBeNull();
      // Metrics stay on the public port, open, as they always were outside production.
      const metricsUrl = `${new URL(dev.url).origin}/metrics`;
      expect(dev.app.metricsUrl).toBe(metricsUrl);
      const metrics = await fetch(metricsUrl);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^maillage_process_resident_memory_bytes [1-9]/m);
    } finally {
      await dev.stop();
    }
  });
});
