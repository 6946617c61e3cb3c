import { GraphQLError } from "graphql";

/** Stable codes of the request limits (docs/operations.md, "Request limits"); clients may branch on them. */
export type LimitCode =
  | "QUERY_TOO_DEEP"
  | "QUERY_TOO_NESTED"
  | "TOO_MANY_ALIASES"
  | "TOO_MANY_DIRECTIVES"
  | "TOO_MANY_TOKENS"
  | "TOO_MANY_SELECTIONS"
  | "VARIABLES_TOO_DEEP"
  | "QUERY_TOO_COSTLY"
  | "BATCHING_NOT_SUPPORTED"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED";

export const LIMIT_CODES: readonly LimitCode[] = [
  "QUERY_TOO_DEEP", "QUERY_TOO_NESTED", "TOO_MANY_ALIASES", "TOO_MANY_DIRECTIVES", "TOO_MANY_TOKENS", "TOO_MANY_SELECTIONS",
  "VARIABLES_TOO_DEEP", "QUERY_TOO_COSTLY", "BATCHING_NOT_SUPPORTED", "PAYLOAD_TOO_LARGE", "RATE_LIMITED",
];

/**
 * A request refused by a limit, before any resolver ran: HTTP 400 unless said otherwise.
 * Apollo files validation-rule errors under GRAPHQL_VALIDATION_FAILED; formatError gives a
 * LimitError its own code back (see limitCodeOf).
 */
export class LimitError extends GraphQLError {
  constructor(code: LimitCode, message: string, details: Record<string, unknown> = {}, http: { status: number; headers?: Map<string, string> } = { status: 400 }) {
    super(message, { extensions: { code, ...details, http } });
    this.name = "LimitError";
  }
}

/** The limit code behind an error Apollo wrapped (ValidationError keeps ours as originalError). */
export function limitCodeOf(error: unknown): LimitCode | undefined {
  let current: unknown = error;
  for (let i = 0; i < 3 && current; i++) {
    if (current instanceof LimitError) return current.extensions.code as LimitCode;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
