import { GraphQLError } from "graphql";

/**
 * The short, fixed set of error codes the API puts in `extensions.code`.
 * BAD_USER_INPUT carries a `reason` (INVALID_ID, INVALID_CURSOR, OUT_OF_RANGE, MALFORMED, UNKNOWN_REFERENCE)
 * and the `argument` path it is about.
 */
export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "INTERNAL_SERVER_ERROR";

export type InputErrorReason = "INVALID_ID" | "INVALID_CURSOR" | "OUT_OF_RANGE" | "MALFORMED" | "UNKNOWN_REFERENCE";

/** An error about the client's input, with the argument it concerns. */
export function badInput(message: string, details: { argument: string; reason: InputErrorReason }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...details } });
}
