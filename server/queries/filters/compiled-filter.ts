import { fromGlobalIdOf, NodeTypeName } from "../../../schema/global-id";
import { SqlParams } from "../../database/sql-params";
import { PROPOSAL_COUNT } from "../../reference/stakes";
import { checkRange } from "../../../schema/validation/ranges";
import { ConditionBuilder, ScopeRoute } from "../list-source";
import { networkOrganizationKeys } from "../memberships";

/** A filter turned into SQL conditions, with a signature that identifies it for batching. */
export interface CompiledFilter {
  conditions: ConditionBuilder;
  signature: string;
  /** The route of a large scope, when the filter keeps one whose size the counters tell (see ScopeRoute). */
  scope?: ScopeRoute;
}

/** The filter that matches everything. */
export const NO_FILTER: CompiledFilter = { conditions: () => [], signature: "{}" };

/** Assembles a compiled filter from checked criteria and a builder that reads them. */
export function compiled<C>(criteria: C, build: (params: SqlParams, criteria: C) => string[]): CompiledFilter {
  return { conditions: (params) => build(params, criteria), signature: JSON.stringify(criteria) };
}

/**
 * The filter, keeping a scope whose size the counters tell (see ScopeRoute): its conditions with the scope
 * checked on each row (`walking`) or with the scope's rows read by index (`reading`), and the counts.
 */
export function withScope<C>(
  filter: CompiledFilter, criteria: C, walking: (params: SqlParams, criteria: C) => string[], reading: (params: SqlParams, criteria: C) => string[],
  counts: (params: SqlParams) => string,
): CompiledFilter {
  return { ...filter, scope: { walking: (params) => walking(params, criteria), reading: (params) => reading(params, criteria), counts } };
}

/** Decodes a list of global ids of the given types into database keys (argument e.g. `filter.networkIds`). */
export function decodeIds(ids: string[] | null | undefined, types: readonly NodeTypeName[], argument: string): number[] | null {
  if (ids == null) return null;
  return ids.map((id) => Number(fromGlobalIdOf(id, types, argument).key));
}

/**
 * `IN (...)` over a list of database keys: as a set (unnest) rather than `= ANY(array)`, so that the planner
 * probes an index per key (a network's 4,500 members) instead of scanning the table against the array.
 */
export function inKeys(params: SqlParams, keys: number[]): string {
  return `IN (SELECT unnest(${params.add(keys)}::int[]))`;
}

/** A network standing for its organisations in a filter (the dashboards' network scope): see `networkOrganizationKeys`. */
export interface NetworkOrganizations {
  network: number;
}

/** Organisations a filter names: by key, or a network's (found by the statement itself, however many members it has). */
export type OrganizationKeys = number[] | NetworkOrganizations;

/** `IN (...)` over organisations named by key or as a network's. */
export function inOrganizations(params: SqlParams, keys: OrganizationKeys): string {
  return Array.isArray(keys) ? inKeys(params, keys) : `IN (${networkOrganizationKeys(params.add(keys.network))})`;
}

/** Checks stake numbers are 1 to 4. */
export function checkedStakes(numbers: number[] | null | undefined, argument: string): number[] | null {
  if (numbers == null) return null;
  for (const n of numbers) checkRange(n, 1, 4, argument);
  return numbers;
}

/** Checks proposal numbers are 1 to 16 (a proposal not loaded yet matches nothing). */
export function checkedProposals(numbers: number[] | null | undefined, argument: string): number[] | null {
  if (numbers == null) return null;
  for (const n of numbers) checkRange(n, 1, PROPOSAL_COUNT, argument);
  return numbers;
}

/** Condition: the record (`key`) carries forward one of the proposals numbered `numbers` (`<table>_proposal`, keyed by `<table>_id`). */
export function proposalCondition(params: SqlParams, numbers: number[], table: "project" | "good_practice", key: string): string {
  return `${key} IN (SELECT l.${table}_id FROM ${table}_proposal l JOIN proposal pz ON pz.id = l.proposal_id
    WHERE pz.number = ANY(${params.add(numbers)}::smallint[]))`;
}

/** Condition: a theme link table has one of the themes (or one of their sub-themes). */
export function themeCondition(params: SqlParams, codes: string[], linkTable: string, linkColumn: string, key: string): string {
  const p = params.add(codes);
  return `${key} IN (SELECT ${linkColumn} FROM ${linkTable} WHERE theme_code IN
    (SELECT code FROM theme WHERE code = ANY(${p}::text[]) OR parent_code = ANY(${p}::text[])))`;
}
