import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { persisted, send, WireResponse } from "./support/http-graphql";
import { startTestServer, TestServer } from "./support/test-server";
import { TestIssuer, testIssuer } from "./support/tokens";

/** This machine's Redis, shared with other runs: this file writes under its own prefix only, and deletes only that. */
const REDIS_URL = "redis://127.0.0.1:6379";
const PREFIX = `maillage-test:${process.pid}:${randomBytes(4).toString("hex")}:`;

let one: TestServer;
let two: TestServer;
let issuer: TestIssuer;
let redis: Redis;

/** The keys this file's servers wrote in Redis under a purpose (`apq`, `response`). */
async function keys(purpose: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${PREFIX}${purpose}:*`, "COUNT", 1000);
    found.push(...batch);
    cursor = next;
  } while (cursor !== "0");
  return found;
}

beforeAll(async () => {
  issuer = await testIssuer();
  redis = new Redis(REDIS_URL);
  const settings = { ...issuer.settings, redisUrl: REDIS_URL, cacheKeyPrefix: PREFIX, responseCache: true };
  // Two instances, each on its own database, sharing only Redis.
  one = await startTestServer("redis-one", settings);
  two = await startTestServer("redis-two", settings);
});

afterAll(async () => {
  await one?.stop();
  await two?.stop();
  if (redis) {
    const mine = [...(await keys("apq")), ...(await keys("response"))];
    if (mine.length) await redis.del(...mine);
    await redis.quit();
  }
});

const sqlStatements = (response: WireResponse) => response.body.extensions?.diagnostics?.sqlStatements;

describe("caches shared through Redis", () => {
  it("runs by hash on one instance a query registered on the other", async () => {
    const QUERY = `query Departments($first: Int!) { departments(first: $first) { edges { node { code name } } } }`;
    const variables = { first: 3 };
    expect((await send(two.url, { extensions: persisted(QUERY), variables })).body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await send(one.url, { query: QUERY, extensions: persisted(QUERY), variables });
    expect(registered.body.data.departments.edges).toHaveLength(3);
    expect(await keys("apq")).toHaveLength(1);
    for (const method of ["GET", "POST"] as const) {
      const byHash = await send(two.url, { extensions: persisted(QUERY), variables }, { method });
      expect(byHash.body.errors).toBeUndefined();
      expect(byHash.body.data).toEqual(registered.body.data);
    }
  });

  it("writes nothing to Redis for a registration a limit refuses, or over MAILLAGE_APQ_MAX_BYTES", async () => {
    const before = (await keys("apq")).length;
    const oversized = `{ regions(first: 1) { totalCount } } # ${"x".repeat(40_000)}`;
    const tooMany = `{ ${"stakes { number } ".repeat(40)} }`;
    expect((await send(one.url, { query: oversized, extensions: persisted(oversized) })).status).toBe(200);
    expect((await send(one.url, { query: tooMany, extensions: persisted(tooMany) })).body.errors?.[0].extensions?.code).toBe("TOO_MANY_SELECTIONS");
    expect(await keys("apq")).toHaveLength(before);
    expect((await send(two.url, { extensions: persisted(oversized) })).body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("serves on one instance, without SQL, an anonymous answer cached by the other", async () => {
    const request = { query: `query Organizations($first: Int!) { organizations(first: $first) { edges { node { id name } } } }`, variables: { first: 3 } };
    const first = await send(one.url, request);
    expect(sqlStatements(first)).toBeGreaterThan(0);
    expect(first.headers.get("cache-control")).toBe("max-age=60, public");
    const [key] = await keys("response");
    expect(await redis.ttl(key)).toBeGreaterThan(0);
    const second = await send(two.url, request, { method: "GET" });
    expect(second.body.data).toEqual(first.body.data);
    expect(sqlStatements(second)).toBe(0);
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect(second.headers.get("cache-control")).toBe("max-age=60, public");
  });

  it("never serves from nor writes to the shared cache a request with a token", async () => {
    const token = await issuer.officer(["department:59"]);
    const cached = { query: `query Organizations($first: Int!) { organizations(first: $first) { edges { node { id name } } } }`, variables: { first: 3 } };
    const withToken = await send(two.url, cached, { token });
    expect(sqlStatements(withToken)).toBeGreaterThan(0);
    expect(withToken.headers.get("cache-control")).toBe("max-age=60, private");

    const before = (await keys("response")).length;
    const fresh = { query: `query Partners($first: Int!) { partners(first: $first) { edges { node { id name } } } }`, variables: { first: 2 } };
    expect(sqlStatements(await send(one.url, fresh, { token }))).toBeGreaterThan(0);
    expect(await keys("response")).toHaveLength(before);
    expect(sqlStatements(await send(two.url, fresh))).toBeGreaterThan(0);
    expect(await keys("response")).toHaveLength(before + 1);
  });
});

describe("Redis out of reach", () => {
  let lonely: TestServer;
  beforeAll(async () => {
    // Nothing listens on port 1: every cache read is a miss, every write is skipped.
    lonely = await startTestServer("redis-down", { redisUrl: "redis://127.0.0.1:1", cacheKeyPrefix: PREFIX, responseCache: true });
  });
  afterAll(async () => {
    await lonely?.stop();
  });

  it("answers without the caches instead of failing", async () => {
    const QUERY = `{ regions(first: 2) { edges { node { code } } } }`;
    const registering = await send(lonely.url, { query: QUERY, extensions: persisted(QUERY) });
    expect(registering.status).toBe(200);
    expect(registering.body.data.regions.edges).toHaveLength(2);
    const again = await send(lonely.url, { query: QUERY });
    expect(again.body.data).toEqual(registering.body.data);
    expect(sqlStatements(again)).toBeGreaterThan(0);
    const byHash = await send(lonely.url, { extensions: persisted(QUERY) });
    expect(byHash.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});
