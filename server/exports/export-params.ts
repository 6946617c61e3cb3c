import { coerceInputValue, GraphQLError, GraphQLSchema, isInputType } from "graphql";
// graphql-js prints invalid values this way in its own variable errors.
import { inspect } from "graphql/jsutils/inspect";
import { OrderValue } from "../../schema/order";
import { badInput, InputErrorReason } from "../../schema/input-errors";
import { withoutSuggestions } from "../graphql-errors";
import { argumentOf, printInputPath, stringProblems } from "../../schema/validation/strings";
import { CsvForm, ExportFormat, ExportList } from "./export-lists";

/** CSV field separators: comma (RFC 4180, the default) or semicolon (what French Excel opens by double-click). */
export const DELIMITERS = { comma: ",", semicolon: ";" } as const;

/** CSV forms: `data` for programs (the default), `spreadsheet` for people (French, always `;`-separated). */
export const CSV_FORMS: readonly CsvForm[] = ["data", "spreadsheet"];

/** What an export request asks for, once parsed and validated. */
export interface ExportParams {
  /** The filter as the list's GraphQL argument would receive it (coerced: enums, scalars, defaults). */
  filter: unknown;
  orderBy: OrderValue<string> | null;
  delimiter: string;
  /** CSV only: the data form (programs) or the spreadsheet form (people, in French); "data" for GeoJSON. */
  form: CsvForm;
  /** The filter and order as the client sent them (echoed in GeoJSON metadata). */
  raw: { filter: unknown; orderBy: unknown };
}

/** A refusal of the client's input, answered with HTTP 400 in GraphQL's error shape. */
export function inputError(message: string, argument: string, reason: InputErrorReason = "MALFORMED"): GraphQLError {
  return badInput(message, { argument, reason });
}

/** `filter.kinds[0]` for the path [kinds, 0] under the argument `filter`. */
function printPath(argument: string, path: readonly (string | number)[]): string {
  return argument + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}

/** One query parameter, as a single string (repeating it is an error), or undefined when absent. */
function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw inputError(`Query parameter "${name}" must be given once, as a string.`, name);
  return value;
}

/** How messages are worded: without graphql-js's suggestions when hidden (production). */
export interface ExportParamsOptions {
  hideSuggestions: boolean;
}

/**
 * Parses a JSON query parameter and coerces it against a GraphQL input type exactly as GraphQL
 * coerces a variable: unknown fields, wrong types and unknown enum values are refused with the
 * same messages (and a list accepts a single value, as in GraphQL); then its strings go through the
 * rules every GraphQL argument goes through (schema/validation/strings.ts).
 */
function coerceJson(schema: GraphQLSchema, typeName: string, argument: string, text: string | undefined, options: ExportParamsOptions): { raw: unknown; value: unknown } {
  if (text === undefined || text.trim() === "") return { raw: null, value: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`Query parameter "${argument}" is not valid JSON.`, argument);
  }
  const type = schema.getType(typeName);
  if (!type || !isInputType(type)) throw new Error(`The schema has no input type ${typeName}`);
  const errors: GraphQLError[] = [];
  const value = coerceInputValue(raw, type, (path, invalidValue, error) => {
    const at = printPath(argument, path);
    const message = `Query parameter "${argument}" got invalid value ${inspect(invalidValue)}${path.length ? ` at "${at}"` : ""}; ${error.message}`;
    const shown = options.hideSuggestions ? withoutSuggestions(message) : message;
    // The argument names the field concerned, without list indices (as the filter compilers do).
    errors.push(inputError(shown, printPath(argument, path.filter((p) => typeof p === "string"))));
  });
  if (errors.length) throw errors[0];
  const [problem] = stringProblems(type, value, [argument]);
  if (problem) throw inputError(`Query parameter "${argument}": "${printInputPath(problem.path)}" ${problem.message}`, argumentOf(problem.path), problem.reason);
  return { raw, value };
}

/** Reads and validates the query string of an export: `filter`, `orderBy` (JSON) and, for CSV, `delimiter` and `form`. */
export function parseExportParams(
  schema: GraphQLSchema, list: ExportList<unknown, unknown>, format: ExportFormat, query: Record<string, unknown>, options: ExportParamsOptions,
): ExportParams {
  const known = format === "csv" ? ["filter", "orderBy", "delimiter", "form"] : ["filter", "orderBy"];
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) {
      throw inputError(`Unknown query parameter "${name}"; ${list.name}.${format} accepts ${known.map((k) => `"${k}"`).join(", ")}.`, name);
    }
  }
  const filter = coerceJson(schema, list.filterType, "filter", single(query, "filter"), options);
  const orderBy = coerceJson(schema, list.orderType, "orderBy", single(query, "orderBy"), options);
  const form = (single(query, "form") ?? "data") as CsvForm;
  if (!CSV_FORMS.includes(form)) {
    throw inputError(`Query parameter "form" must be "data" or "spreadsheet", got ${inspect(form)}.`, "form");
  }
  const delimiterName = single(query, "delimiter");
  if (delimiterName !== undefined && form === "spreadsheet") {
    throw inputError(`Query parameter "delimiter" applies to the data form only; the spreadsheet form is always ";"-separated.`, "delimiter");
  }
  if (!((delimiterName ?? "comma") in DELIMITERS)) {
    throw inputError(`Query parameter "delimiter" must be "comma" or "semicolon", got ${inspect(delimiterName)}.`, "delimiter");
  }
  return {
    filter: filter.value,
    orderBy: orderBy.value as OrderValue<string> | null,
    delimiter: form === "spreadsheet" ? DELIMITERS.semicolon : DELIMITERS[(delimiterName ?? "comma") as keyof typeof DELIMITERS],
    form,
    raw: { filter: filter.raw, orderBy: orderBy.raw },
  };
}
