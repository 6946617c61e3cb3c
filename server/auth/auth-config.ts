import path from "node:path";

/**
 * Signature algorithms a token may use: asymmetric ones only. `none` and the HMAC family (HS*)
 * are never accepted: with HS*, a public key would become a shared secret anyone can sign with.
 */
export const ASYMMETRIC_ALGORITHMS = [
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
] as const;

export const DEFAULT_ALGORITHMS = ["RS256", "ES256", "EdDSA"];

/** Issuer and audience of development tokens (`npm run token`), when not configured. */
export const DEVELOPMENT_ISSUER = "maillage-dev";
export const DEFAULT_AUDIENCE = "maillage";

/** How bearer tokens are verified (documented in docs/writing-and-access.md, section Authentication). */
export interface AuthConfig {
  /** MAILLAGE_JWKS_URL: the identity provider's JSON Web Key Set (OIDC discovery's `jwks_uri`). */
  jwksUrl: string | undefined;
  /** MAILLAGE_JWT_PUBLIC_KEY: a PEM public key (SPKI) or certificate, a JWK or JWKS as JSON, or a path to a file holding one. */
  publicKey: string | undefined;
  /** MAILLAGE_JWT_ISSUER: the expected `iss`; `maillage-dev` outside production. */
  issuer: string;
  /** MAILLAGE_JWT_AUDIENCE: the expected `aud` (one of its values). */
  audience: string;
  /** MAILLAGE_JWT_ALGORITHMS: accepted `alg` values, among ASYMMETRIC_ALGORITHMS. */
  algorithms: string[];
  /** MAILLAGE_JWT_CLOCK_TOLERANCE: seconds of clock skew allowed on `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** MAILLAGE_JWKS_TIMEOUT_MS: how long a JWKS fetch may take. */
  jwksTimeoutMs: number;
  /** MAILLAGE_JWKS_CACHE_SECONDS: how long a fetched JWKS is used before it is fetched again. */
  jwksCacheSeconds: number;
  /** MAILLAGE_JWKS_COOLDOWN_SECONDS: a token with an unknown key id refetches the JWKS at most this often. */
  jwksCooldownSeconds: number;
  /**
   * MAILLAGE_DEV_KEY_FILE: the development signing key (created by `npm run token`). Unset: derived
   * from the data folder (see devKeyPath in dev-key.ts).
   */
  devKeyFile: string | undefined;
  /** NODE_ENV is `production`: the development key is never trusted, and the issuer must be configured. */
  production: boolean;
}

function seconds(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${name} must be an integer in 0..${max}, got "${value}"`);
  return n;
}

/** Parses and checks an algorithm list such as "RS256,ES256": unknown, symmetric and `none` values are refused. */
export function parseAlgorithms(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [...DEFAULT_ALGORITHMS];
  const algorithms = [...new Set(value.split(",").map((a) => a.trim()).filter(Boolean))];
  for (const alg of algorithms) {
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new Error(`MAILLAGE_JWT_ALGORITHMS: "${alg}" is not accepted; use asymmetric algorithms among ${ASYMMETRIC_ALGORITHMS.join(", ")} (never none or HS*)`);
    }
  }
  return algorithms;
}

/** Reads the token verification settings from the environment. */
export function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const production = env.NODE_ENV === "production";
  const jwksUrl = env.MAILLAGE_JWKS_URL || undefined;
  const publicKey = env.MAILLAGE_JWT_PUBLIC_KEY || undefined;
  if (jwksUrl && publicKey) throw new Error("Set MAILLAGE_JWKS_URL or MAILLAGE_JWT_PUBLIC_KEY, not both");
  if (jwksUrl) {
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new Error(`MAILLAGE_JWKS_URL is not a URL: "${jwksUrl}"`);
    }
    // Plain http only outside production (a provider on the same machine, tests).
    if (url.protocol !== "https:" && (production || url.protocol !== "http:")) {
      throw new Error(`MAILLAGE_JWKS_URL must be an https URL, got "${jwksUrl}"`);
    }
  }
  // In production a configured key without its issuer is a mistake: refuse to start rather than
  // accept tokens of an unknown issuer (or expect the development one).
  if (production && (jwksUrl || publicKey) && !env.MAILLAGE_JWT_ISSUER) {
    throw new Error("MAILLAGE_JWT_ISSUER is required in production when MAILLAGE_JWKS_URL or MAILLAGE_JWT_PUBLIC_KEY is set");
  }
  return {
    jwksUrl,
    publicKey,
    issuer: env.MAILLAGE_JWT_ISSUER || DEVELOPMENT_ISSUER,
    audience: env.MAILLAGE_JWT_AUDIENCE || DEFAULT_AUDIENCE,
    algorithms: parseAlgorithms(env.MAILLAGE_JWT_ALGORITHMS),
    clockToleranceSeconds: seconds("MAILLAGE_JWT_CLOCK_TOLERANCE", env.MAILLAGE_JWT_CLOCK_TOLERANCE, 30, 600),
    jwksTimeoutMs: seconds("MAILLAGE_JWKS_TIMEOUT_MS", env.MAILLAGE_JWKS_TIMEOUT_MS, 5000, 60000),
    jwksCacheSeconds: seconds("MAILLAGE_JWKS_CACHE_SECONDS", env.MAILLAGE_JWKS_CACHE_SECONDS, 600, 86400),
    jwksCooldownSeconds: seconds("MAILLAGE_JWKS_COOLDOWN_SECONDS", env.MAILLAGE_JWKS_COOLDOWN_SECONDS, 30, 3600),
    devKeyFile: env.MAILLAGE_DEV_KEY_FILE ? path.resolve(env.MAILLAGE_DEV_KEY_FILE) : undefined,
    production,
  };
}
