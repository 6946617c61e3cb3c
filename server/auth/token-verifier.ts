import { errors, jwtVerify } from "jose";
import { Viewer } from "../access/viewer";
import { AuthConfig } from "./auth-config";
import { AuthenticationError, KeysUnavailableError } from "./authentication-error";
import { InvalidClaimsError, viewerFromClaims } from "./claims";
import { createKeySource, KeySource } from "./key-source";
import { logger } from "../observability/logger";

/** Turns a bearer token into the viewer it authenticates. */
export interface TokenVerifier {
  readonly source: KeySource;
  /** The viewer of a valid token; throws AuthenticationError (refused, 401) or KeysUnavailableError (503). */
  verify(token: string): Promise<Viewer>;
  /** What the server logs at start about authentication (a warning when no token can be accepted). */
  startupNotice(): { level: "info" | "warn"; msg: string } & Record<string, unknown>;
}

/** The refusal a failed verification stands for, with a message that tells the client what to fix. */
function refusal(error: unknown, config: AuthConfig): Error {
  if (error instanceof AuthenticationError || error instanceof KeysUnavailableError) return error;
  if (error instanceof InvalidClaimsError) return new AuthenticationError("INVALID_CLAIMS", error.message);
  if (error instanceof errors.JWTExpired) return new AuthenticationError("EXPIRED", "The token has expired.");
  if (error instanceof errors.JWTClaimValidationFailed) {
    const missing = error.reason === "missing";
    switch (error.claim) {
      case "nbf":
        return error.reason === "check_failed"
          ? new AuthenticationError("NOT_YET_VALID", "The token is not valid yet (nbf is in the future).")
          : new AuthenticationError("MALFORMED_TOKEN", 'The token\'s "nbf" claim is not a date.');
      case "iss":
        return new AuthenticationError("WRONG_ISSUER", `The token's issuer (iss) is ${missing ? "missing" : "not trusted"}: expected '${config.issuer}'.`);
      case "aud":
        return new AuthenticationError("WRONG_AUDIENCE", `The token's audience (aud) is ${missing ? "missing" : "not this API"}: expected '${config.audience}'.`);
      default:
        return new AuthenticationError("INVALID_CLAIMS", `The token's "${error.claim}" claim is ${missing ? "missing" : "invalid"}.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthenticationError("ALGORITHM_NOT_ALLOWED", `The token's signature algorithm is not accepted; accepted: ${config.algorithms.join(", ")}.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthenticationError("INVALID_SIGNATURE", "The token's signature is invalid.");
  if (error instanceof errors.JWKSNoMatchingKey) return new AuthenticationError("UNKNOWN_KEY", "No trusted key matches the token (unknown key id or key type).");
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationError("UNKNOWN_KEY", "Several trusted keys could verify the token: it must name its key (kid).");
  }
  if (error instanceof errors.JOSEError) return new AuthenticationError("MALFORMED_TOKEN", "The token is not a well-formed signed JWT (JWS compact serialisation).");
  // Anything else is about the keys, not the token (e.g. an RSA key shorter than 2048 bits): log it.
  logger.error({ err: error instanceof Error ? error.stack : String(error) }, "token verification failed");
  return new AuthenticationError("UNKNOWN_KEY", "The token cannot be verified with the trusted keys.");
}

/** Verifies tokens as configured: pinned algorithms, issuer, audience, `exp` required, `nbf`, clock tolerance, then the Maillage claims. */
export function createTokenVerifier(config: AuthConfig, dataDir: string): TokenVerifier {
  const source = createKeySource(config, dataDir);
  return {
    source,
    async verify(token) {
      if (source.kind === "none") {
        throw new AuthenticationError("NO_KEY_CONFIGURED", "This server accepts no bearer token: no verification key is configured. Send no Authorization header to read the public graph.");
      }
      try {
        const { payload } = await jwtVerify(token, source.resolve, {
          algorithms: config.algorithms,
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: config.clockToleranceSeconds,
          requiredClaims: ["exp", "sub"],
        });
        return viewerFromClaims(payload);
      } catch (error) {
        throw refusal(error, config);
      }
    },
    startupNotice() {
      const expected = { issuer: config.issuer, audience: config.audience, algorithms: config.algorithms };
      switch (source.kind) {
        case "jwks-url":
          return { level: "info", msg: "bearer tokens verified with a JWKS", jwksUrl: source.url, ...expected };
        case "public-key":
          return { level: "info", msg: "bearer tokens verified with MAILLAGE_JWT_PUBLIC_KEY", keys: source.keys, ...expected };
        case "development":
          return { level: "info", msg: "bearer tokens verified with the development key (npm run token)", keyFile: source.file, ...expected };
        case "none":
          return {
            level: "warn",
            msg: "no token verification key configured (MAILLAGE_JWKS_URL or MAILLAGE_JWT_PUBLIC_KEY): every bearer token is refused; anonymous requests read the public graph",
          };
      }
    },
  };
}
