import express from "express";
import { ANONYMOUS, Viewer } from "../access/viewer";
import { AuthenticationError, KeysUnavailableError } from "./authentication-error";
import { TokenVerifier } from "./token-verifier";
import { logger } from "../observability/logger";
import { sendHttpError } from "../http-error";

/** `Bearer <token>` (RFC 6750 §2.1): the scheme in any case, the token in the b64token alphabet. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Seconds a client should wait before retrying when the identity provider's keys cannot be fetched. */
const RETRY_AFTER_SECONDS = 30;

/** The token of an Authorization header, or an AuthenticationError when the header is not `Bearer <token>`. */
export function bearerToken(header: string): string {
  const match = BEARER.exec(header);
  if (!match) throw new AuthenticationError("MALFORMED_HEADER", "The Authorization header must be 'Bearer <token>'.");
  return match[1];
}

/** A message as an RFC 6750 `error_description`: printable ASCII without `"` or `\`. */
function description(message: string): string {
  return message.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, "?");
}

/** HTTP 401 in GraphQL's error shape, with the `WWW-Authenticate` challenge of RFC 6750. */
function refuse(res: express.Response, error: AuthenticationError): void {
  res.setHeader("WWW-Authenticate", `Bearer error="invalid_token", error_description="${description(error.message)}"`);
  sendHttpError(res, 401, "UNAUTHENTICATED", error.message, { reason: error.reason });
}

/** HTTP 503: the token could not be checked because the identity provider's keys are out of reach. */
function unavailable(res: express.Response, error: KeysUnavailableError): void {
  logger.error({ err: error.message }, "token verification keys unavailable");
  res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  sendHttpError(res, 503, "SERVICE_UNAVAILABLE", "The identity provider's keys cannot be fetched right now, so the token cannot be checked; try again later.");
}

/**
 * Express middleware that establishes who is asking, before anything else runs (the body is not
 * even read): no Authorization header is the anonymous viewer; a valid bearer token is its viewer;
 * any other header is refused with HTTP 401. The viewer is kept for the request (see viewerOf).
 */
export function authenticate(verifier: TokenVerifier): express.RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    let viewer: Viewer = ANONYMOUS;
    if (header !== undefined) {
      try {
        viewer = await verifier.verify(bearerToken(header));
      } catch (error) {
        if (error instanceof AuthenticationError) refuse(res, error);
        else if (error instanceof KeysUnavailableError) unavailable(res, error);
        else next(error);
        return;
      }
    }
    res.locals.viewer = viewer;
    next();
  };
}

/** The viewer `authenticate` established for this request; anonymous where it did not run. */
export function viewerOf(res: express.Response): Viewer {
  return (res.locals.viewer as Viewer | undefined) ?? ANONYMOUS;
}
