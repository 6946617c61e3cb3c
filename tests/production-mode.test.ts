import { loadConfig } from "../server/config";
import { startTestServer, TestServer } from "./support/test-server";

const ALLOWED = "https://explorer.example.org";

let server: TestServer;

beforeAll(async () => {
  // The settings NODE_ENV=production gives, read through loadConfig as at a real start.
  const production = loadConfig({ NODE_ENV: "production", MAILLAGE_CORS_ORIGINS: `${ALLOWED}, https://other.example.org` });
  const { port: _port, host: _host, databaseUrl: _db, dataDir: _dir, demoData: _demo, diagnostics: _diag, ...settings } = production;
  server = await startTestServer("production-mode", settings);
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

  it("prevents CSRF: a GET or a simple-content-type POST needs a preflight header", async () => {
    const query = encodeURIComponent("{ stakes { number } }");
    const bareGet = await fetch(`${server.url}?query=${query}`);
    expect(bareGet.status).toBe(400);
    expect(((await bareGet.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
    const textPost = await fetch(server.url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ stakes { number } }" }) });
    expect(textPost.status).toBe(400);
    noStackTrace(await textPost.text());
    const formPost = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "query=%7B__typename%7D" });
    expect(formPost.status).toBe(400);
    // With the header a browser cannot send cross-site without a preflight, the GET is served.
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
    const response = await fetch(server.url, { headers: { accept: "text/html" } });
    expect(response.headers.get("content-type") ?? "").not.toMatch(/html/);
    expect(response.status).toBe(400);
  });
});

describe("production defaults", () => {
  it("turn introspection off and suggestions hidden, unless configured", () => {
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ introspection: false, hideSuggestions: true, corsOrigins: [], trustProxy: false });
    expect(loadConfig({ NODE_ENV: "production", MAILLAGE_INTROSPECTION: "true" }).introspection).toBe(true);
    expect(loadConfig({})).toMatchObject({ introspection: true, hideSuggestions: false });
  });

  it("outside production: introspection answers, the landing page is served, CORS stays same-origin", async () => {
    const dev = await startTestServer("development-mode");
    try {
      const introspection = await dev.post(`{ __type(name: "Association") { name } }`);
      expect(introspection.data).toEqual({ __type: { name: "Association" } });
      const page = await fetch(dev.url, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/html/);
      const cross = await fetch(dev.url, { method: "OPTIONS", headers: { origin: ALLOWED, "access-control-request-method": "POST" } });
      expect(cross.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await dev.stop();
    }
  });
});
