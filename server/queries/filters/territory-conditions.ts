import { TerritoryFilter } from "../../../schema/inputs/territory-filter";
import { SqlParams } from "../../database/sql-params";
import { RequestLoaders } from "../../loaders/request-loaders";
import { checkedCodes } from "./reference-codes";

/** Territory criteria, checked and normalised. */
export interface TerritoryCriteria {
  communes: string[] | null;
  epcis: string[] | null;
  departments: string[] | null;
  regions: string[] | null;
}

/** Validates the territory part of a filter (argument paths like `filter.departmentCodes`). */
export async function territoryCriteria(loaders: RequestLoaders, filter: TerritoryFilter | null | undefined): Promise<TerritoryCriteria> {
  return {
    communes: await checkedCodes(loaders, "commune", filter?.communeInseeCodes, "filter.communeInseeCodes"),
    epcis: await checkedCodes(loaders, "epci", filter?.epciSirens, "filter.epciSirens"),
    departments: await checkedCodes(loaders, "department", filter?.departmentCodes, "filter.departmentCodes"),
    regions: await checkedCodes(loaders, "region", filter?.regionCodes, "filter.regionCodes"),
  };
}

/** A territory criterion as a set of communes: the codes given (a parameter), or a subquery of `insee_code`. */
type CommuneSet = { codes: string } | { subquery: string };

function communeSets(params: SqlParams, criteria: TerritoryCriteria): CommuneSet[] {
  const sets: CommuneSet[] = [];
  if (criteria.communes) sets.push({ codes: `${params.add(criteria.communes)}::text[]` });
  if (criteria.epcis) sets.push({ subquery: `SELECT insee_code FROM commune WHERE epci_siren = ANY(${params.add(criteria.epcis)}::text[])` });
  if (criteria.departments) {
    sets.push({ subquery: `SELECT insee_code FROM commune WHERE department_code = ANY(${params.add(criteria.departments)}::text[])` });
  }
  if (criteria.regions) {
    // The région's départements listed first, then their communes by index: joined, a generic plan (which
    // knows no région) expected a third of the communes and scanned them all.
    sets.push({ subquery: `SELECT insee_code FROM commune
      WHERE department_code = ANY(ARRAY(SELECT code FROM department WHERE region_code = ANY(${params.add(criteria.regions)}::text[])))` });
  }
  return sets;
}

/** SQL conditions on a commune code expression (e.g. the head office's `o.commune_insee_code`). */
export function territoryConditions(params: SqlParams, criteria: TerritoryCriteria, communeExpression: string): string[] {
  return communeSets(params, criteria).map((set) =>
    ("codes" in set ? `${communeExpression} = ANY(${set.codes})` : `${communeExpression} IN (${set.subquery})`));
}

/**
 * The same conditions checked on rows found otherwise (a scope's walking route, see ScopeRoute): each an
 * uncorrelated `IN (SELECT ...)` under `IS TRUE`, which PostgreSQL neither turns into a join nor reads by
 * index: the codes are hashed once (a hashed subplan) and each row's commune looked up there. Nor does it
 * estimate how many rows pass (it assumes half): the walk's plan then does not depend on the scope's size,
 * which the route's choice already weighed. A row without a commune matches neither form.
 */
export function territoryChecks(params: SqlParams, criteria: TerritoryCriteria, communeExpression: string): string[] {
  return communeSets(params, criteria).map((set) =>
    `(${communeExpression} IN (${"codes" in set ? `SELECT unnest(${set.codes})` : set.subquery})) IS TRUE`);
}

/**
 * The same conditions for reading the territory's rows by the commune index (a scope's reading route and
 * its count, see ScopeRoute): the communes listed first (`= ANY(ARRAY(...))`, an array computed once),
 * so that PostgreSQL probes the index for each of them instead of joining through `commune` (for Lozère's
 * 152 communes and their 145 events, it hashed the communes and read all 500,000 events).
 */
export function territoryReads(params: SqlParams, criteria: TerritoryCriteria, communeExpression: string): string[] {
  return communeSets(params, criteria).map((set) =>
    `${communeExpression} = ANY(${"codes" in set ? set.codes : `ARRAY(${set.subquery})`})`);
}

/**
 * SQL: one row, `scope` the sum of a per-commune counter over the territory's communes (alias `a`, rows
 * `a.scope = 'COMMUNE'`, commune code `a.code`: a head office, an event, is in one commune, so the sum
 * counts each row once), and `matching` the same sum over the counter rows that meet `matching` (SQL on
 * other columns of `a`, or null: all of them).
 */
export function communeCounts(params: SqlParams, criteria: TerritoryCriteria, table: string, measure: string, matching: string | null = null): string {
  // The communes listed first, then their counter rows by key: joined, a generic plan (which knows no
  // département) expected 3,000 communes and scanned the 117,000 counter rows (20-35 ms).
  const where = ["a.scope = 'COMMUNE'", ...territoryReads(params, criteria, "a.code")].join(" AND ");
  const matched = matching ? `coalesce(sum(a.${measure}) FILTER (WHERE ${matching}), 0)` : `coalesce(sum(a.${measure}), 0)`;
  return `SELECT coalesce(sum(a.${measure}), 0) AS scope, ${matched} AS matching FROM ${table} a WHERE ${where}`;
}

/** Whether any territory criterion is set. */
export function hasTerritory(criteria: TerritoryCriteria): boolean {
  return Boolean(criteria.communes || criteria.epcis || criteria.departments || criteria.regions);
}
