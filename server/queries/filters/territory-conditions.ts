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

/** SQL conditions on a commune code expression (e.g. the head office's `o.commune_insee_code`). */
export function territoryConditions(params: SqlParams, criteria: TerritoryCriteria, communeExpression: string): string[] {
  const conditions: string[] = [];
  if (criteria.communes) conditions.push(`${communeExpression} = ANY(${params.add(criteria.communes)}::text[])`);
  if (criteria.epcis) {
    conditions.push(`${communeExpression} IN (SELECT insee_code FROM commune WHERE epci_siren = ANY(${params.add(criteria.epcis)}::text[]))`);
  }
  if (criteria.departments) {
    conditions.push(`${communeExpression} IN (SELECT insee_code FROM commune WHERE department_code = ANY(${params.add(criteria.departments)}::text[]))`);
  }
  if (criteria.regions) {
    conditions.push(`${communeExpression} IN (SELECT c.insee_code FROM commune c JOIN department d ON d.code = c.department_code
      WHERE d.region_code = ANY(${params.add(criteria.regions)}::text[]))`);
  }
  return conditions;
}

/** Whether any territory criterion is set. */
export function hasTerritory(criteria: TerritoryCriteria): boolean {
  return Boolean(criteria.communes || criteria.epcis || criteria.departments || criteria.regions);
}
