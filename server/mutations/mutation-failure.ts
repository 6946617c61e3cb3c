import { FieldProblem } from "../validation/input-checks";

/** Stable codes of expected business failures, returned in mutation payloads (never as GraphQL errors). */
export type MutationErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "VERSION_CONFLICT"
  | "DUPLICATE_RNA"
  | "DUPLICATE_SIRET"
  | "DUPLICATE_MEMBERSHIP"
  | "ALREADY_SIGNED"
  | "DUPLICATE_PROPOSAL"
  | "IDEMPOTENCY_KEY_REUSED";

/** One business failure: its code, a sentence for people, and the input field it is about, if any. */
export interface MutationErrorValue {
  code: MutationErrorCode;
  message: string;
  path: string[] | null;
}

/**
 * Thrown inside a mutation's transaction to abort it with typed errors: the runner rolls the work back
 * and answers them in the payload.
 */
export class MutationFailure extends Error {
  constructor(readonly errors: MutationErrorValue[]) {
    super(errors.map((e) => e.message).join(" "));
  }

  static of(code: MutationErrorCode, message: string, path: (string | number)[] | null = null): MutationFailure {
    return new MutationFailure([{ code, message, path: path && path.map(String) }]);
  }

  /** INVALID_INPUT, one error per field problem, paths from the mutation's `input` argument. */
  static invalid(problems: FieldProblem[]): MutationFailure {
    return new MutationFailure(problems.map((p) => ({
      code: "INVALID_INPUT" as const,
      message: `${p.path.join(".")} ${p.message}`,
      path: ["input", ...p.path.map(String)],
    })));
  }
}
