import { serverAudits } from "graphql-http";
import { loadConfig } from "../server/config";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * The GraphQL over HTTP specification's audit suite (graphql-http), run against the real server:
 * every audit passes, MUST, SHOULD and MAY. Then the status of each kind of answer by the media
 * type the client accepts (the specification's "Status Codes" section).
 */
let server: TestServer;
beforeAll(async () => {
  // Small depth and cost bounds, to refuse them with short queries; the other limits keep their defaults.
  server = await startTestServer("graphql-over-http", { limits: { ...loadConfig({}).limits, maxDepth: 6, maxCost: 5000 } });
});
afterAll(async () => {
  await server?.stop();
});

const audits = serverAudits({ url: () => server.url });

describe("GraphQL over HTTP: MUST audits", () => {
  it.each(audits.filter((audit) => audit.name.startsWith("MUST")).map((audit) => [audit.id, audit.name, audit] as const))(
    "%s %s",
    async (_id, _name, audit) => {
      const result = await audit.fn();
      expect({ status: result.status, reason: result.status === "ok" ? undefined : result.reason }).toEqual({ status: "ok", reason: undefined });
    },
  );
});

describe("GraphQL over HTTP: SHOULD and MAY audits", () => {
  // All pass, including:
  // - the URL-encoded GET ones (5A70, D6D5, 6A70): CSRF prevention is off, because the API has no
  //   ambient credentials a forged request could carry (the argument is in
  //   server/hardening/apollo-hardening.ts, and checked below);
  // - "SHOULD use 200" for `application/json` clients on parse, validation and variable errors
  //   (572B, FDE2, 7B9B): the status follows the media type (server/hardening/response-status.ts).
  it("all pass", async () => {
    const failing: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith("MUST"))) {
      const result = await audit.fn();
      if (result.status !== "ok") failing.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failing).toEqual([]);
  });
});

const GRAPHQL_RESPONSE = "application/graphql-response+json";
const JSON_TYPE = "application/json";
/** What graphql-request sends, and so every test going through `server.post`. */
const GRAPHQL_REQUEST_ACCEPT = `${GRAPHQL_RESPONSE}, ${JSON_TYPE}`;

async function post(body: string, accept: string | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE, ...(accept ? { accept } : {}), ...headers }, body });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", cacheControl: response.headers.get("cache-control"), body: JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

/** A query any client may run. */
const query = JSON.stringify({ query: "{ stakes { number } }" });

const codesOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.map((e) => e.extensions?.code);

describe("status by response media type", () => {
  // Well-formed requests refused before execution: a GraphQL request error.
  const notExecuted: [string, object, string][] = [
    ["document parsing failure", { query: "{" }, "GRAPHQL_PARSE_FAILED"],
    ["document validation failure", { query: "{ noSuchField }" }, "GRAPHQL_VALIDATION_FAILED"],
    ["operation cannot be determined", { query: "query A { stakes { number } } query B { stakes { title } }" }, "OPERATION_RESOLUTION_FAILURE"],
    ["variable coercion failure", { query: "query ($first: Int!) { associations(first: $first) { totalCount } }", variables: { first: "ten" } }, "BAD_USER_INPUT"],
    ["depth limit", { query: "{ associations(first: 1) { edges { node { projects(first: 1) { edges { node { id } } } } } } }" }, "QUERY_TOO_DEEP"],
    ["page size limit", { query: "{ associations(first: 1000) { totalCount } }" }, "BAD_USER_INPUT"],
    ["cost limit", { query: "{ associations(first: 100) { edges { node { projects(first: 100) { edges { cursor } } } } } }" }, "QUERY_TOO_COSTLY"],
  ];

  it.each(notExecuted)("%s: 4xx for application/graphql-response+json, 200 with errors for application/json", async (_name, request, code) => {
    for (const accept of [GRAPHQL_RESPONSE, GRAPHQL_REQUEST_ACCEPT]) {
      const answer = await post(JSON.stringify(request), accept);
      expect({ accept, status: answer.status, contentType: answer.contentType, codes: codesOf(answer.body), data: "data" in answer.body })
        .toEqual({ accept, status: 400, contentType: expect.stringMatching(/^application\/graphql-response\+json/), codes: [code], data: false });
    }
    for (const accept of [JSON_TYPE, "*/*", undefined, `${JSON_TYPE}, ${GRAPHQL_RESPONSE};q=0.9`]) {
      const answer = await post(JSON.stringify(request), accept);
      // A 200 that is an error is never stored by an HTTP cache.
      expect({ accept, status: answer.status, contentType: answer.contentType, cacheControl: answer.cacheControl, codes: codesOf(answer.body), data: "data" in answer.body })
        .toEqual({ accept, status: 200, contentType: expect.stringMatching(/^application\/json/), cacheControl: "no-store", codes: [code], data: false });
    }
  });

  it("a refusal answered 200 to a GET is not cacheable either", async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent("{ noSuchField }")}`, { headers: { accept: JSON_TYPE } });
    expect({ status: response.status, cacheControl: response.headers.get("cache-control") }).toEqual({ status: 200, cacheControl: "no-store" });
  });

  // Not a well-formed GraphQL-over-HTTP request, or refused by the transport: the same 4xx whatever is accepted.
  const refusedForBoth: [string, (accept: string | undefined) => ReturnType<typeof post>, number, string][] = [
    ["a body that is not JSON", (accept) => post("{not json", accept), 400, "BAD_REQUEST"],
    ["no query", (accept) => post(JSON.stringify({ variables: {} }), accept), 400, "BAD_REQUEST"],
    ["variables that are not a map", (accept) => post(JSON.stringify({ query: "{ stakes { number } }", variables: [7] }), accept), 400, "BAD_REQUEST"],
    ["a batch", (accept) => post(`[${query}]`, accept), 400, "BATCHING_NOT_SUPPORTED"],
    ["a body over the size limit", (accept) => post(JSON.stringify({ query: `{ stakes { number } } #${"x".repeat(300_000)}` }), accept), 413, "PAYLOAD_TOO_LARGE"],
    ["a refused token", (accept) => post(query, accept, { authorization: "Bearer not-a-token" }), 401, "UNAUTHENTICATED"],
  ];

  it.each(refusedForBoth)("%s: the same 4xx for both media types", async (_name, send, status, code) => {
    for (const accept of [GRAPHQL_RESPONSE, JSON_TYPE, undefined]) {
      const answer = await send(accept);
      expect({ accept, status: answer.status, codes: codesOf(answer.body) }).toEqual({ accept, status, codes: [code] });
    }
  });

  it("a mutation over GET is 405 for both media types", async () => {
    for (const accept of [GRAPHQL_RESPONSE, JSON_TYPE]) {
      const response = await fetch(`${server.url}?query=${encodeURIComponent("mutation { __typename }")}`, { headers: { accept } });
      expect({ accept, status: response.status }).toEqual({ accept, status: 405 });
    }
  });

  it("an executed request is 200 for both, field errors included", async () => {
    for (const accept of [GRAPHQL_RESPONSE, JSON_TYPE]) {
      const answer = await post(JSON.stringify({ query: `{ stakes { number } association(rna: "W59 5000001") { id } }` }), accept);
      expect(answer.status).toBe(200);
      expect(answer.contentType.startsWith(accept)).toBe(true);
      expect(answer.body.data).toBeTruthy();
    }
  });

  it("an Accept header naming neither media type gets 406", async () => {
    const answer = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE, accept: "text/csv" }, body: JSON.stringify({ query: "{" }) });
    expect(answer.status).toBe(406);
  });
});

describe("GET without a preflight header (no CSRF prevention)", () => {
  it("runs a query, URL-encoded variables included", async () => {
    const url = `${server.url}?query=${encodeURIComponent("query ($first: Int!) { associations(first: $first) { totalCount } }")}&variables=${encodeURIComponent('{"first":1}')}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { associations: { totalCount: number } } }).data.associations.totalCount).toBeGreaterThan(0);
  });

  // What CSRF prevention would otherwise guard, and why it is not needed:
  it("a request a browser could forge cross-site carries no identity: no cookie is ever set", async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent("{ stakes { number } }")}`, { headers: { origin: "https://evil.example.com" } });
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a simple-content-type POST (a form, text/plain) is not read: nothing runs", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": contentType }, body: query });
      expect({ contentType, status: response.status, codes: codesOf((await response.json()) as never) }).toEqual({ contentType, status: 400, codes: ["BAD_REQUEST"] });
    }
  });
});

// POST /graphql is served without Express's router (server/graphql-endpoint.ts); the rest of the app, and
// the other methods, through it. Both must answer alike, and only /graphql itself is taken from the app.
describe("POST /graphql and its neighbours", () => {
  const origin = () => server.url.replace(/\/graphql$/, "");

  it("answers a POST at /graphql, /graphql/ and with a query string alike, and a GET as before, with its ETag", async () => {
    const answers = [];
    for (const path of ["/graphql", "/graphql/", "/graphql?x=1", "/graphql/?x=1"]) {
      const response = await fetch(`${origin()}${path}`, { method: "POST", headers: { "content-type": JSON_TYPE, "x-request-id": "neighbour-1" }, body: query });
      answers.push({ path, status: response.status, requestId: response.headers.get("x-request-id"), etag: response.headers.get("etag"), data: ((await response.json()) as { data: unknown }).data });
    }
    expect(answers).toEqual(["/graphql", "/graphql/", "/graphql?x=1", "/graphql/?x=1"].map((path) => ({
      path, status: 200, requestId: "neighbour-1", etag: null, data: { stakes: [1, 2, 3, 4].map((number) => ({ number })) },
    })));
    const get = await fetch(`${server.url}?query=${encodeURIComponent("{ stakes { number } }")}`);
    expect(get.status).toBe(200);
    expect(get.headers.get("etag")).toMatch(/^W\/"/);
  });

  it("leaves a POST to another path to the app: 404 in GraphQL's error shape", async () => {
    for (const path of ["/graphqlx", "/graphq", "/graphql2?x=1"]) {
      const response = await fetch(`${origin()}${path}`, { method: "POST", headers: { "content-type": JSON_TYPE }, body: query });
      expect({ path, status: response.status, codes: codesOf((await response.json()) as never) }).toEqual({ path, status: 404, codes: ["NOT_FOUND"] });
    }
  });

  it("refuses a malformed body and a body over the limit as the app does, with the request's id", async () => {
    const malformed = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE, "x-request-id": "bad-body" }, body: "{ nope" });
    expect({ status: malformed.status, id: malformed.headers.get("x-request-id"), codes: codesOf((await malformed.json()) as never) })
      .toEqual({ status: 400, id: "bad-body", codes: ["BAD_REQUEST"] });
    const big = await fetch(server.url, { method: "POST", headers: { "content-type": JSON_TYPE }, body: JSON.stringify({ query: `{ stakes { number } }${" ".repeat(300_000)}` }) });
    expect({ status: big.status, codes: codesOf((await big.json()) as never) }).toEqual({ status: 413, codes: ["PAYLOAD_TOO_LARGE"] });
  });
});
