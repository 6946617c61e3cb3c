import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importJWK, SignJWT } from "jose";
import { toGlobalId } from "../../schema/global-id";
import { loadAuthConfig, parseAlgorithms } from "../../server/auth/auth-config";
import { AuthenticationError } from "../../server/auth/authentication-error";
import { bearerToken } from "../../server/auth/authenticate";
import { parseTerritories, viewerFromClaims } from "../../server/auth/claims";
import { devKeyPath, ensureDevKey } from "../../server/auth/dev-key";
import { parsePublicKeys } from "../../server/auth/public-keys";
import { createTokenVerifier } from "../../server/auth/token-verifier";
import { isValidDepartmentCode } from "../../server/validation/identifiers";

/** A self-signed P-256 certificate (public material only). */
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBhjCCASugAwIBAgIUfT/UsSKCOv9a2P3q6OLWRuQTB4UwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNbWFpbGxhZ2UgdGVzdDAeFw0yNjExMjYxMDQ0NDRaFw0zNjEx
MjMxMDQ0NDRaMBgxFjAUBgNVBAMMDW1haWxsYWdlIHRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAT5C1tgnuDkkO6kX7D62yPQjhdbLvCkzKlmjZE5pPOJqOgt
802uaBvqrCcLbKCFlO5VMQVyQTxyBB0Ul9xCbnnWo1MwUTAdBgNVHQ4EFgQU4tVp
fwoTF8COvJIhcyzb3+Sy4ucwHwYDVR0jBBgwFoAU4tVpfwoTF8COvJIhcyzb3+Sy
4ucwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA7lblQb5H/EoN
BgJYYCfoLsPjVZhRNPU7gQRgZ3KMT6ECIQDKme5b7YIm/9GR3bq6UxR1nh0ToAVi
B9ShHa93zbrt/g==
-----END CERTIFICATE-----`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-auth-unit-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe("auth configuration", () => {
  it("defaults to the development issuer, the maillage audience, RS256/ES256/EdDSA and 30 s of tolerance", () => {
    expect(loadAuthConfig({})).toMatchObject({
      issuer: "maillage-dev", audience: "maillage", algorithms: ["RS256", "ES256", "EdDSA"], clockToleranceSeconds: 30, production: false,
      jwksUrl: undefined, publicKey: undefined, devKeyFile: undefined,
    });
  });

  it("never accepts none or HMAC algorithms, nor unknown ones", () => {
    expect(parseAlgorithms(" ES256 ,PS256,ES256")).toEqual(["ES256", "PS256"]);
    for (const bad of ["none", "HS256", "RS256,HS512", "ES257"]) expect(() => parseAlgorithms(bad)).toThrow(/MAILLAGE_JWT_ALGORITHMS/);
  });

  it("refuses ambiguous or unsafe key settings, and a production key without its issuer", () => {
    expect(() => loadAuthConfig({ MAILLAGE_JWKS_URL: "https://a.test/jwks", MAILLAGE_JWT_PUBLIC_KEY: "{}" })).toThrow(/not both/);
    expect(() => loadAuthConfig({ MAILLAGE_JWKS_URL: "not a url" })).toThrow(/not a URL/);
    expect(() => loadAuthConfig({ MAILLAGE_JWKS_URL: "ftp://a.test/jwks" })).toThrow(/https/);
    expect(() => loadAuthConfig({ NODE_ENV: "production", MAILLAGE_JWT_ISSUER: "https://a.test", MAILLAGE_JWKS_URL: "http://a.test/jwks" })).toThrow(/https/);
    expect(() => loadAuthConfig({ NODE_ENV: "production", MAILLAGE_JWKS_URL: "https://a.test/jwks" })).toThrow(/MAILLAGE_JWT_ISSUER is required/);
    expect(() => loadAuthConfig({ MAILLAGE_JWT_CLOCK_TOLERANCE: "-1" })).toThrow(/MAILLAGE_JWT_CLOCK_TOLERANCE/);
    expect(loadAuthConfig({ NODE_ENV: "production" })).toMatchObject({ production: true, issuer: "maillage-dev" });
  });
});

describe("MAILLAGE_JWT_PUBLIC_KEY", () => {
  it("reads a PEM public key, a certificate, a JWK, a JWKS, or a file holding one", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const pem = await exportSPKI(publicKey);
    const jwk = await exportJWK(publicKey);
    expect(parsePublicKeys(pem)).toEqual([jwk]);
    expect(parsePublicKeys(CERTIFICATE)).toEqual([expect.objectContaining({ kty: "EC", crv: "P-256" })]);
    expect(parsePublicKeys(JSON.stringify({ ...jwk, kid: "k1" }))).toEqual([{ ...jwk, kid: "k1" }]);
    expect(parsePublicKeys(JSON.stringify({ keys: [jwk, { ...jwk, kid: "k2" }] }))).toHaveLength(2);
    const file = path.join(tmp, "public.pem");
    fs.writeFileSync(file, `\n${pem}\n`);
    expect(parsePublicKeys(file)).toEqual([jwk]);

    const privatePem = await exportPKCS8(privateKey);
    const privateJwk = await exportJWK(privateKey);
    expect(() => parsePublicKeys(privatePem)).toThrow(/private key/);
    expect(() => parsePublicKeys(JSON.stringify(privateJwk))).toThrow(/private key material/);
    expect(() => parsePublicKeys(JSON.stringify({ kty: "oct", k: "c2VjcmV0" }))).toThrow(/symmetric/);
    expect(() => parsePublicKeys(JSON.stringify({ keys: [] }))).toThrow(/non-empty/);
    expect(() => parsePublicKeys(JSON.stringify({ ...jwk, use: "enc" }))).toThrow(/not a signature key/);
    expect(() => parsePublicKeys("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----")).toThrow(/not a readable PEM/);
    expect(() => parsePublicKeys(path.join(tmp, "missing.pem"))).toThrow(/nor a readable file/);
  });

  it("verifies a token naming a key id with a PEM key that has none", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const verifier = createTokenVerifier({ ...loadAuthConfig({}), publicKey: await exportSPKI(publicKey) }, "");
    const token = await new SignJWT({ maillage_role: "ADMIN" }).setProtectedHeader({ alg: "ES256", kid: "rotating-2026" })
      .setIssuer("maillage-dev").setAudience("maillage").setSubject("s").setExpirationTime("5m").sign(privateKey);
    expect(await verifier.verify(token)).toEqual({ role: "ADMIN", subject: "s", name: null });
  });
});

describe("claims", () => {
  const association = toGlobalId("Association", 91);

  it("build the viewer of each role, with a display name when the token has one", () => {
    expect(viewerFromClaims({ sub: "a", maillage_role: "ADMIN", name: " Camille Martin " })).toEqual({ role: "ADMIN", subject: "a", name: "Camille Martin" });
    expect(viewerFromClaims({ sub: "a", maillage_role: "ADMIN", given_name: "Camille", usual_name: "Martin" })).toMatchObject({ name: "Camille Martin" });
    expect(viewerFromClaims({ sub: "e", maillage_role: "ASSOCIATION_EDITOR", maillage_organization: association })).toEqual({
      role: "ASSOCIATION_EDITOR", subject: "e", name: null, organizationId: 91,
    });
    expect(viewerFromClaims({ sub: "f", maillage_role: "FEDERATION_MANAGER", maillage_organization: association })).toEqual({
      role: "FEDERATION_MANAGER", subject: "f", name: null, networkId: 91,
    });
  });

  it("scope policy officers to well-formed territories, without duplicates", () => {
    expect(parseTerritories(["commune:59512", "epci:200093201", "department:974", "commune:59512", "department:2B"])).toEqual({
      communes: ["59512"], epcis: ["200093201"], departments: ["974", "2B"],
    });
    for (const bad of [["commune:"], ["Commune:59512"], ["commune: 59512"], ["epci:20009320"], ["department:2C"], ["department:00"], [42], ["qpv:QN05981M"]]) {
      expect(() => parseTerritories(bad)).toThrow(/maillage_territories\[0\]/);
    }
    expect(() => parseTerritories(Array(1001).fill("commune:59512"))).toThrow(/more than 1000/);
  });

  it("accept every département code of the reference data, and no other", () => {
    const codes: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../server/reference-data/departements.json"), "utf8")).map((d: { code: string }) => d.code);
    expect(codes.length).toBeGreaterThan(100);
    expect(codes.filter((code) => !isValidDepartmentCode(code))).toEqual([]);
    for (const bad of ["00", "20", "2C", "96", "990", "9", "059", "", "2a"]) expect(isValidDepartmentCode(bad)).toBe(false);
  });
});

describe("Authorization header", () => {
  it("takes `Bearer <token>`, the scheme in any case", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bEaReR   abc.def.ghi ")).toBe("abc.def.ghi");
    for (const bad of ["Basic abc", "Bearer", "Bearerabc", "Bearer a,b", "Bearer a b", "Bearer é"]) {
      expect(() => bearerToken(bad)).toThrow(AuthenticationError);
    }
  });
});

describe("development key", () => {
  it("lives in the data folder, or under the OS temporary folder for a throwaway database", () => {
    expect(devKeyPath("/srv/maillage/.data")).toBe("/srv/maillage/.data/dev-jwt-key.json");
    expect(devKeyPath("memory://")).toBe(path.join(os.tmpdir(), "maillage-dev-jwt-key.json"));
    expect(devKeyPath("/srv/maillage/.data", "/etc/maillage/key.json")).toBe("/etc/maillage/key.json");
  });

  it("is created once, atomically, even by two processes at a time, and trusted by a development server as soon as it exists", async () => {
    const file = path.join(tmp, "nested", "dev-jwt-key.json");
    const verifier = createTokenVerifier({ ...loadAuthConfig({}), devKeyFile: file }, "");
    const [a, b] = await Promise.all([ensureDevKey(file), ensureDevKey(file)]);
    expect(a.key).toEqual(b.key);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.key.publicJwk).not.toHaveProperty("d");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["dev-jwt-key.json"]);
    const { privateJwk } = a.key;
    const sign = async (kid: string) => new SignJWT({ maillage_role: "ADMIN" }).setProtectedHeader({ alg: "ES256", kid })
      .setIssuer("maillage-dev").setAudience("maillage").setSubject("dev").setExpirationTime("5m").sign(await importJWK(privateJwk, "ES256"));
    expect(await verifier.verify(await sign(privateJwk.kid!))).toMatchObject({ role: "ADMIN" });
    expect((await refusal(verifier.verify(await sign("other")))).reason).toBe("UNKNOWN_KEY");

    // Deleted and minted again: the new key is picked up, the old one is no longer trusted.
    const old = await sign(privateJwk.kid!);
    fs.rmSync(file);
    expect((await refusal(verifier.verify(old))).reason).toBe("UNKNOWN_KEY");
    await ensureDevKey(file);
    expect((await refusal(verifier.verify(old))).reason).toBe("UNKNOWN_KEY");
  });

  it("is never trusted in production; with no key configured there, every token is refused and a warning is logged at start", async () => {
    const file = path.join(tmp, "prod", "dev-jwt-key.json");
    const { key } = await ensureDevKey(file);
    const token = await new SignJWT({ maillage_role: "ADMIN" }).setProtectedHeader({ alg: "ES256", kid: key.privateJwk.kid })
      .setIssuer("maillage-dev").setAudience("maillage").setSubject("dev").setExpirationTime("5m").sign(await importJWK(key.privateJwk, "ES256"));
    const verifier = createTokenVerifier({ ...loadAuthConfig({ NODE_ENV: "production" }), devKeyFile: file }, path.dirname(file));
    expect(verifier.source.kind).toBe("none");
    expect(verifier.startupNotice()).toMatchObject({ level: "warn", msg: expect.stringMatching(/every bearer token is refused/) });
    expect((await refusal(verifier.verify(token))).reason).toBe("NO_KEY_CONFIGURED");
    expect(createTokenVerifier({ ...loadAuthConfig({}), devKeyFile: file }, "").startupNotice()).toMatchObject({ level: "info", keyFile: file });
  });
});
