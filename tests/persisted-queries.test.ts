import path from "node:path";
import { buildManifest } from "../server/persisted-operations/build-manifest";
import { persisted, send, sha256 } from "./support/http-graphql";
import { startTestServer, TestServer } from "./support/test-server";

const OPERATIONS_FILE = path.resolve(__dirname, "../schema/operations/mobile.json");
const manifest = buildManifest(path.resolve(__dirname, "../schema/operations/mobile"));
const registered = (name: string) => manifest.operations.find((o) => o.name === name)!;

/** APQ with the in-memory store, the operations file preloading it (no strict mode). */
describe("automatic persisted queries (memory store)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("apq-memory", { operationsFile: OPERATIONS_FILE, persistedQueryMaxBytes: 4096 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const QUERY = `query CommuneName($code: String!) { commune(inseeCode: $code) { inseeCode name } }`;

  it("asks for the query text first, then runs a query registered with its hash by hash alone, by POST and GET", async () => {
    const variables = { code: "59512" };
    const unknown = await send(server.url, { extensions: persisted(QUERY), variables });
    expect(unknown.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(unknown.body.data).toBeUndefined();

    const registering = await send(server.url, { query: QUERY, extensions: persisted(QUERY), variables });
    expect(registering.status).toBe(200);
    expect(registering.body.data.commune).toEqual({ inseeCode: "59512", name: "Roubaix" });

    const byHash = await send(server.url, { extensions: persisted(QUERY), variables });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data.commune.name).toBe("Roubaix");

    const byGet = await send(server.url, { extensions: persisted(QUERY), variables: { code: "75056" } }, { method: "GET" });
    expect(byGet.status).toBe(200);
    expect(byGet.body.data.commune).toEqual({ inseeCode: "75056", name: "Paris" });
  });

  it("stores a query a client registers only once it passed validation and every limit", async () => {
    const refused: [string, string][] = [
      [`{ nope }`, "GRAPHQL_VALIDATION_FAILED"],
      [`{ associations(first: 101) { totalCount } }`, "BAD_USER_INPUT"],
      [`{ associations(first: 100) { edges { node { projects(first: 100) { edges { node { events(first: 100) { edges { node { id } } } } } } } } } }`, "QUERY_TOO_COSTLY"],
      [`{ ${"stakes { number } ".repeat(40)} }`, "TOO_MANY_SELECTIONS"],
    ];
    for (const [query, code] of refused) {
      const registering = await send(server.url, { query, extensions: persisted(query) });
      // Refused before it ran: 200 with errors to this application/json client (GraphQL over HTTP), and not stored.
      expect(registering.status).toBe(200);
      expect(registering.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      const byHash = await send(server.url, { extensions: persisted(query) });
      expect(byHash.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    }
  });

  it("runs, but does not store, a query text over MAILLAGE_APQ_MAX_BYTES (here 4096)", async () => {
    // Padded with a comment to an exact size in bytes.
    const sized = (bytes: number, tag: string) => {
      const query = `{ stakes { number } } # ${tag} `;
      return query + "x".repeat(bytes - Buffer.byteLength(query));
    };
    for (const [bytes, stored] of [[4096, true], [4097, false]] as const) {
      const query = sized(bytes, String(bytes));
      expect(Buffer.byteLength(query)).toBe(bytes);
      const registering = await send(server.url, { query, extensions: persisted(query) });
      expect(registering.status).toBe(200);
      expect(registering.body.data.stakes).toHaveLength(4);
      const byHash = await send(server.url, { extensions: persisted(query) });
      if (stored) expect(byHash.body.data.stakes).toHaveLength(4);
      else expect(byHash.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    }
  });

  it("refuses a hash that does not match the query text", async () => {
    const response = await send(server.url, { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha256("other") } }, variables: { code: "59512" } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: "provided sha does not match query", extensions: { code: "BAD_REQUEST" } }]);
    expect(response.body.data).toBeUndefined();
  });

  it("knows the operations of the operations file by hash without registration", async () => {
    const reference = registered("ReferenceLists");
    expect(reference.id).toBe(sha256(reference.body));
    const response = await send(server.url, { extensions: persisted(reference.body) }, { method: "GET" });
    expect(response.status).toBe(200);
    expect(response.body.data.stakes).toHaveLength(4);
    expect(response.body.data.themes.length).toBeGreaterThan(0);
  });

  it("still runs any other query when strict mode is off", async () => {
    const response = await send(server.url, { query: "{ regions(first: 1) { totalCount } }" });
    expect(response.status).toBe(200);
    expect(response.body.data.regions.totalCount).toBeGreaterThan(0);
  });
});

/** Strict mode: only the operations of the file run. */
describe("strict operations", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("apq-strict", { operationsFile: OPERATIONS_FILE, strictOperations: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("runs a registered operation by hash (GET and POST) or by its identical text", async () => {
    const reference = registered("ReferenceLists");
    for (const method of ["GET", "POST"] as const) {
      const response = await send(server.url, { extensions: persisted(reference.body) }, { method });
      expect(response.status).toBe(200);
      expect(response.body.data.stakes).toHaveLength(4);
    }
    const byText = await send(server.url, { query: reference.body });
    expect(byText.status).toBe(200);
    expect(byText.body.data.stakes).toHaveLength(4);
  });

  it("runs the mobile operations of the example file", async () => {
    const near = await send(server.url, {
      extensions: persisted(registered("EventsNearMe").body),
      variables: { latitude: 50.69, longitude: 3.18, radiusMeters: 50_000, first: 5 },
    });
    expect(near.body.errors).toBeUndefined();
    expect(near.body.data.eventsNear.edges.length).toBeGreaterThan(0);
    const organizer = near.body.data.eventsNear.edges[0].node.organizers[0];
    const card = await send(server.url, {
      extensions: persisted(registered("OrganizationCard").body), variables: { id: organizer.id, links: 3, events: 3 },
    });
    expect(card.body.errors).toBeUndefined();
    expect(card.body.data.node).toMatchObject({ id: organizer.id, name: organizer.name });
    expect(card.body.data.node.events.edges.length).toBeGreaterThan(0);
  });

  it("refuses an unknown operation with HTTP 400 and OPERATION_NOT_REGISTERED, before running it", async () => {
    const other = "{ regions(first: 1) { totalCount } }";
    for (const request of [{ query: other }, { query: other, extensions: persisted(other) }, { extensions: persisted(other) }]) {
      for (const method of ["GET", "POST"] as const) {
        const response = await send(server.url, request, { method });
        expect(response.status).toBe(400);
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(response.body.errors).toEqual([{ message: expect.any(String), extensions: { code: "OPERATION_NOT_REGISTERED" } }]);
        // Nothing ran: no diagnostics, no data.
        expect(response.body.data).toBeUndefined();
        expect(response.body.extensions).toBeUndefined();
      }
    }
    // A registered text altered by a single character is another operation; so is introspection.
    const altered = await send(server.url, { query: `${registered("ReferenceLists").body} ` });
    expect(altered.body.errors?.[0].extensions?.code).toBe("OPERATION_NOT_REGISTERED");
    const introspection = await send(server.url, { query: "{ __schema { queryType { name } } }" });
    expect(introspection.status).toBe(400);
  });
});
