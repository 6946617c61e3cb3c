import { MutationErrorCode, MutationErrorValue } from "../../schema/mutations/payload";
import { FieldProblem } from "../validation/input-checks";

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
