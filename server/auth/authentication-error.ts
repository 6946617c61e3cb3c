/**
 * Why a bearer token was refused: `extensions.reason` of an UNAUTHENTICATED error, so that a client
 * can tell an expired token (get a new one) from a misconfigured one.
 */
export type AuthenticationFailure =
  | "MALFORMED_HEADER"
  | "MALFORMED_TOKEN"
  | "ALGORITHM_NOT_ALLOWED"
  | "UNKNOWN_KEY"
  | "INVALID_SIGNATURE"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "WRONG_ISSUER"
  | "WRONG_AUDIENCE"
  | "INVALID_CLAIMS"
  | "NO_KEY_CONFIGURED";

/** A bearer token that does not authenticate anyone: answered with HTTP 401, never downgraded to anonymous. */
export class AuthenticationError extends Error {
  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The keys needed to verify a token could not be had (the identity provider's JWKS did not answer,
 * or answered nonsense): the token is not known to be bad, so this is HTTP 503, not 401.
 */
export class KeysUnavailableError extends Error {}
