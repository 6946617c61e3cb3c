import { CommuneFilter, DepartmentFilter, EpciFilter, QpvFilter } from "../../../schema/inputs/territory-filters";
import { RequestLoaders } from "../../loaders/request-loaders";
import { checkedCodes } from "./reference-codes";
import { compiled, CompiledFilter } from "./compiled-filter";
import { hasTerritory, territoryConditions, territoryCriteria } from "./territory-conditions";

/** SQL for a QPV filter (alias `q`): territory criteria match any commune the QPV lies in. */
export async function qpvConditions(loaders: RequestLoaders, filter: QpvFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    codes: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
  };
  return compiled(criteria, (params, c) => {
    const conditions: string[] = [];
    if (c.codes) conditions.push(`q.code = ANY(${params.add(c.codes)}::text[])`);
    if (hasTerritory(c.territory)) {
      const inTerritory = territoryConditions(params, c.territory, "qc.commune_insee_code").join(" AND ");
      conditions.push(`q.code IN (SELECT qc.qpv_code FROM qpv_commune qc WHERE ${inTerritory})`);
    }
    return conditions;
  });
}

/** SQL for a commune filter (alias `c`). */
export async function communeConditions(loaders: RequestLoaders, filter: CommuneFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = { territory: await territoryCriteria(loaders, filter), hasQpv: filter?.hasQpv ?? null };
  return compiled(criteria, (params, c) => {
    const conditions = territoryConditions(params, c.territory, "c.insee_code");
    if (c.hasQpv !== null) {
      conditions.push(`${c.hasQpv ? "" : "NOT "}EXISTS (SELECT 1 FROM qpv_commune qc WHERE qc.commune_insee_code = c.insee_code)`);
    }
    return conditions;
  });
}

/** SQL for an EPCI filter (alias `e`): territory criteria match EPCI with a member commune there. */
export async function epciConditions(loaders: RequestLoaders, filter: EpciFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = { territory: await territoryCriteria(loaders, filter) };
  return compiled(criteria, (params, c) => {
    if (!hasTerritory(c.territory)) return [];
    const inTerritory = territoryConditions(params, c.territory, "mc.insee_code").join(" AND ");
    return [`e.siren IN (SELECT mc.epci_siren FROM commune mc WHERE mc.epci_siren IS NOT NULL AND ${inTerritory})`];
  });
}

/** SQL for a département filter (alias `d`). */
export async function departmentConditions(loaders: RequestLoaders, filter: DepartmentFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = { regions: await checkedCodes(loaders, "region", filter?.regionCodes, "filter.regionCodes") };
  return compiled(criteria, (params, c) => (c.regions ? [`d.region_code = ANY(${params.add(c.regions)}::text[])`] : []));
}
