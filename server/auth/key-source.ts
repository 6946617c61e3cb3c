import { createRemoteJWKSet, errors } from "jose";
import { AuthConfig } from "./auth-config";
import { KeysUnavailableError } from "./authentication-error";
import { devKeyPath, devKeySet } from "./dev-key";
import { parsePublicKeys } from "./public-keys";
import { KeyResolver, staticKeySet } from "./static-key-set";

/** Where verification keys come from, for the start-up log and the warning when there are none. */
export type KeySource =
  | { kind: "jwks-url"; url: string; resolve: KeyResolver }
  | { kind: "public-key"; keys: number; resolve: KeyResolver }
  | { kind: "development"; file: string; resolve: KeyResolver }
  | { kind: "none" };

/** The JWKS errors that say something about the token (no key for it), not about the provider. */
function aboutTheToken(error: unknown): boolean {
  return error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported;
}

/**
 * A provider's JWKS, fetched when first needed, kept `jwksCacheSeconds`, fetched again (at most every
 * `jwksCooldownSeconds`) when a token names a key it does not hold: key rotation needs no restart.
 * Failures to get it (timeout, network, not a JWKS) become KeysUnavailableError.
 */
function remoteKeySet(url: string, config: AuthConfig): KeyResolver {
  const jwks = createRemoteJWKSet(new URL(url), {
    timeoutDuration: config.jwksTimeoutMs,
    cacheMaxAge: config.jwksCacheSeconds * 1000,
    cooldownDuration: config.jwksCooldownSeconds * 1000,
  });
  return async (header) => {
    try {
      return await jwks(header);
    } catch (error) {
      if (aboutTheToken(error)) throw error;
      throw new KeysUnavailableError(`JWKS ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
}

/**
 * Chooses the verification keys from the configuration: MAILLAGE_JWKS_URL, else
 * MAILLAGE_JWT_PUBLIC_KEY, else (outside production) the development key of `npm run token`;
 * in production without a key, none at all: every bearer token is then refused.
 */
export function createKeySource(config: AuthConfig, dataDir: string): KeySource {
  if (config.jwksUrl) return { kind: "jwks-url", url: config.jwksUrl, resolve: remoteKeySet(config.jwksUrl, config) };
  if (config.publicKey) {
    const keys = parsePublicKeys(config.publicKey);
    return { kind: "public-key", keys: keys.length, resolve: staticKeySet(keys) };
  }
  if (config.production) return { kind: "none" };
  const file = devKeyPath(dataDir, config.devKeyFile);
  return { kind: "development", file, resolve: devKeySet(file) };
}
