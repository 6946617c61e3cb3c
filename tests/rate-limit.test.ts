import Redis from "ioredis";
import { Config, loadConfig } from "../server/config";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
/** Other runs share this Redis: every key this file writes is under its own prefix, deleted at the end. */
const RUN_PREFIX = `maillage-test:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;

/** 1 for the list + 1 per association: every request below costs 10 points. */
const QUERY = `{ associations(first: 9) { edges { node { id } } } }`;
const COST = 10;
const IP_POINTS = 20;
const IDENTITY_POINTS = 30;
const WINDOW_SECONDS = 5;

function rateLimitSettings(keyPrefix: string, extra: Partial<Config> = {}): Partial<Config> {
  return {
    rateLimit: { enabled: true, identityPoints: IDENTITY_POINTS, ipPoints: IP_POINTS, windowSeconds: WINDOW_SECONDS, keyPrefix },
    ...extra,
  };
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: any;
}

/** POSTs the query as a client would, from an address (X-Forwarded-For) and with a token, if given. */
async function ask(server: TestServer, from: { ip?: string; token?: string } = {}, query = QUERY): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (from.ip) headers["x-forwarded-for"] = from.ip;
  if (from.token) headers.authorization = `Bearer ${from.token}`;
  const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
}

function expectServed(answer: Answer) {
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data.associations.edges).toHaveLength(9);
  expect(answer.body.extensions.cost).toEqual({ requested: COST, budget: loadConfig({}).limits.maxCost });
}

/** HTTP 429, a Retry-After of whole seconds within the window, the stable code, and nothing run. */
function expectLimited(answer: Answer): number {
  expect(answer.status).toBe(429);
  const seconds = Number(answer.retryAfter);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors[0].extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: seconds });
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.extensions.diagnostics.sqlStatements).toBe(0);
  return seconds;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server counts in Redis: until its connection is ready it counts in memory (the
 * fallback), and a test that straddled the two would see two budgets. A warm-up address is used.
 */
async function untilCountingInRedis(server: TestServer, prefix: string, warmUpIp: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await ask(server, { ip: warmUpIp }, `{ __typename }`);
    if (await redis.exists(`${prefix}:ip:ip:${warmUpIp}`)) return;
    await sleep(50);
  }
  throw new Error("the test server never counted in Redis");
}

let issuer: TestIssuer;
let redis: Redis;

beforeAll(async () => {
  issuer = await testIssuer();
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
});

afterAll(async () => {
  // Only this file's keys: never FLUSHDB on a Redis other runs share.
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${RUN_PREFIX}*`, "COUNT", 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== "0");
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe.each([
  ["in process memory", undefined],
  ["in Redis", REDIS_URL],
])("rate limit on query cost, %s", (_store, redisUrl) => {
  let server: TestServer;
  const prefix = `${RUN_PREFIX}:${redisUrl ? "redis" : "memory"}`;

  beforeAll(async () => {
    // Behind a trusted proxy (here: loopback), X-Forwarded-For names the client: each test has its own addresses.
    server = await startTestServer(`rate-limit-${redisUrl ? "redis" : "memory"}`, rateLimitSettings(prefix, { ...issuer.settings, redisUrl, trustProxy: "loopback" }));
    if (redisUrl) await untilCountingInRedis(server, prefix, "192.0.2.250");
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("per IP: refuses the request over the budget with 429 and Retry-After, serves other IPs, and recovers after the wait", async () => {
    const ip = "203.0.113.10";
    expectServed(await ask(server, { ip }));
    expectServed(await ask(server, { ip }));
    const seconds = expectLimited(await ask(server, { ip }));
    expectServed(await ask(server, { ip: "203.0.113.11" }));
    await sleep(seconds * 1000 + 100);
    expectServed(await ask(server, { ip }));
  });

  it("per identity: the budget follows the token's subject across addresses, apart from the IP's", async () => {
    const alice = await issuer.officer(["department:59"], `alice-${redisUrl ? "r" : "m"}@test`);
    const bob = await issuer.officer(["department:59"], `bob-${redisUrl ? "r" : "m"}@test`);
    const ip = "203.0.113.20";
    for (let i = 0; i < IDENTITY_POINTS / COST; i++) expectServed(await ask(server, { ip, token: alice }));
    expectLimited(await ask(server, { ip, token: alice }));
    expectLimited(await ask(server, { ip: "203.0.113.21", token: alice }));
    expectServed(await ask(server, { ip, token: bob }));
    // The anonymous budget of the same address is untouched.
    expectServed(await ask(server, { ip }));
  });

  it("draws a fixed cost for an export, and a point for a request that is not a valid operation", async () => {
    const origin = new URL(server.url).origin;
    const exporter = "203.0.113.40";
    const exported = await fetch(`${origin}/exports/qpvs.csv`, { headers: { "x-forwarded-for": exporter } });
    expect(exported.status).toBe(200);
    expect((await exported.text()).split("\n").length).toBeGreaterThan(1584);
    // An export costs more than this test's whole window (EXPORT_COST > IP_POINTS): it took the window.
    expectLimited(await ask(server, { ip: exporter }, `{ __typename }`));
    const refused = await fetch(`${origin}/exports/qpvs.csv`, { headers: { "x-forwarded-for": exporter } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe("RATE_LIMITED");

    // Requests that fail validation run nothing, but each draws a point of its sender's budget.
    // (This client accepts application/json: a validation failure is 200 with errors, GraphQL over HTTP.)
    const misspeller = "203.0.113.41";
    for (let i = 0; i < IP_POINTS; i++) {
      const refusedByValidation = await ask(server, { ip: misspeller }, `{ nope }`);
      expect({ status: refusedByValidation.status, data: refusedByValidation.body.data, code: refusedByValidation.body.errors?.[0]?.extensions?.code })
        .toEqual({ status: 200, data: undefined, code: "GRAPHQL_VALIDATION_FAILED" });
    }
    expectLimited(await ask(server, { ip: misspeller }, `{ __typename }`));
  });

  it("charges a request refused before it runs by its size: one point per 10 tokens of its query", async () => {
    const ip = "203.0.113.50";
    // 198 tokens: 20 points, the whole window's budget, although validation refuses it.
    const large = await ask(server, { ip }, `{ nope ${"__typename ".repeat(195)} }`);
    // An application/json client: a request that was not executed answers 200 with its errors (GraphQL over HTTP).
    expect(large.status).toBe(200);
    expect(large.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expectLimited(await ask(server, { ip }, `{ __typename }`));
  });

  it("counts every request as at least one point, and refused requests as none", async () => {
    const ip = "203.0.113.30";
    // Over the per-request budget: refused before it could draw on the rate limit.
    const tooCostly = `{ associations(first: 100) { edges { node { projects(first: 100) { edges { node { events(first: 100) { edges { cursor } } } } } } } } }`;
    for (let i = 0; i < 3; i++) expect((await ask(server, { ip }, tooCostly)).body.errors[0].extensions.code).toBe("QUERY_TOO_COSTLY");
    for (let i = 0; i < IP_POINTS; i++) {
      const answer = await ask(server, { ip }, `{ __typename }`);
      expect(answer.status).toBe(200);
      expect(answer.body.extensions.cost.requested).toBe(0);
    }
    expectLimited(await ask(server, { ip }, `{ __typename }`));
  });
});

describe("rate limit shared through Redis", () => {
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    // Two instances behind one load balancer (trusted): same Redis, same prefix.
    const settings = rateLimitSettings(`${RUN_PREFIX}:shared`, { redisUrl: REDIS_URL, trustProxy: "loopback" });
    first = await startTestServer("rate-limit-shared-1", settings);
    second = await startTestServer("rate-limit-shared-2", settings);
    await untilCountingInRedis(first, `${RUN_PREFIX}:shared`, "192.0.2.251");
    await untilCountingInRedis(second, `${RUN_PREFIX}:shared`, "192.0.2.252");
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
  });

  it("two instances draw on one budget", async () => {
    const ip = "203.0.113.40";
    expectServed(await ask(first, { ip }));
    expectServed(await ask(second, { ip }));
    expectLimited(await ask(first, { ip }));
    expectLimited(await ask(second, { ip }));
    expect(Number(await redis.get(`${RUN_PREFIX}:shared:ip:ip:${ip}`))).toBeGreaterThanOrEqual(IP_POINTS);
  });
});

describe("rate limit with Redis out of reach", () => {
  let server: TestServer;

  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    server = await startTestServer("rate-limit-redis-down", rateLimitSettings(`${RUN_PREFIX}:down`, { redisUrl: "redis://127.0.0.1:1" }));
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("serves requests and still limits them, counting in memory", async () => {
    expectServed(await ask(server));
    expectServed(await ask(server));
    expectLimited(await ask(server));
  });

  it("ignores X-Forwarded-For when no proxy is trusted (the default)", async () => {
    // The budget of 127.0.0.1 is spent (previous test, same window): a forged header does not open a new one.
    expectLimited(await ask(server, { ip: "198.51.100.7" }));
  });
});
