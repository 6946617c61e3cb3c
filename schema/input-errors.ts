import { GraphQLError } from "graphql";

/**
 * Why an input was refused: BAD_USER_INPUT errors carry one of these as `reason`, with the
 * `argument` path they are about. The full list of codes is in server/graphql-errors.ts.
 */
export type InputErrorReason = "INVALID_ID" | "INVALID_CURSOR" | "OUT_OF_RANGE" | "MALFORMED" | "UNKNOWN_REFERENCE" | "TOO_LARGE";

/** An error about the client's input, with the argument it concerns. */
export function badInput(message: string, details: { argument: string; reason: InputErrorReason }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...details } });
}
