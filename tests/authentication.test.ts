import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { base64url, type CryptoKey, exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from "jose";
import type { Viewer } from "../server/access/viewer";
import { type AuthConfig, loadAuthConfig } from "../server/auth/auth-config";
import { createTokenVerifier } from "../server/auth/token-verifier";
import { cloneTemplate } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";

const ISSUER = "https://identite.example.test/maillage";
const AUDIENCE = "maillage-api";
const VIEWER = `{ viewer { role subject territories organization { id name } } }`;
/** An association of the demo dataset (Association des habitants de Nouveau Roubaix). */
const RNA = "W595021953";

interface SigningKey {
  alg: "ES256" | "RS256" | "EdDSA";
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function signingKey(alg: SigningKey["alg"], kid: string): Promise<SigningKey & { publicKey: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid } };
}

interface TokenOptions {
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now; default one hour. */
  expiresIn?: number;
  notBefore?: number;
  subject?: string | null;
  kid?: string;
}

/** A token as an identity provider would sign it, with registered claims that can be spoilt one by one. */
function sign(key: SigningKey, claims: Record<string, unknown>, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: "JWT" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(now + (options.expiresIn ?? 3600));
  if (options.subject !== null) jwt.setSubject(options.subject ?? "agent-42@example.test");
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key.privateKey);
}

interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** POSTs a query with the given Authorization header (none when undefined). */
async function graphql(server: TestServer, authorization: string | undefined, query = VIEWER): Promise<HttpAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ query }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
}

/** The viewer a token gets, after checking the request succeeded. */
async function viewerOf(server: TestServer, token: string): Promise<any> {
  const answer = await graphql(server, `Bearer ${token}`);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  return answer.body.data.viewer;
}

/** Expects the 401 of a refused token: GraphQL-shaped, with a reason, a challenge, no data, nothing run. */
function expectRefused(answer: HttpAnswer, reason: string): void {
  expect({ status: answer.status, reason: answer.body.errors?.[0]?.extensions?.reason }).toEqual({ status: 401, reason });
  expect(answer.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "UNAUTHENTICATED", reason } }] });
  const message: string = answer.body.errors[0].message;
  expect(message.length).toBeGreaterThan(10);
  expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]+"$/);
  expect(answer.headers.get("cache-control")).toBe("no-store");
  expect(answer.text).not.toMatch(/stacktrace|\bat .*\.(js|ts):\d+/);
}

let server: TestServer;
let es: SigningKey & { publicKey: CryptoKey };
let rsa: SigningKey & { publicKey: CryptoKey };
let ed: SigningKey;
let association: { id: string; name: string };
let network: { id: string; name: string };
let partnerId: string;

function authConfig(overrides: Partial<AuthConfig>): AuthConfig {
  return { ...loadAuthConfig({}), issuer: ISSUER, audience: AUDIENCE, ...overrides };
}

/**
 * `npm run token -- --role ASSOCIATION_EDITOR --rna ...` as a developer runs it, on its own copy of
 * the database, with its own development key file. Started first: it runs in another process while
 * the test server starts.
 */
async function mintWithRna(): Promise<{ token: string; keyFile: string }> {
  const database = await cloneTemplate("mint-token");
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "maillage-dev-key-")), "dev-jwt-key.json");
  try {
    const env = {
      ...process.env,
      NODE_OPTIONS: "",
      NODE_ENV: "development",
      MAILLAGE_DEV_KEY_FILE: keyFile,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { MAILLAGE_DATA_DIR: database.dataDir }),
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["-r", "@swc-node/register", "server/commands/mint-token.ts", "--role", "ASSOCIATION_EDITOR", "--rna", RNA, "--expires", "10m"],
      { cwd: path.resolve(__dirname, ".."), env },
    );
    return { token: stdout.trim(), keyFile };
  } finally {
    await database.drop();
  }
}
let minted: Promise<{ token: string; keyFile: string }>;

beforeAll(async () => {
  minted = mintWithRna();
  minted.catch(() => undefined); // awaited (and reported) by its test
  [es, rsa, ed] = await Promise.all([signingKey("ES256", "es-1"), signingKey("RS256", "rsa-1"), signingKey("EdDSA", "ed-1")]);
  // The provider's public keys, given as configuration (MAILLAGE_JWT_PUBLIC_KEY holding a JWKS).
  const publicKey = JSON.stringify({ keys: [es.publicJwk, rsa.publicJwk, ed.publicJwk] });
  server = await startTestServer("authentication", { auth: authConfig({ publicKey }) });
  const { data } = await server.post(`{
    association(rna: "${RNA}") { id name }
    networks: associations(first: 1, filter: { groupings: [FEDERATION], departmentCodes: ["59"] }) { edges { node { id name } } }
    partners(first: 1) { edges { node { id } } }
  }`);
  association = data.association;
  network = data.networks.edges[0].node;
  partnerId = data.partners.edges[0].node.id;
});

afterAll(async () => {
  await server?.stop();
  const keyFile = await minted?.then((m) => m.keyFile, () => undefined);
  if (keyFile) fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
});

describe("authentication", () => {
  it("answers anonymous requests without a token: the public graph, and the ANONYMOUS viewer", async () => {
    const answer = await graphql(server, undefined, `{ viewer { role subject territories organization { id } } associations(first: 1) { totalCount } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.viewer).toEqual({ role: "ANONYMOUS", subject: null, territories: null, organization: null });
    expect(answer.body.data.associations.totalCount).toBeGreaterThan(0);
  });

  it("gives each role its viewer, with any of the pinned algorithms (ES256, RS256, EdDSA)", async () => {
    expect(await viewerOf(server, await sign(es, { maillage_role: "ADMIN" }, { subject: "admin-1" }))).toEqual({
      role: "ADMIN", subject: "admin-1", territories: null, organization: null,
    });
    const territories = ["commune:59512", "epci:200093201", "department:2A", "commune:97411"];
    expect(await viewerOf(server, await sign(rsa, { maillage_role: "POLICY_OFFICER", maillage_territories: territories }, { subject: "officer-1" }))).toEqual({
      role: "POLICY_OFFICER", subject: "officer-1", territories: ["commune:59512", "commune:97411", "epci:200093201", "department:2A"], organization: null,
    });
    expect(await viewerOf(server, await sign(ed, { maillage_role: "FEDERATION_MANAGER", maillage_organization: network.id }, { subject: "manager-1" }))).toEqual({
      role: "FEDERATION_MANAGER", subject: "manager-1", territories: null, organization: network,
    });
    expect(await viewerOf(server, await sign(es, { maillage_role: "ASSOCIATION_EDITOR", maillage_organization: association.id }, { subject: "editor-1" }))).toEqual({
      role: "ASSOCIATION_EDITOR", subject: "editor-1", territories: null, organization: { id: association.id, name: association.name },
    });
  });

  it("accepts the scheme in any case, an audience among several, and a clock skew within the tolerance (30 s)", async () => {
    const token = await sign(es, { maillage_role: "ADMIN" }, { audience: ["another-api", AUDIENCE], expiresIn: -10, notBefore: 10 });
    const answer = await graphql(server, `bearer ${token}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data.viewer.role).toBe("ADMIN");
  });

  it("refuses expired, not yet valid, foreign and misaddressed tokens", async () => {
    const admin = { maillage_role: "ADMIN" };
    expectRefused(await graphql(server, `Bearer ${await sign(es, admin, { expiresIn: -120 })}`), "EXPIRED");
    expectRefused(await graphql(server, `Bearer ${await sign(es, admin, { notBefore: 600 })}`), "NOT_YET_VALID");
    expectRefused(await graphql(server, `Bearer ${await sign(es, admin, { audience: "another-api" })}`), "WRONG_AUDIENCE");
    expectRefused(await graphql(server, `Bearer ${await sign(es, admin, { issuer: "https://evil.example.test" })}`), "WRONG_ISSUER");
    const wrong = await graphql(server, `Bearer ${await sign(es, admin, { issuer: "maillage-dev" })}`);
    expect(wrong.body.errors[0].message).toContain(ISSUER);
  });

  it("refuses alg none, HS256 keyed with the public key, a wrong key, an unknown key id and a tampered payload", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { maillage_role: "ADMIN", sub: "intruder", iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600 };
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    // Unsecured JWT, crafted by hand: no signature at all.
    expectRefused(await graphql(server, `Bearer ${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`), "ALGORITHM_NOT_ALLOWED");
    expectRefused(await graphql(server, `Bearer ${encode({ alg: "none", kid: "es-1" })}.${encode(claims)}.`), "ALGORITHM_NOT_ALLOWED");
    // The classic confusion: HMAC with the (public) verification key as the shared secret.
    for (const secret of [await exportSPKI(rsa.publicKey), JSON.stringify(rsa.publicJwk)]) {
      const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: "rsa-1" }).sign(new TextEncoder().encode(secret));
      expectRefused(await graphql(server, `Bearer ${hs}`), "ALGORITHM_NOT_ALLOWED");
    }
    const impostor = await signingKey("ES256", "es-1");
    expectRefused(await graphql(server, `Bearer ${await sign(impostor, { maillage_role: "ADMIN" })}`), "INVALID_SIGNATURE");
    expectRefused(await graphql(server, `Bearer ${await sign(es, { maillage_role: "ADMIN" }, { kid: "es-2" })}`), "UNKNOWN_KEY");
    const [header, , signature] = (await sign(es, { maillage_role: "ASSOCIATION_EDITOR", maillage_organization: association.id })).split(".");
    expectRefused(await graphql(server, `Bearer ${header}.${encode({ ...claims, maillage_role: "ADMIN" })}.${signature}`), "INVALID_SIGNATURE");
  });

  it("refuses an Authorization header that is not `Bearer <JWT>`", async () => {
    for (const header of ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Bearer a b", "Token abc.def.ghi", "Bearer\tabc"]) {
      expectRefused(await graphql(server, header), "MALFORMED_HEADER");
    }
    for (const token of ["not-a-jwt", "a.b.c", "a.b", `${base64url.encode("{}")}.${base64url.encode("{}")}.c2ln`]) {
      expectRefused(await graphql(server, `Bearer ${token}`), "MALFORMED_TOKEN");
    }
  });

  it("refuses verified tokens whose Maillage claims do not describe a viewer", async () => {
    const cases: [Record<string, unknown>, TokenOptions, RegExp][] = [
      [{ maillage_role: "SUPERUSER" }, {}, /maillage_role/],
      [{}, {}, /maillage_role/],
      [{ maillage_role: "ADMIN" }, { subject: null }, /sub/],
      [{ maillage_role: "ADMIN" }, { subject: "" }, /sub/],
      [{ maillage_role: "POLICY_OFFICER" }, {}, /maillage_territories/],
      [{ maillage_role: "POLICY_OFFICER", maillage_territories: [] }, {}, /maillage_territories/],
      [{ maillage_role: "POLICY_OFFICER", maillage_territories: "commune:59512" }, {}, /maillage_territories/],
      [{ maillage_role: "POLICY_OFFICER", maillage_territories: ["commune:5951"] }, {}, /maillage_territories\[0\]/],
      [{ maillage_role: "POLICY_OFFICER", maillage_territories: ["commune:59512", "epci:200093202"] }, {}, /maillage_territories\[1\]/],
      [{ maillage_role: "POLICY_OFFICER", maillage_territories: ["department:20"] }, {}, /maillage_territories\[0\]/],
      [{ maillage_role: "POLICY_OFFICER", maillage_territories: ["region:32"] }, {}, /maillage_territories\[0\]/],
      [{ maillage_role: "ASSOCIATION_EDITOR" }, {}, /maillage_organization/],
      [{ maillage_role: "ASSOCIATION_EDITOR", maillage_organization: partnerId }, {}, /maillage_organization/],
      [{ maillage_role: "FEDERATION_MANAGER", maillage_organization: "not an id" }, {}, /maillage_organization/],
      [{ maillage_role: "FEDERATION_MANAGER", maillage_organization: 12 }, {}, /maillage_organization/],
    ];
    for (const [claims, options, message] of cases) {
      const answer = await graphql(server, `Bearer ${await sign(es, claims, options)}`);
      expectRefused(answer, "INVALID_CLAIMS");
      expect(answer.body.errors[0].message).toMatch(message);
    }
    // A token without an expiry is refused too.
    const endless = await new SignJWT({ maillage_role: "ADMIN" }).setProtectedHeader({ alg: "ES256", kid: "es-1" })
      .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("forever").sign(es.privateKey);
    expectRefused(await graphql(server, `Bearer ${endless}`), "INVALID_CLAIMS");
  });

  it("authenticates the exports the same way", async () => {
    const exportUrl = server.url.replace(/\/graphql$/, `/exports/qpvs.csv?filter=${encodeURIComponent('{"communeInseeCodes":["59512"]}')}`);
    const anonymous = await fetch(exportUrl);
    expect(anonymous.status).toBe(200);
    const token = await sign(es, { maillage_role: "ADMIN" });
    const authenticated = await fetch(exportUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(authenticated.status).toBe(200);
    expect(await authenticated.text()).toBe(await anonymous.text());
    const expired = await fetch(exportUrl, { headers: { authorization: `Bearer ${await sign(es, { maillage_role: "ADMIN" }, { expiresIn: -3600 })}` } });
    const text = await expired.text();
    expectRefused({ status: expired.status, headers: expired.headers, body: JSON.parse(text), text }, "EXPIRED");
  });
});

describe("keys from a JWKS URL", () => {
  let jwksServer: http.Server;
  let served: { keys: JWK[] } | null;
  let fetches = 0;
  let jwksBacked: TestServer;

  beforeAll(async () => {
    jwksServer = http.createServer((_req, res) => {
      fetches++;
      if (!served) {
        res.writeHead(500).end("down");
        return;
      }
      res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    // No cooldown, so that the test needs no waiting between refetches.
    jwksBacked = await startTestServer("authentication-jwks", { auth: authConfig({ jwksUrl, jwksCooldownSeconds: 0, jwksTimeoutMs: 2000 }) });
  });

  afterAll(async () => {
    await jwksBacked?.stop();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  it("fetches the keys once, follows a rotation, refuses retired and unknown key ids, and answers 503 when the provider is down", async () => {
    const [first, second] = await Promise.all([signingKey("ES256", "2026-01"), signingKey("RS256", "2026-02")]);
    served = { keys: [first.publicJwk] };
    expect((await viewerOf(jwksBacked, await sign(first, { maillage_role: "ADMIN" }, { subject: "a" }))).subject).toBe("a");
    expect((await viewerOf(jwksBacked, await sign(first, { maillage_role: "ADMIN" }, { subject: "b" }))).subject).toBe("b");
    expect(fetches).toBe(1);

    // The provider rotates: the new key id is unknown to the cached set, which is fetched again.
    served = { keys: [second.publicJwk] };
    expect((await viewerOf(jwksBacked, await sign(second, { maillage_role: "ADMIN" }, { subject: "c" }))).subject).toBe("c");
    expect(fetches).toBe(2);
    expectRefused(await graphql(jwksBacked, `Bearer ${await sign(first, { maillage_role: "ADMIN" })}`), "UNKNOWN_KEY");
    expectRefused(await graphql(jwksBacked, `Bearer ${await sign(second, { maillage_role: "ADMIN" }, { kid: "ghost" })}`), "UNKNOWN_KEY");
    expectRefused(await graphql(jwksBacked, `Bearer ${await sign(second, { maillage_role: "ADMIN" }, { issuer: "maillage-dev" })}`), "WRONG_ISSUER");

    // Provider down: a known key still works from the cache; an unknown one cannot be checked (503, not 401 nor 500).
    served = null;
    expect((await viewerOf(jwksBacked, await sign(second, { maillage_role: "ADMIN" }, { subject: "d" }))).subject).toBe("d");
    const down = await graphql(jwksBacked, `Bearer ${await sign(second, { maillage_role: "ADMIN" }, { kid: "2026-03" })}`);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("30");
    expect(down.body).toEqual({ errors: [{ message: expect.stringMatching(/try again later/), extensions: { code: "SERVICE_UNAVAILABLE" } }] });
    expect((await graphql(jwksBacked, undefined)).body.data.viewer.role).toBe("ANONYMOUS");
  });
});

describe("npm run token", () => {
  it("signs a development token that a development server trusts, resolving --rna in the database", async () => {
    const { token, keyFile } = await minted;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // What a development server (no key configured, not production) does with it.
    const verifier = createTokenVerifier({ ...loadAuthConfig({}), devKeyFile: keyFile }, "");
    const viewer: Viewer = await verifier.verify(token);
    const organizationId = Number(Buffer.from(association.id, "base64url").toString("utf8").split(":")[1]);
    expect(viewer).toEqual({ role: "ASSOCIATION_EDITOR", subject: "dev-association-editor", name: null, organizationId });
    // The server configured above, with an identity provider's keys, does not trust it.
    expectRefused(await graphql(server, `Bearer ${token}`), "UNKNOWN_KEY");
  });
});
