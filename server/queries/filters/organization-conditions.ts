import { AssociationFilter, OrganizationFilter, OrganizationKindValue, PartnerFilter } from "../../../schema/inputs/organization-filters";
import { currentMembership } from "../memberships";
import { RequestLoaders } from "../../loaders/request-loaders";
import { COVERAGE_INCLUDES_COMMUNE } from "../coverage";
import { STATED_PRESENCE } from "../qpv-presence";
import { checkedCodes } from "./reference-codes";
import { compiled, CompiledFilter, decodeIds, themeCondition, withScope } from "./compiled-filter";
import { SqlParams } from "../../database/sql-params";
import { communeCounts, hasTerritory, TerritoryCriteria, territoryChecks, territoryConditions, territoryReads, territoryCriteria } from "./territory-conditions";

const QPV_PRESENCE = (qpvParam: string) =>
  `o.id IN (SELECT organization_id FROM organization_qpv WHERE qpv_code = ANY(${qpvParam}::text[]) AND ${STATED_PRESENCE})`;
/** Current member of some network: the count kept on the row (see the NationalScale migration) is that of `currentMembership` rows. */
const CURRENT_MEMBER = "o.current_networks > 0";

/** SQL for an association filter (alias `o`). */
export async function associationConditions(loaders: RequestLoaders, filter: AssociationFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    themes: await checkedCodes(loaders, "theme", filter?.themeCodes, "filter.themeCodes"),
    employerSizes: filter?.employerSizes ?? null,
    federated: filter?.federated ?? null,
    networks: decodeIds(filter?.networkIds, ["Association", "Partner"], "filter.networkIds"),
    groupings: filter?.groupings ?? null,
  };
  const build = (territory: typeof territoryConditions) => (params: SqlParams, c: typeof criteria) => {
    const conditions = territory(params, c.territory, "o.commune_insee_code");
    if (c.qpvs) conditions.push(QPV_PRESENCE(params.add(c.qpvs)));
    if (c.themes) conditions.push(themeCondition(params, c.themes, "organization_theme", "organization_id", "o.id"));
    if (c.employerSizes) conditions.push(`o.employer_size = ANY(${params.add(c.employerSizes)}::text[])`);
    if (c.federated !== null) conditions.push(c.federated ? CURRENT_MEMBER : `NOT ${CURRENT_MEMBER}`);
    if (c.networks) {
      conditions.push(`o.id IN (SELECT nm.member_id FROM membership nm WHERE ${currentMembership("nm")} AND nm.network_id = ANY(${params.add(c.networks)}::int[]))`);
    }
    if (c.groupings) conditions.push(`o.grouping = ANY(${params.add(c.groupings)}::text[])`);
    return conditions;
  };
  const compiledFilter = compiled(criteria, build(territoryConditions));
  // A territory's associations are counted (per commune, employer size and federation): its size is known.
  if (!hasTerritory(criteria.territory)) return compiledFilter;
  return withScope(compiledFilter, criteria, build(territoryChecks), build(territoryReads),
    (params) => associationCounts(params, criteria.territory, criteria.employerSizes, criteria.federated));
}

/** SQL: the public associations of a territory, and those of these employer sizes, federated or not (see communeCounts), from `agg_association`. */
function associationCounts(params: SqlParams, territory: TerritoryCriteria, employerSizes: string[] | null, federated: boolean | null): string {
  const matching: string[] = [];
  if (employerSizes) matching.push(`a.employer_size = ANY(${params.add(employerSizes)}::text[])`);
  if (federated !== null) matching.push(federated ? "a.federated" : "NOT a.federated");
  return communeCounts(params, territory, "agg_association", "n", matching.length ? matching.join(" AND ") : null);
}

/** SQL for a partner filter (alias `o`). */
export async function partnerConditions(loaders: RequestLoaders, filter: PartnerFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    types: filter?.partnerTypes ?? null,
  };
  return compiled(criteria, (params, c) => {
    const conditions = territoryConditions(params, c.territory, "o.commune_insee_code");
    if (c.qpvs) {
      // A partner is active in a QPV when it says so, or when its coverage includes a commune of the QPV.
      const qpvs = params.add(c.qpvs);
      conditions.push(`(${QPV_PRESENCE(qpvs)} OR o.id IN (SELECT pc.partner_id FROM partner_coverage pc, qpv_commune qc
        JOIN commune cc ON cc.insee_code = qc.commune_insee_code JOIN department cd ON cd.code = cc.department_code
        WHERE qc.qpv_code = ANY(${qpvs}::text[]) AND ${COVERAGE_INCLUDES_COMMUNE}))`);
    }
    if (c.types) conditions.push(`o.partner_type = ANY(${params.add(c.types)}::text[])`);
    return conditions;
  });
}

/** SQL for a filter over all organisations (alias `o`). */
export async function organizationConditions(loaders: RequestLoaders, filter: OrganizationFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    themes: await checkedCodes(loaders, "theme", filter?.themeCodes, "filter.themeCodes"),
    kinds: filter?.kinds ?? null,
  };
  const build = (territory: typeof territoryConditions) => (params: SqlParams, c: typeof criteria) => {
    const conditions = territory(params, c.territory, "o.commune_insee_code");
    if (c.qpvs) conditions.push(QPV_PRESENCE(params.add(c.qpvs)));
    if (c.themes) conditions.push(themeCondition(params, c.themes, "organization_theme", "organization_id", "o.id"));
    if (c.kinds) conditions.push(`o.kind = ANY(${params.add(c.kinds)}::text[])`);
    return conditions;
  };
  const compiledFilter = compiled(criteria, build(territoryConditions));
  // Associations are most organisations (partners about 3%): the territory's associations tell its size,
  // unless partners only are asked for (their number per commune is not counted).
  if (!hasTerritory(criteria.territory) || (criteria.kinds && !criteria.kinds.includes(OrganizationKindValue.ASSOCIATION))) return compiledFilter;
  return withScope(compiledFilter, criteria, build(territoryChecks), build(territoryReads), (params) => associationCounts(params, criteria.territory, null, null));
}
