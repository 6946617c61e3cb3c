import { GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from "graphql";
import { InputErrorReason } from "../input-errors";

/**
 * Longest string an argument or input field takes unless it declares its own `maxLength` (see
 * MaxLength in schema/string-arguments.ts): codes, ids, names, search text, filters.
 */
export const DEFAULT_MAX_LENGTH = 500;

/**
 * Ceiling of free-text input fields (titles, summaries, descriptions, a good practice's body): each
 * one's own, smaller limit is checked by its mutation (server/mutations, InputChecks.text).
 */
export const FREE_TEXT_MAX_LENGTH = 100_000;

/** A refused string: where it is (from the argument), why, and the reason code of BAD_USER_INPUT. */
export interface StringProblem {
  path: (string | number)[];
  message: string;
  reason: Extract<InputErrorReason, "MALFORMED" | "OUT_OF_RANGE">;
}

// With the u flag a well-formed surrogate pair is one code point: only lone halves match.
const LONE_SURROGATE = /\p{Cs}/u;

/** Length in characters (code points), as the mutations' text limits count it. */
function characters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/**
 * What is wrong with one string, or null. NUL: PostgreSQL text cannot hold it. A lone UTF-16
 * surrogate: it has no UTF-8 encoding, so it would be stored altered. Length: every string is bounded.
 */
export function stringProblem(value: string, maxLength: number): Omit<StringProblem, "path"> | null {
  if (value.includes("\u0000")) return { message: "must not contain NUL characters.", reason: "MALFORMED" };
  if (LONE_SURROGATE.test(value)) return { message: "must be valid Unicode (it holds a lone UTF-16 surrogate).", reason: "MALFORMED" };
  // Code points never outnumber UTF-16 units: count them only when the units are over.
  if (value.length > maxLength) {
    const length = characters(value);
    if (length > maxLength) return { message: `must be at most ${maxLength} characters (got ${length}).`, reason: "OUT_OF_RANGE" };
  }
  return null;
}

/** The `maxLength` an argument or input field declares in its extensions, else the default. */
export function maxLengthOf(extensions: { readonly maxLength?: unknown } | null | undefined): number {
  return typeof extensions?.maxLength === "number" ? extensions.maxLength : DEFAULT_MAX_LENGTH;
}

/** Whether values of this input type can hold a string (String, ID, a custom scalar), however deep. */
export function carriesStrings(type: GraphQLInputType, seen = new Set<GraphQLInputType>()): boolean {
  if (isNonNullType(type) || isListType(type)) return carriesStrings(type.ofType, seen);
  if (isEnumType(type)) return false;
  if (isScalarType(type)) return !["Int", "Float", "Boolean"].includes(type.name);
  if (seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => carriesStrings(field.type, seen));
}

/**
 * Every refused string in a coerced value of an input type (a variable, a literal, an export's
 * filter), with its path from `path`: items of lists and fields of input objects, however nested.
 */
export function stringProblems(type: GraphQLInputType, value: unknown, path: (string | number)[], maxLength = DEFAULT_MAX_LENGTH, found: StringProblem[] = []): StringProblem[] {
  if (value === null || value === undefined) return found;
  if (isNonNullType(type)) return stringProblems(type.ofType, value, path, maxLength, found);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => stringProblems(type.ofType, item, [...path, i], maxLength, found));
    else stringProblems(type.ofType, value, path, maxLength, found);
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      if (fieldValue !== undefined) stringProblems(field.type, fieldValue, [...path, field.name], maxLengthOf(field.extensions), found);
    }
  } else if (isScalarType(type) && typeof value === "string") {
    const problem = stringProblem(value, maxLength);
    if (problem) found.push({ path, ...problem });
  }
  return found;
}

/** `filter.departmentCodes[0]`, as messages print a path. */
export function printInputPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** `filter.departmentCodes`: the `argument` of BAD_USER_INPUT names the field, without list indices. */
export function argumentOf(path: readonly (string | number)[]): string {
  return path.filter((p) => typeof p === "string").join(".");
}
