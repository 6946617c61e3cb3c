import { errors, type CompactJWSHeaderParameters, type CryptoKey, type JWK } from "jose";

/** Finds the key that verifies a token, from its protected header (`alg`, `kid`). */
export type KeyResolver = (header: CompactJWSHeaderParameters) => Promise<CryptoKey | JWK>;

const EC_CURVES: Record<string, string> = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };

/** Whether a public JWK can verify a signature of this algorithm (key type, curve, declared alg, use and operations). */
export function keyFits(jwk: JWK, alg: string): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== "sig") return false;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes("verify")) return false;
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return jwk.kty === "RSA";
  if (alg in EC_CURVES) return jwk.kty === "EC" && jwk.crv === EC_CURVES[alg];
  if (alg === "EdDSA" || alg === "Ed25519") return jwk.kty === "OKP" && jwk.crv === "Ed25519";
  return false;
}

/**
 * Picks, among configured public keys, the one for a token: the key named by the token's `kid` if
 * one is; otherwise the only key without an id that fits the algorithm (a PEM key has no id, yet
 * its issuer's tokens often name one). Unlike a provider's JWKS, keys given by hand need not have ids.
 */
export function staticKeySet(keys: readonly JWK[]): KeyResolver {
  return async ({ alg, kid }) => {
    const fitting = keys.filter((jwk) => typeof alg === "string" && keyFits(jwk, alg));
    const named = typeof kid === "string" ? fitting.filter((jwk) => jwk.kid === kid) : [];
    const candidates = named.length ? named : fitting.filter((jwk) => jwk.kid === undefined || kid === undefined);
    if (candidates.length === 0) throw new errors.JWKSNoMatchingKey();
    if (candidates.length > 1) throw new errors.JWKSMultipleMatchingKeys();
    return candidates[0];
  };
}
