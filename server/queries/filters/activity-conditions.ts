import {
  CharterSignatureFilter, ContratDeVilleFilter, EventFilter, FundingFilter, GoodPracticeFilter, ProjectFilter,
} from "../../../schema/inputs/activity-filters";
import { SqlParams } from "../../database/sql-params";
import { checkRange } from "../../../schema/validation/ranges";
import { RequestLoaders } from "../../loaders/request-loaders";
import { SOURCES } from "../sources";
import { checkedCodes } from "./reference-codes";
import {
  checkedProposals, checkedStakes, compiled, CompiledFilter, decodeIds, inKeys, inOrganizations, NetworkOrganizations,
  proposalCondition, themeCondition, withScope,
} from "./compiled-filter";
import { communeCounts, hasTerritory, TerritoryCriteria, territoryChecks, territoryConditions, territoryReads, territoryCriteria } from "./territory-conditions";

/**
 * SQL for a project filter (alias `pr`); `network`: the participants are that network's organisations (the
 * dashboards' network scope, in place of `participantIds`).
 */
export async function projectConditions(
  loaders: RequestLoaders, filter: ProjectFilter | null | undefined, network?: NetworkOrganizations,
): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    themes: await checkedCodes(loaders, "theme", filter?.themeCodes, "filter.themeCodes"),
    statuses: filter?.statuses ?? null,
    stakes: checkedStakes(filter?.stakeNumbers, "filter.stakeNumbers"),
    proposals: checkedProposals(filter?.proposalNumbers, "filter.proposalNumbers"),
    participants: network ?? decodeIds(filter?.participantIds, ["Association", "Partner"], "filter.participantIds"),
    activeFrom: filter?.activeFrom ?? null,
    activeTo: filter?.activeTo ?? null,
  };
  const build = (walking: boolean) => (params: SqlParams, c: typeof criteria) => {
    const conditions: string[] = [];
    if (hasTerritory(c.territory)) {
      conditions.push(walking ? qpvsInTerritoryCheck(params, c.territory, "project_qpv", "project_id", "pr.id")
        : qpvsInTerritory(params, c.territory, "project_qpv", "project_id", "pr.id"));
    }
    if (c.qpvs) conditions.push(`pr.id IN (SELECT project_id FROM project_qpv WHERE qpv_code = ANY(${params.add(c.qpvs)}::text[]))`);
    if (c.themes) conditions.push(themeCondition(params, c.themes, "project_theme", "project_id", "pr.id"));
    if (c.statuses) conditions.push(`pr.status = ANY(${params.add(c.statuses)}::text[])`);
    if (c.stakes) conditions.push(`pr.id IN (SELECT project_id FROM project_stake WHERE stake_number = ANY(${params.add(c.stakes)}::smallint[]))`);
    if (c.proposals) conditions.push(proposalCondition(params, c.proposals, "project", "pr.id"));
    if (c.participants) {
      conditions.push(`pr.id IN (SELECT project_id FROM project_participant WHERE organization_id ${inOrganizations(params, c.participants)})`);
    }
    if (c.activeFrom) conditions.push(`(pr.end_date IS NULL OR pr.end_date >= ${params.add(c.activeFrom)}::date)`);
    if (c.activeTo) conditions.push(`(pr.start_date IS NULL OR pr.start_date <= ${params.add(c.activeTo)}::date)`);
    return conditions;
  };
  const compiledFilter = compiled(criteria, build(false));
  if (!hasTerritory(criteria.territory)) return compiledFilter;
  // A territory's public projects are counted (`agg_project`, per commune, EPCI, département, région, and per status).
  return withScope(compiledFilter, criteria, build(true), build(false), (params) => projectCounts(params, criteria.territory, criteria.statuses));
}

/**
 * SQL: the public projects of a territory, and those of these statuses (see ScopeRoute.counts), from
 * `agg_project`: per kind of territory criterion, the sum over its codes (a project in two of them counts
 * twice: about), the least of the kinds (the projects must be in all).
 */
function projectCounts(params: SqlParams, territory: TerritoryCriteria, statuses: string[] | null): string {
  const kinds: [string, string[] | null][] = [
    ["COMMUNE", territory.communes], ["EPCI", territory.epcis], ["DEPARTMENT", territory.departments], ["REGION", territory.regions],
  ];
  const statusMeasures = statuses ? params.add(statuses.map((s) => `status:${s}`)) : null;
  const scope: string[] = [];
  const matching: string[] = [];
  for (const [kind, codes] of kinds) {
    if (!codes) continue;
    const p = params.add(codes);
    const of = (measure: string) => `(SELECT coalesce(sum(a.n), 0) FROM agg_project a WHERE a.scope = '${kind}' AND a.code = ANY(${p}::text[]) AND ${measure})`;
    scope.push(of("a.measure = 'total'"));
    matching.push(statusMeasures ? of(`a.measure = ANY(${statusMeasures}::text[])`) : of("a.measure = 'total'"));
  }
  return `SELECT least(${scope.join(", ")}) AS scope, least(${matching.join(", ")}) AS matching`;
}

/** SQL for an event filter (alias `ev`); `network`: the organisers are that network's organisations (in place of `organizerIds`). */
export async function eventConditions(
  loaders: RequestLoaders, filter: EventFilter | null | undefined, network?: NetworkOrganizations,
): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    kinds: filter?.kinds ?? null,
    organizers: network ?? decodeIds(filter?.organizerIds, ["Association", "Partner"], "filter.organizerIds"),
    projects: decodeIds(filter?.projectIds, ["CooperationProject"], "filter.projectIds"),
    startsAfter: filter?.startsAfter?.toISOString() ?? null,
    startsBefore: filter?.startsBefore?.toISOString() ?? null,
  };
  const build = (territory: typeof territoryConditions) => (params: SqlParams, c: typeof criteria) => {
    const conditions = territory(params, c.territory, "ev.commune_insee_code");
    if (c.qpvs) conditions.push(`ev.qpv_code = ANY(${params.add(c.qpvs)}::text[])`);
    if (c.kinds) conditions.push(`ev.kind = ANY(${params.add(c.kinds)}::text[])`);
    if (c.organizers) {
      // The events' keys first, then each event by its key: as a semi-join, a network's thousands of members had
      // PostgreSQL scan every event (a network's dashboard at scale 0.1: 24-29 ms -> 16 ms, and the scan grows with the table).
      conditions.push(`ev.id = ANY(ARRAY(SELECT event_id FROM event_organizer WHERE organization_id ${inOrganizations(params, c.organizers)}))`);
    }
    // A project the viewer may not see matches nothing, as an id that names nothing.
    if (c.projects) conditions.push(`ev.project_id ${inKeys(params, c.projects)}`, loaders.access.refersToVisible("project", "ev.project_id", params));
    if (c.startsAfter) conditions.push(`ev.starts_at >= ${params.add(c.startsAfter)}::timestamptz`);
    if (c.startsBefore) conditions.push(`ev.starts_at < ${params.add(c.startsBefore)}::timestamptz`);
    return conditions;
  };
  const compiledFilter = compiled(criteria, build(territoryConditions));
  if (!hasTerritory(criteria.territory)) return compiledFilter;
  // A territory's public events are counted per commune (`agg_event`): its size is known (drafts a viewer may see aside).
  return withScope(compiledFilter, criteria, build(territoryChecks), build(territoryReads), (params) => communeCounts(params, criteria.territory, "agg_event", "events"));
}

/** Condition: some QPV of a link table (`<link>.qpv_code`, keyed by `column`) lies in the territory. */
function qpvsInTerritory(params: SqlParams, criteria: TerritoryCriteria, linkTable: string, column: string, key: string): string {
  const inTerritory = territoryConditions(params, criteria, "qc.commune_insee_code").join(" AND ");
  return `${key} IN (SELECT l.${column} FROM ${linkTable} l JOIN qpv_commune qc ON qc.qpv_code = l.qpv_code WHERE ${inTerritory})`;
}

/**
 * The same condition checked on each row found otherwise (a scope's walking route, see ScopeRoute): the
 * record's own QPV links probed by its key, each QPV looked up in the territory's (hashed once).
 */
function qpvsInTerritoryCheck(params: SqlParams, criteria: TerritoryCriteria, linkTable: string, column: string, key: string): string {
  const inTerritory = territoryConditions(params, criteria, "qc.commune_insee_code").join(" AND ");
  // A scalar subquery, not EXISTS: PostgreSQL would turn EXISTS into a hash of every project of the territory.
  return `(SELECT true FROM ${linkTable} l WHERE l.${column} = ${key}
    AND l.qpv_code IN (SELECT qc.qpv_code FROM qpv_commune qc WHERE ${inTerritory}) LIMIT 1) IS TRUE`;
}

/** SQL for a good-practice filter (alias `gp`); `network`: the organisations featured are that network's (in place of `organizationIds`). */
export async function goodPracticeConditions(
  loaders: RequestLoaders, filter: GoodPracticeFilter | null | undefined, network?: NetworkOrganizations,
): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    themes: await checkedCodes(loaders, "theme", filter?.themeCodes, "filter.themeCodes"),
    stakes: checkedStakes(filter?.stakeNumbers, "filter.stakeNumbers"),
    proposals: checkedProposals(filter?.proposalNumbers, "filter.proposalNumbers"),
    organizations: network ?? decodeIds(filter?.organizationIds, ["Association", "Partner"], "filter.organizationIds"),
  };
  return compiled(criteria, (params, c) => {
    const conditions: string[] = [];
    if (hasTerritory(c.territory)) conditions.push(qpvsInTerritory(params, c.territory, "good_practice_qpv", "good_practice_id", "gp.id"));
    if (c.qpvs) conditions.push(`gp.id IN (SELECT good_practice_id FROM good_practice_qpv WHERE qpv_code = ANY(${params.add(c.qpvs)}::text[]))`);
    if (c.themes) conditions.push(themeCondition(params, c.themes, "good_practice_theme", "good_practice_id", "gp.id"));
    if (c.stakes) {
      conditions.push(`gp.id IN (SELECT good_practice_id FROM good_practice_stake WHERE stake_number = ANY(${params.add(c.stakes)}::smallint[]))`);
    }
    if (c.proposals) conditions.push(proposalCondition(params, c.proposals, "good_practice", "gp.id"));
    if (c.organizations) {
      conditions.push(`gp.id IN (SELECT good_practice_id FROM good_practice_organization WHERE organization_id ${inOrganizations(params, c.organizations)})`);
    }
    return conditions;
  });
}

/** SQL for a charter-signature filter (alias `cs`); `network`: the signatories are that network's organisations (in place of `organizationIds`). */
export async function charterSignatureConditions(
  loaders: RequestLoaders, filter: CharterSignatureFilter | null | undefined, network?: NetworkOrganizations,
): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    organizations: network ?? decodeIds(filter?.organizationIds, ["Association", "Partner"], "filter.organizationIds"),
    signedFrom: filter?.signedFrom ?? null,
    signedTo: filter?.signedTo ?? null,
  };
  return compiled(criteria, (params, c) => {
    const conditions = territoryConditions(params, c.territory, "cs.commune_insee_code");
    if (c.qpvs) conditions.push(`cs.qpv_code = ANY(${params.add(c.qpvs)}::text[])`);
    if (c.organizations) conditions.push(`cs.organization_id ${inOrganizations(params, c.organizations)}`);
    if (c.signedFrom) conditions.push(`cs.signed_on >= ${params.add(c.signedFrom)}::date`);
    if (c.signedTo) conditions.push(`cs.signed_on <= ${params.add(c.signedTo)}::date`);
    return conditions;
  });
}

/** SQL for a contrat-de-ville filter (alias `cv`). */
export async function contratDeVilleConditions(loaders: RequestLoaders, filter: ContratDeVilleFilter | null | undefined): Promise<CompiledFilter> {
  const criteria = {
    territory: await territoryCriteria(loaders, filter),
    qpvs: await checkedCodes(loaders, "qpv", filter?.qpvCodes, "filter.qpvCodes"),
    year: filter?.year ?? null,
  };
  if (criteria.year !== null) checkRange(criteria.year, 1990, 2100, "filter.year");
  return compiled(criteria, (params, c) => {
    const conditions: string[] = [];
    if (hasTerritory(c.territory)) conditions.push(qpvsInTerritory(params, c.territory, "contrat_de_ville_qpv", "contrat_de_ville_id", "cv.id"));
    if (c.qpvs) {
      conditions.push(`cv.id IN (SELECT contrat_de_ville_id FROM contrat_de_ville_qpv WHERE qpv_code = ANY(${params.add(c.qpvs)}::text[]))`);
    }
    if (c.year !== null) {
      const year = params.add(c.year);
      conditions.push(`cv.start_year <= ${year}::smallint AND cv.end_year >= ${year}::smallint`);
    }
    return conditions;
  });
}

/** SQL for a funding filter (alias `f`); its project criteria are the project list's own. */
export async function fundingConditions(loaders: RequestLoaders, filter: FundingFilter | null | undefined): Promise<CompiledFilter> {
  const project = filter?.project ? await projectConditions(loaders, filter.project) : null;
  const years = { from: filter?.yearFrom ?? null, to: filter?.yearTo ?? null };
  if (years.from !== null) checkRange(years.from, 1990, 2100, "filter.yearFrom");
  if (years.to !== null) checkRange(years.to, 1990, 2100, "filter.yearTo");
  const criteria = {
    project: project ? JSON.parse(project.signature) : null,
    funders: decodeIds(filter?.funderIds, ["Association", "Partner"], "filter.funderIds"),
    funderTypes: filter?.funderTypes ?? null,
    schemes: filter?.schemes ?? null,
    years,
  };
  return compiled(criteria, (params, c) => {
    const conditions: string[] = [];
    if (project) {
      // The projects as the viewer's project list has them (archived ones left out, drafts as the viewer may see them).
      const inProject = [...SOURCES.project.where, ...loaders.access.listConditions(SOURCES.project, params), ...project.conditions(params)].join(" AND ");
      conditions.push(`f.project_id IN (SELECT pr.id FROM project pr WHERE ${inProject})`);
    }
    if (c.funders) conditions.push(`f.funder_id ${inKeys(params, c.funders)}`);
    if (c.funderTypes) conditions.push(`f.funder_id IN (SELECT id FROM organization WHERE partner_type = ANY(${params.add(c.funderTypes)}::text[]))`);
    if (c.schemes) conditions.push(`f.scheme = ANY(${params.add(c.schemes)}::text[])`);
    if (c.years.from !== null) conditions.push(`f.year >= ${params.add(c.years.from)}::smallint`);
    if (c.years.to !== null) conditions.push(`f.year <= ${params.add(c.years.to)}::smallint`);
    return conditions;
  });
}
