import { GraphQLError, GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { logger } from "./observability/logger";

/** Codes whose messages are safe to show to clients; anything else is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "FORBIDDEN",
  "OPERATION_NOT_REGISTERED",
]);

/**
 * The one boundary where errors leave the server: known client errors keep their message and code,
 * anything unexpected becomes INTERNAL_SERVER_ERROR with a generic message, and its detail
 * (stack included) goes to the log only.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _ignored, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // Apollo refuses some requests with HTTP 400 but no code (a persisted query hash that does not
  // match its text, an unknown persisted query version): the client's fault, said as BAD_REQUEST.
  if (error instanceof GraphQLError && error.extensions?.http && (error.extensions.http as { status?: number }).status === 400 && !error.extensions.code) {
    return { message: formatted.message, extensions: { code: "BAD_REQUEST" } };
  }
  const original = unwrapResolverError(error);
  logger.error({ path: formatted.path, err: original instanceof Error ? { message: original.message, stack: original.stack } : String(original) }, "unexpected error");
  return {
    message: "Internal server error.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
