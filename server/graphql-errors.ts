import { GraphQLError, GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { logger } from "./observability/logger";
import { LIMIT_CODES, limitCodeOf } from "./limits/limit-error";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "./database/database-unavailable";
import { INVALID_CONSISTENCY_TOKEN } from "./database/read-routing-plugin";

/** Codes whose messages are safe to show to clients; anything else is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "FORBIDDEN",
  "OPERATION_NOT_REGISTERED", "GEOCODER_UNAVAILABLE", "GEOCODER_DISABLED", INVALID_CONSISTENCY_TOKEN,
  ...LIMIT_CODES,
]);

/** graphql's parser, stopped by `parseOptions.maxTokens`, says so only in its message (graphql 16.15 spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/**
 * The specific code of a request-limit error: Apollo files validation-rule errors under
 * GRAPHQL_VALIDATION_FAILED and parser errors under GRAPHQL_PARSE_FAILED.
 */
function withLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = limitCodeOf(error);
  if (code) return { ...formatted, extensions: { ...formatted.extensions, code } };
  const tokens = formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
  if (tokens) {
    return { message: `Document has more than ${tokens[1]} tokens.`, extensions: { code: "TOO_MANY_TOKENS", limit: Number(tokens[1]) } };
  }
  return formatted;
}

/**
 * The one boundary where errors leave the server: known client errors keep their message and code,
 * anything unexpected becomes INTERNAL_SERVER_ERROR with a generic message, and its detail
 * (stack included) goes to the log only.
 */
export function formatError(rawFormatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const formatted = withLimitCode(rawFormatted, error);
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
  // The database down or restarting is no bug: the client retries (databaseUnavailablePlugin answers 503 with Retry-After).
  if (isDatabaseUnavailable(original)) {
    logger.warn({ path: formatted.path, err: original instanceof Error ? original.message : String(original) }, "database unavailable");
    return {
      message: "The database is unavailable right now: retry the request.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }
  logger.error({ path: formatted.path, err: original instanceof Error ? { message: original.message, stack: original.stack } : String(original) }, "unexpected error");
  return {
    message: "Internal server error.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

/**
 * graphql-js's suggestions (" Did you mean "departmentCodes"?", " Did you mean the enum value "X"?"):
 * they spell out the schema to a prober even with introspection off.
 */
const SUGGESTION = / ?Did you mean (?:[a-z ]+ )?"[_A-Za-z][_0-9A-Za-z]*"(?:,? (?:or )?"[_A-Za-z][_0-9A-Za-z]*")*\?/g;

/** A message without graphql-js's suggestions. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, "");
}

/**
 * formatError, stripping suggestions from every message when `hideSuggestions` is on: Apollo's own
 * option covers validation errors only, not variable coercion (an unknown input field, an enum typo).
 */
export function errorFormatter(options: { hideSuggestions: boolean }): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (!options.hideSuggestions) return formatError;
  return (formatted, error) => {
    const result = formatError(formatted, error);
    return { ...result, message: withoutSuggestions(result.message) };
  };
}
