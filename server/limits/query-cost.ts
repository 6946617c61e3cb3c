import { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode, getVariableValues } from "graphql";
import { ComplexityEstimatorArgs, getComplexity } from "graphql-query-complexity";
import { MAX_PAGE_SIZE } from "../../schema/page-args";
import { isUnpagedList, listSize, ownCost } from "./field-costs";
import { LimitError } from "./limit-error";

/** Most representations one `_entities` call may name (a subgraph served with MAILLAGE_SUBGRAPH). */
export const MAX_REPRESENTATIONS = 1000;

/** A `first` outside 1..MAX_PAGE_SIZE, more `ids` than that, or more than MAX_REPRESENTATIONS representations, found while costing the query. */
export interface PageSizeViolation {
  field: string;
  argument: "first" | "ids" | "representations";
  value: unknown;
}

export interface QueryCost {
  cost: number;
  /** The first out-of-range `first`, if any: refused before anything runs. */
  pageSize: PageSizeViolation | undefined;
}

/**
 * The cost of an operation (see field-costs.ts), with its variables' values: `first` multiplies
 * the cost of a list's items, `nodes(ids:)` the number of ids, `_entities(representations:)` the
 * number of representations, a list without `first` its estimated size. Undefined when the variables do not
 * coerce: execution then refuses them with BAD_USER_INPUT before any resolver runs.
 *
 * The analysis visits at most `maxSelections` selections (fragments expanded); past that it
 * refuses with TOO_MANY_SELECTIONS (maxSelectionsRule has already refused any such document).
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, maxSelections: number): QueryCost | undefined {
  // The cost depends only on the document, the operation and the variables' values: an operation
  // sent again with the same values (a mobile screen, a dashboard) is costed once.
  const values = JSON.stringify(variables ?? {});
  if (values.length > MAX_CACHED_VARIABLES_LENGTH) return computeCost(schema, document, operation, variables, maxSelections);
  let byVariables = costs.get(document);
  if (!byVariables) costs.set(document, (byVariables = new Map()));
  const key = `${operation.name?.value ?? ""}\u0000${maxSelections}\u0000${values}`;
  if (byVariables.has(key)) return byVariables.get(key);
  const cost = computeCost(schema, document, operation, variables, maxSelections);
  if (byVariables.size >= MAX_COSTS_PER_DOCUMENT) byVariables.clear();
  byVariables.set(key, cost);
  return cost;
}

/** Costs are remembered per parsed document (Apollo keeps those in its bounded store), for a few variable sets each. */
const costs = new WeakMap<DocumentNode, Map<string, QueryCost | undefined>>();
const MAX_COSTS_PER_DOCUMENT = 32;
const MAX_CACHED_VARIABLES_LENGTH = 2048;

function computeCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, maxSelections: number): QueryCost | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return undefined;
  let pageSize: PageSizeViolation | undefined;
  const estimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    let multiplier = 1;
    if (field.args.some((a) => a.name === "first") && args.first !== undefined && args.first !== null) {
      const first = args.first as number;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
        pageSize ??= { field: `${type.name}.${field.name}`, argument: "first", value: first };
      }
      multiplier = Math.min(Math.max(first, 0), MAX_PAGE_SIZE);
    } else if (Array.isArray(args.ids)) {
      if (args.ids.length > MAX_PAGE_SIZE) pageSize ??= { field: `${type.name}.${field.name}`, argument: "ids", value: args.ids.length };
      multiplier = args.ids.length;
    } else if (Array.isArray(args.representations)) {
      // Federation's `_entities`: each representation is a record looked up, at least a row even when only its scalars are asked.
      const count = args.representations.length;
      if (count > MAX_REPRESENTATIONS) pageSize ??= { field: `${type.name}.${field.name}`, argument: "representations", value: count };
      return ownCost(type, field) + count * Math.max(1, childComplexity);
    } else if (isUnpagedList(type, field)) {
      multiplier = listSize(type, field, args);
    }
    return ownCost(type, field) + multiplier * childComplexity;
  };
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables: (variables ?? {}) as Record<string, unknown>,
      estimators: [estimator],
      maxQueryNodes: maxSelections + 1,
    });
  } catch (error) {
    // Its node budget is the one error graphql-query-complexity throws rather than reports.
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw new LimitError("TOO_MANY_SELECTIONS", `Query has more than ${maxSelections} selections once fragments are expanded.`, { limit: maxSelections });
    }
    throw error;
  }
  return { cost, pageSize };
}
