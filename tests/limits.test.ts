import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Lexer, Source, TokenKind } from "graphql";
import { MAX_PAGE_SIZE } from "../schema/page-args";
import { loadConfig } from "../server/config";
import { MAX_QUERY_NESTING, MAX_VARIABLES_DEPTH } from "../server/limits/http-guards";
import { GraphQLResponse, startTestServer, TestServer } from "./support/test-server";

/** Small bounds, so that "just under" and "just over" are cheap to write; each is checked on both sides. */
const LIMITS = { maxDepth: 6, maxAliases: 5, maxDirectives: 3, maxTokens: 200, maxSelections: 250, maxCost: 50, maxBodyBytes: 4096 };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("limits", { limits: LIMITS, rateLimit: { ...loadConfig({}).rateLimit, enabled: false } });
});

afterAll(async () => {
  await server?.stop();
});

function expectAnswered(response: GraphQLResponse) {
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.data).toBeTruthy();
}

/** Refused with HTTP 400 and one error of this code, before any SQL statement ran. */
function expectRefused(response: GraphQLResponse, code: string) {
  expect(response.status).toBe(400);
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.data).toBeUndefined();
  expect(response.extensions?.diagnostics?.sqlStatements).toBe(0);
  expect(JSON.stringify(response)).not.toMatch(/stacktrace/);
  return response.errors![0];
}

/** POSTs a raw JSON body (deeply nested ones cannot go through JSON.stringify). */
async function postBody(body: string): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, body: await response.json() };
}

function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

describe("request limits", () => {
  it("depth: 6 levels answer, 7 are refused with QUERY_TOO_DEEP", async () => {
    const six = `{ associations(first: 1) { edges { node { projects(first: 1) { edges { cursor } } } } } }`;
    const seven = `{ associations(first: 1) { edges { node { projects(first: 1) { edges { node { id } } } } } } }`;
    expectAnswered(await server.post(six));
    const error = expectRefused(await server.post(seven), "QUERY_TOO_DEEP");
    expect(error.extensions?.limit).toBe(6);
  });

  it("depth counts the fields inside fragments, not the fragments", async () => {
    const viaFragments = `{ associations(first: 1) { ...A } } fragment A on AssociationConnection { edges { node { ...P } } }
      fragment P on Association { projects(first: 1) { edges { node { id } } } }`;
    expectRefused(await server.post(viaFragments), "QUERY_TOO_DEEP");
  });

  it("aliases: 5 answer, 6 are refused with TOO_MANY_ALIASES, __typename included", async () => {
    const aliases = (n: number) => `{ stakes { number } ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    expectAnswered(await server.post(aliases(5)));
    expectRefused(await server.post(aliases(6)), "TOO_MANY_ALIASES");
  });

  it("directives: 3 answer, 4 are refused with TOO_MANY_DIRECTIVES", async () => {
    const directives = (n: number) => `{ stakes { number ${Array.from({ length: n }, () => `title @include(if: true)`).join(" ")} } }`;
    expectAnswered(await server.post(directives(3)));
    expectRefused(await server.post(directives(4)), "TOO_MANY_DIRECTIVES");
  });

  it("tokens: 200 answer, 201 are refused with TOO_MANY_TOKENS by the parser", async () => {
    const padded = (n: number) => {
      const base = `{ stakes { number } }`;
      // Each `__typename` is one token, inserted before the closing brace.
      return `{ stakes { number } ${"__typename ".repeat(n - tokenCount(base))}}`;
    };
    expect(tokenCount(padded(200))).toBe(200);
    expectAnswered(await server.post(padded(200)));
    const error = expectRefused(await server.post(padded(201)), "TOO_MANY_TOKENS");
    expect(error.extensions?.limit).toBe(200);
  });

  it("cost: a query at the budget answers and reports its cost; one point over is refused with QUERY_TOO_COSTLY", async () => {
    // 1 for the list, 1 per association: first 49 costs 50.
    const atBudget = await server.post(`{ associations(first: 49) { edges { node { id name } } } }`);
    expectAnswered(atBudget);
    expect(atBudget.extensions).toMatchObject({ cost: { requested: 50, budget: 50 } });
    const over = await server.post(`query ($n: Int!) { associations(first: $n) { edges { node { id name } } } }`, { n: 50 });
    const error = expectRefused(over, "QUERY_TOO_COSTLY");
    expect(error.extensions).toMatchObject({ cost: 51, budget: 50 });
    expect(over.extensions).toMatchObject({ cost: { requested: 51, budget: 50 } });
  });

  it("cost: nested connections multiply, and costly fields weigh more", async () => {
    // 1 + 5 x (1 + (1 + 5 x 1)) = 36 for 5 associations with 5 projects each (an edge costs 1, its node nothing more).
    const nested = await server.post(`{ associations(first: 5) { edges { node { projects(first: 5) { edges { cursor } } } } } }`);
    expectAnswered(nested);
    expect(nested.extensions).toMatchObject({ cost: { requested: 36 } });
    // The same shape with 10 x 10 costs 1 + 10 x (1 + 1 + 10) = 121.
    expectRefused(await server.post(`{ associations(first: 10) { edges { node { projects(first: 10) { edges { cursor } } } } } }`), "QUERY_TOO_COSTLY");
    const network = await server.post(`{ cooperationNetwork(roots: ["QXNzb2NpYXRpb246OTE"], depth: 1) { __typename } }`);
    expect(network.extensions).toMatchObject({ cost: { requested: 50 } });
  });

  it("cost: a list without `first` weighs its children by its largest size, so nesting such lists cannot go unpriced", async () => {
    // Communes with scalar fields only: 1 + 1 x (1 + 1) = 3.
    const flat = await server.post(`{ epcis(first: 1) { edges { node { communes { inseeCode } } } } }`);
    expectAnswered(flat);
    expect(flat.extensions).toMatchObject({ cost: { requested: 3 } });
    // 1 + 2 x (1 + (1 + 160 x 1)) = 325: an EPCI has up to ~160 communes, each with its EPCI (over this server's budget of 50).
    const two = expectRefused(await server.post(`{ epcis(first: 2) { edges { node { communes { epci { name } } } } } }`), "QUERY_TOO_COSTLY");
    expect(two.extensions).toMatchObject({ cost: 325, budget: 50 });
  });

  it("first: 100 is served, 101 is refused before any work (also when nested, also as a variable)", async () => {
    expectAnswered(await server.post(`{ associations(first: 100) { totalCount } }`));
    const over = expectRefused(await server.post(`{ associations(first: 101) { totalCount } }`), "BAD_USER_INPUT");
    expect(over.extensions).toMatchObject({ reason: "OUT_OF_RANGE", argument: "first" });
    expectRefused(await server.post(`query ($f: Int!) { associations(first: 1) { edges { node { projects(first: $f) { totalCount } } } } }`, { f: 101 }), "BAD_USER_INPUT");
    expectRefused(await server.post(`{ associations(first: 0) { totalCount } }`), "BAD_USER_INPUT");
  });

  it("selections: 250 answer, 251 are refused with TOO_MANY_SELECTIONS before any other validation rule", async () => {
    // 20 spreads + 20 x 10 fields through F + `extra` fields + F's own 10 = 230 + extra.
    const spreads = (extra: string[]) => `{ ${"...F ".repeat(20)} ${extra.join(" ")} } fragment F on Query { ${"__typename ".repeat(10)} }`;
    const twenty = Array.from({ length: 20 }, () => "__typename");
    expectAnswered(await server.post(spreads(twenty)));
    // One more selection, and a field that does not exist: only the selection limit answers, no other rule ran.
    const error = expectRefused(await server.post(spreads([...twenty, "nope"])), "TOO_MANY_SELECTIONS");
    expect(error.extensions?.limit).toBe(250);
  });

  it("selections: a field repeated with subfields counts once per repeat, down its subfields", async () => {
    // k repeats of `stakes { number }` weigh k x k + k x k: 11 repeats are 242, 12 are 288.
    const repeated = (k: number) => `{ ${"stakes { number } ".repeat(k)} }`;
    expectAnswered(await server.post(repeated(11)));
    expectRefused(await server.post(repeated(12)), "TOO_MANY_SELECTIONS");
    // Leaves are cheap to compare: 190 repeated __typename are 190 selections.
    expectAnswered(await server.post(`{ ${"__typename ".repeat(190)} }`));
  });

  it("selections: a fragment bomb is refused, not a 500 from the cost analysis", async () => {
    // F13 doubles F12 ... doubles F0: 2^13 fields once expanded, in 150 tokens.
    const fragments = Array.from({ length: 13 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(" ");
    const bomb = await server.post(`{ ...F13 } ${fragments} fragment F0 on Query { __typename }`);
    expectRefused(bomb, "TOO_MANY_SELECTIONS");
    // A fragment cycle is still reported as such.
    const cycle = await server.post(`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
    expect(cycle.status).toBe(400);
    expect(cycle.errors?.[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it("variables and extensions: 32 levels of nesting pass, 33 are refused with VARIABLES_TOO_DEEP before any GraphQL work (POST and GET)", async () => {
    const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    // The variables object is the first level.
    const atLimit = await postBody(`{"query":${JSON.stringify(query)},"variables":{"ids":${nested(31)}}}`);
    // Past the guard, refused by GraphQL's own coercion: 200 with errors to this application/json client (GraphQL over HTTP).
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.errors.map((e: any) => e.extensions.code)).toEqual(["BAD_USER_INPUT"]);
    for (const body of [
      `{"query":${JSON.stringify(query)},"variables":{"ids":${nested(32)}}}`,
      `{"query":"{ __typename }","extensions":{"x":${nested(32)}}}`,
    ]) {
      const over = await postBody(body);
      expect(over.status).toBe(400);
      expect(over.body.errors).toEqual([{ message: expect.any(String), extensions: { code: "VARIABLES_TOO_DEEP", limit: 32 } }]);
      expect(over.body.extensions).toBeUndefined();
    }
    const params = new URLSearchParams({ query, variables: `{"ids":${nested(32)}}` });
    const byGet = await fetch(`${server.url}?${params}`, { headers: { "apollo-require-preflight": "true" } });
    expect(byGet.status).toBe(400);
    expect(((await byGet.json()) as any).errors[0].extensions.code).toBe("VARIABLES_TOO_DEEP");
  });

  it("a query text nesting brackets deeper than 200 levels is refused with QUERY_TOO_NESTED before it is parsed; brackets in strings and comments do not count", async () => {
    const over = await postBody(JSON.stringify({ query: `{ stakes ${"{".repeat(200)} }` }));
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([{ message: expect.any(String), extensions: { code: "QUERY_TOO_NESTED", limit: 200 } }]);
    expectAnswered(await server.post(`{ stakes { number } } # ${"{".repeat(300)}`));
    for (const text of [`"${"{[(".repeat(100)}"`, `"""${"{[(".repeat(100)} \\""" """`]) {
      const response = await server.post(`{ search(text: ${text}, first: 1) { totalCount } }`);
      expect(response.status).toBeLessThan(500);
      expect(response.errors?.[0].extensions?.code).not.toBe("QUERY_TOO_NESTED");
    }
  });

  it("refuses batched requests with BATCHING_NOT_SUPPORTED", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ stakes { number } }" }, { query: "{ stakes { title } }" }]),
    });
    expect(response.status).toBe(400);
    const body: any = await response.json();
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(["BATCHING_NOT_SUPPORTED"]);
  });

  it("body size: 4096 bytes answer, 4097 bytes get HTTP 413 PAYLOAD_TOO_LARGE", async () => {
    const body = (bytes: number) => {
      const empty = JSON.stringify({ query: "{ stakes { number } }" });
      return JSON.stringify({ query: "{ stakes { number } }" + " ".repeat(bytes - Buffer.byteLength(empty)) });
    };
    const post = (payload: string) => fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
    expect(Buffer.byteLength(body(4096))).toBe(4096);
    const under = await post(body(4096));
    expect(under.status).toBe(200);
    expect(((await under.json()) as any).data.stakes).toHaveLength(4);
    const over = await post(body(4097));
    expect(over.status).toBe(413);
    const refused: any = await over.json();
    expect(refused.errors.map((e: any) => e.extensions)).toEqual([{ code: "PAYLOAD_TOO_LARGE", limit: 4096 }]);
  });

  it("keeps 'did you mean' suggestions outside production", async () => {
    const response = await server.post(`{ associations(first: 1) { edges { node { nme } } } }`);
    expect(response.status).toBe(400);
    expect(response.errors![0].message).toMatch(/Did you mean/);
  });
});

/** The operator's documentation: its tables of request limits and rate limiting. */
const OPERATIONS = fs.readFileSync(path.resolve(__dirname, "../docs/operations.md"), "utf8");

/** The default a table of docs/operations.md gives a variable: the first code span after its name. */
function documentedDefault(variable: string): string | undefined {
  return new RegExp(`^\\| \`${variable}\` \\| \`([^\`]+)\``, "m").exec(OPERATIONS)?.[1];
}

describe("default limits", () => {
  it("are those documented in docs/operations.md", () => {
    const { limits, rateLimit } = loadConfig({});
    expect(limits).toEqual({ maxDepth: 20, maxAliases: 200, maxDirectives: 20, maxTokens: 10000, maxSelections: 2000, maxCost: 200000, maxBodyBytes: 262144 });
    expect(rateLimit).toEqual({ enabled: true, identityPoints: 2000000, ipPoints: 1000000, windowSeconds: 60, keyPrefix: "maillage:rate" });
    const defaults: Record<string, unknown> = {
      MAILLAGE_MAX_DEPTH: limits.maxDepth, MAILLAGE_MAX_ALIASES: limits.maxAliases, MAILLAGE_MAX_DIRECTIVES: limits.maxDirectives,
      MAILLAGE_MAX_TOKENS: limits.maxTokens, MAILLAGE_MAX_SELECTIONS: limits.maxSelections, MAILLAGE_MAX_COST: limits.maxCost,
      MAILLAGE_MAX_BODY_BYTES: limits.maxBodyBytes, MAILLAGE_RATE_LIMIT: rateLimit.enabled,
      MAILLAGE_RATE_LIMIT_IDENTITY_POINTS: rateLimit.identityPoints, MAILLAGE_RATE_LIMIT_IP_POINTS: rateLimit.ipPoints,
      MAILLAGE_RATE_LIMIT_WINDOW_SECONDS: rateLimit.windowSeconds, MAILLAGE_RATE_LIMIT_PREFIX: rateLimit.keyPrefix,
    };
    for (const [variable, value] of Object.entries(defaults)) expect({ variable, documented: documentedDefault(variable) }).toEqual({ variable, documented: String(value) });
    // The fixed bounds, by the code each is refused with.
    expect(OPERATIONS).toMatch(new RegExp(`^\\| \\(fixed\\) \\| 1\\.\\.${MAX_PAGE_SIZE} \\|.*\`argument: first\``, "m"));
    expect(OPERATIONS).toMatch(new RegExp(`^\\| \\(fixed\\) \\| ${MAX_PAGE_SIZE} \\|.*\`argument: ids\``, "m"));
    expect(OPERATIONS).toMatch(new RegExp(`^\\| \\(fixed\\) \\| ${MAX_VARIABLES_DEPTH} \\|.*VARIABLES_TOO_DEEP`, "m"));
    expect(OPERATIONS).toMatch(new RegExp(`^\\| \\(fixed\\) \\| ${MAX_QUERY_NESTING} \\|.*QUERY_TOO_NESTED`, "m"));
  });

  it("refuses values out of range at start", () => {
    expect(() => loadConfig({ MAILLAGE_MAX_DEPTH: "0" })).toThrow(/MAILLAGE_MAX_DEPTH/);
    expect(() => loadConfig({ MAILLAGE_TRUST_PROXY: "true" })).toThrow(/MAILLAGE_TRUST_PROXY/);
    expect(loadConfig({ MAILLAGE_TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ MAILLAGE_TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toBe("loopback, 10.0.0.0/8");
  });
});
