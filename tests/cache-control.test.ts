import { uncoveredByCachePolicy } from "../server/build-schema";
import { cacheLookups } from "../server/observability/metrics";
import { send, WireResponse } from "./support/http-graphql";
import { startTestServer, TestServer } from "./support/test-server";
import { TestIssuer, testIssuer } from "./support/tokens";

let server: TestServer;
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await testIssuer();
  // The response cache in process memory (no REDIS_URL).
  server = await startTestServer("cache-control", { ...issuer.settings, responseCache: true });
});

afterAll(async () => {
  await server?.stop();
});

const REFERENCE = `{ regions(first: 3) { edges { node { code name departments { code name } } } } }`;
const PUBLIC = `query Associations($first: Int!) { associations(first: $first) { totalCount edges { node { id name commune { name } } } } }`;
const cacheControl = (response: WireResponse) => response.headers.get("cache-control");
const sqlStatements = (response: WireResponse) => response.body.extensions?.diagnostics?.sqlStatements;
const hits = async (cache: string) => (await cacheLookups.get()).values.find((v) => v.labels.cache === cache && v.labels.outcome === "hit")?.value ?? 0;

describe("cache policy", () => {
  it("covers every type and root field of the schema", async () => {
    expect(await uncoveredByCachePolicy()).toEqual([]);
  });
});

describe("Cache-Control headers", () => {
  it("lets anyone keep public reference data for a day, by GET and POST", async () => {
    for (const method of ["GET", "POST"] as const) {
      const response = await send(server.url, { query: REFERENCE }, { method });
      expect(response.body.errors).toBeUndefined();
      expect(cacheControl(response)).toBe("max-age=86400, public");
      expect(response.headers.get("vary")).toMatch(/Authorization/);
    }
  });

  it("lets anyone keep the public graph for a minute, the shortest hint of the response winning", async () => {
    for (const method of ["GET", "POST"] as const) {
      const response = await send(server.url, { query: PUBLIC, variables: { first: 2 } }, { method });
      expect(response.body.errors).toBeUndefined();
      expect(cacheControl(response)).toBe("max-age=60, public");
    }
    // Reference data reached through the public graph takes the graph's minute.
    const qpv = await send(server.url, { query: `{ qpv(code: "QN05981M") { name associations(first: 2) { edges { node { name } } } } }` });
    expect(qpv.body.errors).toBeUndefined();
    expect(cacheControl(qpv)).toBe("max-age=60, public");
  });

  it("never lets personal data be stored: the viewer, organisations' contacts, the audit trail", async () => {
    const { body } = await send(server.url, { query: `{ associations(first: 1) { edges { node { id } } } }` });
    const id = body.data.associations.edges[0].node.id;
    const editor = await issuer.editor(id);
    const contacts = await send(server.url, { query: `query ($id: ID!) { node(id: $id) { ... on Association { name contacts { fullName } } } }`, variables: { id } }, { token: editor });
    expect(contacts.body.errors).toBeUndefined();
    expect(contacts.body.data.node.contacts).not.toBeNull();
    expect(cacheControl(contacts)).toBe("no-store");

    const viewer = await send(server.url, { query: `{ viewer { role } }` }, { token: editor });
    expect(viewer.body.data.viewer.role).toBe("ASSOCIATION_EDITOR");
    expect(cacheControl(viewer)).toBe("no-store");
    const anonymousViewer = await send(server.url, { query: `{ viewer { role } }` }, { method: "GET" });
    expect(cacheControl(anonymousViewer)).toBe("no-store");

    const audit = await send(server.url, { query: `{ auditEntries(first: 1) { totalCount } }` }, { token: await issuer.admin() });
    expect(audit.body.errors).toBeUndefined();
    expect(cacheControl(audit)).toBe("no-store");
  });

  it("keeps any answer to a request with a token out of shared caches", async () => {
    const response = await send(server.url, { query: REFERENCE }, { token: await issuer.officer(["department:59"]), method: "GET" });
    expect(response.body.errors).toBeUndefined();
    expect(cacheControl(response)).toBe("max-age=86400, private");
  });

  it("never lets a mutation's answer be stored", async () => {
    const admin = await issuer.admin();
    const { body } = await send(server.url, { query: `{ associations(first: 1) { edges { node { id version } } } }` });
    const { id, version } = body.data.associations.edges[0].node;
    const response = await send(server.url, {
      query: `mutation ($input: UpdateAssociationInput!) { updateAssociation(input: $input) { association { id version } errors { code } } }`,
      variables: { input: { id, version, website: "https://example.org/cache-control" } },
    }, { token: admin });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.updateAssociation.errors).toEqual([]);
    expect(cacheControl(response)).toBe("no-store");
  });

  it("says no-store on errors", async () => {
    const response = await send(server.url, { query: `{ association(rna: "not an rna") { id } }` });
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(cacheControl(response)).toBe("no-store");
  });
});

describe("response cache (in memory)", () => {
  it("answers a repeated anonymous public query from the cache, without SQL, with its age", async () => {
    const request = { query: PUBLIC, variables: { first: 4 } };
    const hitsBefore = await hits("response");
    const first = await send(server.url, request);
    expect(sqlStatements(first)).toBeGreaterThan(0);
    expect(first.headers.get("age")).toBeNull();
    const second = await send(server.url, request, { method: "GET" });
    expect(second.body.data).toEqual(first.body.data);
    expect(sqlStatements(second)).toBe(0);
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect(cacheControl(second)).toBe("max-age=60, public");
    expect(await hits("response")).toBe(hitsBefore + 1);
    // Other variables are another entry.
    const other = await send(server.url, { query: PUBLIC, variables: { first: 5 } });
    expect(sqlStatements(other)).toBeGreaterThan(0);
  });

  it("neither serves nor stores answers to requests with a token", async () => {
    const token = await issuer.officer(["department:59"]);
    const request = { query: PUBLIC, variables: { first: 6 } };
    const anonymous = await send(server.url, request);
    expect(sqlStatements(anonymous)).toBeGreaterThan(0);
    // Cached for anonymous readers now, but the officer's request runs.
    const withToken = await send(server.url, request, { token });
    expect(sqlStatements(withToken)).toBeGreaterThan(0);
    expect(withToken.headers.get("age")).toBeNull();
    // An answer given to a token is not stored: the next one with a token runs again, and so does the first anonymous one.
    const fresh = { query: PUBLIC, variables: { first: 7 } };
    expect(sqlStatements(await send(server.url, fresh, { token }))).toBeGreaterThan(0);
    expect(sqlStatements(await send(server.url, fresh, { token }))).toBeGreaterThan(0);
    expect(sqlStatements(await send(server.url, fresh))).toBeGreaterThan(0);
  });

  it("does not store personal or uncacheable answers", async () => {
    const request = { query: `{ viewer { role } associations(first: 1) { totalCount } }` };
    expect(sqlStatements(await send(server.url, request))).toBeGreaterThan(0);
    expect(sqlStatements(await send(server.url, request))).toBeGreaterThan(0);
  });

  it("serves a cached answer until its maxAge even after a write; writers, who send a token, see their write at once", async () => {
    const QUERY = `query ($id: ID!) { node(id: $id) { ... on Association { website version } } }`;
    const { body } = await send(server.url, { query: `{ associations(first: 1, orderBy: { field: NAME, direction: DESC }) { edges { node { id version } } } }` });
    const { id, version } = body.data.associations.edges[0].node;
    const before = await send(server.url, { query: QUERY, variables: { id } });
    const admin = await issuer.admin();
    const update = await send(server.url, {
      query: `mutation ($input: UpdateAssociationInput!) { updateAssociation(input: $input) { errors { code } } }`,
      variables: { input: { id, version, website: "https://example.org/stale" } },
    }, { token: admin });
    expect(update.body.data.updateAssociation.errors).toEqual([]);
    const anonymous = await send(server.url, { query: QUERY, variables: { id } });
    expect(anonymous.body.data).toEqual(before.body.data);
    expect(sqlStatements(anonymous)).toBe(0);
    const writer = await send(server.url, { query: QUERY, variables: { id } }, { token: admin });
    expect(writer.body.data.node).toEqual({ website: "https://example.org/stale", version: version + 1 });
  });
});
