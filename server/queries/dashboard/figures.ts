import { publicConditions } from "../../access/row-access";
import { EmployerSize, PartnerType } from "../../../schema/enums/organization-enums";
import { FundingScheme, ProjectStatus } from "../../../schema/enums/activity-enums";
import { DashboardGranularity } from "../../../schema/inputs/dashboard-inputs";
import { OrganizationKindValue } from "../../../schema/inputs/organization-filters";
import {
  DashboardCharterSignatures, DashboardCooperation, DashboardEmployerSizes, DashboardFederation, DashboardFunding,
  DashboardParticipation, DashboardProjects,
} from "../../../schema/types/dashboard-figures";
import { SqlParams } from "../../database/sql-params";
import { RequestLoaders } from "../../loaders/request-loaders";
import { PROPOSAL_COUNT } from "../../reference/stakes";
import { charterSignatureConditions, eventConditions, goodPracticeConditions, projectConditions } from "../filters/activity-conditions";
import { CompiledFilter } from "../filters/compiled-filter";
import { associationConditions } from "../filters/organization-conditions";
import { cooperationLinkConditions } from "../cooperation/link-conditions";
import { LINKS } from "../links";
import { ListSource } from "../list-source";
import { SOURCES } from "../sources";
import { aggregateScope, associationAggregates, eventAggregates, fundingAggregates, projectAggregates } from "./aggregates";
import { DashboardFilters } from "./scope";

/*
 * Every figure is one SQL statement (sent with the request's other figures as one: RequestLoaders.combinedSql)
 * whose WHERE clause is the one of the matching list: the list
 * source's own conditions (kind, archived rows and drafts left out: dashboards count the public graph) AND the conditions the list's filter compiler
 * builds for the scope and period. A breakdown (by size, status, stake...) counts with
 * `count(*) FILTER (WHERE ...)` under the conditions the same compiler builds for that criterion alone:
 * criteria of a filter combine with AND, each compiled on its own, so `{<scope>, statuses: [ACTIVE]}`
 * is exactly the scope's conditions AND those of `{statuses: [ACTIVE]}`.
 */

function conjunction(conditions: string[]): string {
  return conditions.length ? conditions.map((c) => `(${c})`).join(" AND ") : "true";
}

/** The WHERE clause of a list of `source` with `filter` (plus extra conditions). */
function listWhere(params: SqlParams, source: ListSource, filter: CompiledFilter, extra: string[] = []): string {
  return conjunction([...publicConditions(source, params), ...filter.conditions(params), ...extra]);
}

/** `count(*) FILTER (WHERE <criterion>)` columns, one per named criterion. */
function countColumns(params: SqlParams, criteria: Record<string, CompiledFilter>): string {
  return Object.entries(criteria)
    .map(([name, criterion]) => `count(*) FILTER (WHERE ${conjunction(criterion.conditions(params))})::int AS ${name}`)
    .join(", ");
}

/** Stakes 1 and 2: associations by employer size and federation, in one statement. */
export async function associationFigures(
  loaders: RequestLoaders, filters: DashboardFilters,
): Promise<{ employerSizes: DashboardEmployerSizes; federation: DashboardFederation }> {
  const kept = await aggregateScope(loaders, "associations", filters);
  if (kept) return associationAggregates(loaders, kept);
  const source = SOURCES.association;
  const scope = await associationConditions(loaders, filters.associations);
  const criteria = {
    none: await associationConditions(loaders, { employerSizes: [EmployerSize.NONE] }),
    small_employer: await associationConditions(loaders, { employerSizes: [EmployerSize.SMALL_EMPLOYER] }),
    employer: await associationConditions(loaders, { employerSizes: [EmployerSize.EMPLOYER] }),
    federated: await associationConditions(loaders, { federated: true }),
    non_federated: await associationConditions(loaders, { federated: false }),
    non_federated_small: await associationConditions(loaders, { federated: false, employerSizes: [EmployerSize.SMALL_EMPLOYER] }),
  };
  const params = new SqlParams();
  const [row] = await loaders.combinedSql.query(
    `SELECT count(*)::int AS total, ${countColumns(params, criteria)}
     FROM ${source.table} ${source.alias} WHERE ${listWhere(params, source, scope)}`,
    params.values,
  );
  return {
    employerSizes: { total: row.total, none: row.none, smallEmployer: row.small_employer, employer: row.employer },
    federation: { total: row.total, federated: row.federated, nonFederated: row.non_federated, nonFederatedSmallEmployers: row.non_federated_small },
  };
}

/** Stake 3: events and residents counted, in total and (when selected) per Paris month with gaps filled, in one statement. */
export async function participationFigures(
  loaders: RequestLoaders, filters: DashboardFilters, selected: ReadonlySet<string>,
): Promise<DashboardParticipation> {
  const kept = await aggregateScope(loaders, "events", filters, { months: selected.has("months") });
  if (kept) return eventAggregates(loaders, kept);
  const source = SOURCES.event;
  const ev = source.alias;
  const scope = await eventConditions(loaders, filters.events, filters.organizations);
  const params = new SqlParams();
  const where = listWhere(params, source, scope);
  const figures = (r: { events: number; residents: string; counted: number }) => ({ events: r.events, eventsWithResidentCount: r.counted, residents: Number(r.residents) });
  if (!selected.has("months")) {
    const [total] = await loaders.combinedSql.query(
      `SELECT count(*)::int AS events, coalesce(sum(${ev}.residents_count), 0)::bigint::text AS residents, count(${ev}.residents_count)::int AS counted
       FROM ${source.table} ${ev} WHERE ${where}`,
      params.values,
    );
    return { ...figures(total), months: [] };
  }
  const from = params.add(filters.period?.from ?? null);
  const to = params.add(filters.period?.to ?? null);
  // Counted per month first (a few dozen rows), then laid on the months; ROLLUP adds the totals row
  // (month NULL), present even when there is no event at all.
  const rows: { month: string | null; events: number; residents: string; counted: number }[] = await loaders.combinedSql.query(
    `WITH per AS (
       SELECT date_trunc('month', ${ev}.starts_at AT TIME ZONE 'Europe/Paris')::date AS month, count(*) AS events,
              sum(${ev}.residents_count) AS residents, count(${ev}.residents_count) AS counted
       FROM ${source.table} ${ev} WHERE ${where}
       GROUP BY 1
     ), months AS (
       SELECT generate_series(
         date_trunc('month', coalesce(${from}::date, (SELECT min(month) FROM per))::timestamp),
         date_trunc('month', coalesce(${to}::date, (SELECT max(month) FROM per))::timestamp),
         interval '1 month')::date AS month
     )
     SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(sum(per.events), 0)::int AS events,
            coalesce(sum(per.residents), 0)::bigint::text AS residents, coalesce(sum(per.counted), 0)::int AS counted
     FROM months m LEFT JOIN per ON per.month = m.month
     GROUP BY ROLLUP (m.month)
     ORDER BY m.month NULLS FIRST`,
    params.values,
  );
  const [total, ...months] = rows;
  return { ...figures(total), months: months.map((r) => ({ month: r.month!, ...figures(r) })) };
}

const PROPOSAL_NUMBERS = Array.from({ length: PROPOSAL_COUNT }, (_, i) => i + 1);

/**
 * Projects by status and by stake, in one statement; only the breakdowns in `selected` are computed. With
 * `proposalFields` (what is selected under `byStake.proposals`), each stake lists its loaded proposals with
 * the projects carrying each forward (same statement) and the good practices (one more, when selected).
 */
export async function projectFigures(
  loaders: RequestLoaders, filters: DashboardFilters, selected: ReadonlySet<string>, proposalFields: ReadonlySet<string> | null = null,
): Promise<DashboardProjects> {
  const kept = await aggregateScope(loaders, "projects", filters, { proposals: proposalFields !== null && selected.has("byStake") });
  if (kept) return projectAggregates(loaders, kept, selected);
  const source = SOURCES.project;
  const scope = await projectConditions(loaders, filters.projects, filters.organizations);
  const statuses = selected.has("byStatus") ? Object.values(ProjectStatus) : [];
  const stakes = selected.has("byStake") ? [1, 2, 3, 4] : [];
  const proposals = stakes.length && proposalFields ? proposalFields : null;
  const criteria: Record<string, CompiledFilter> = {};
  for (const status of statuses) criteria[`status_${status.toLowerCase()}`] = await projectConditions(loaders, { statuses: [status] });
  for (const stake of stakes) criteria[`stake_${stake}`] = await projectConditions(loaders, { stakeNumbers: [stake] });
  // Every number, loaded or not: the figures need no statement to know which proposals exist first.
  if (proposals?.has("projects")) for (const n of PROPOSAL_NUMBERS) criteria[`proposal_${n}`] = await projectConditions(loaders, { proposalNumbers: [n] });
  const params = new SqlParams();
  const columns = [
    "count(*)::int AS total",
    ...(selected.has("residentsReached") ? [`coalesce(sum(${source.alias}.residents_reached), 0)::bigint::text AS residents_reached`] : []),
    ...(Object.keys(criteria).length ? [countColumns(params, criteria)] : []),
    ...(stakes.length ? ["(SELECT json_agg(json_build_object('number', s.number, 'title', s.title) ORDER BY s.number) FROM stake s) AS stakes"] : []),
    ...(proposals ? ["(SELECT json_agg(json_build_object('number', pz.number, 'stake', pz.stake_number, 'title', pz.title) ORDER BY pz.number) FROM proposal pz) AS proposals"] : []),
  ];
  const [[row], goodPractices] = await Promise.all([
    loaders.combinedSql.query(
      `SELECT ${columns.join(", ")} FROM ${source.table} ${source.alias} WHERE ${listWhere(params, source, scope)}`,
      params.values,
    ),
    proposals?.has("goodPractices") ? goodPracticesPerProposal(loaders, filters) : null,
  ]);
  const titles = new Map<number, string>((row.stakes ?? []).map((s: { number: number; title: string }) => [s.number, s.title]));
  const loaded: { number: number; stake: number; title: string }[] = row.proposals ?? [];
  return {
    total: row.total,
    residentsReached: Number(row.residents_reached ?? 0),
    byStatus: statuses.map((status) => ({ status, count: row[`status_${status.toLowerCase()}`] })),
    byStake: stakes.map((n) => ({
      stakeNumber: n, title: titles.get(n) ?? "", count: row[`stake_${n}`],
      proposals: loaded.filter((p) => p.stake === n).map((p) => ({
        number: p.number, title: p.title, projects: row[`proposal_${p.number}`] ?? 0, goodPractices: goodPractices?.[`proposal_${p.number}`] ?? 0,
      })),
    })),
  };
}

/** Good practices of the scope carrying forward each proposal, in one statement (columns `proposal_<n>`). */
async function goodPracticesPerProposal(loaders: RequestLoaders, filters: DashboardFilters): Promise<Record<string, number>> {
  const source = SOURCES.goodPractice;
  const scope = await goodPracticeConditions(loaders, filters.goodPractices, filters.organizations);
  const criteria: Record<string, CompiledFilter> = {};
  for (const n of PROPOSAL_NUMBERS) criteria[`proposal_${n}`] = await goodPracticeConditions(loaders, { proposalNumbers: [n] });
  const params = new SqlParams();
  const [row] = await loaders.combinedSql.query(
    `SELECT ${countColumns(params, criteria)} FROM ${source.table} ${source.alias} WHERE ${listWhere(params, source, scope)}`,
    params.values,
  );
  return row;
}

/** Stake 4: links between the scope's associations and partners, in total and per partner type, in one statement. */
export async function cooperationFigures(loaders: RequestLoaders, filters: DashboardFilters): Promise<DashboardCooperation> {
  const source = SOURCES.association;
  const links: ListSource = SOURCES.cooperationLink;
  const scope = await associationConditions(loaders, filters.associations);
  // The links of each association as its `cooperationLinks(filter: {partnerKinds: [PARTNER]})` lists them;
  // grouping by the partner's type is what the filter's `partnerTypes` criterion selects.
  const toPartners = cooperationLinkConditions({ partnerKinds: [OrganizationKindValue.PARTNER] });
  const params = new SqlParams();
  const rows: { partner_type: PartnerType | null; is_total: number; links: number; partners: number; associations: number; weight: number }[] =
    await loaders.combinedSql.query(
      `SELECT lp.partner_type, GROUPING(lp.partner_type) AS is_total, count(*)::int AS links,
              count(DISTINCT ${links.alias}.partner_id)::int AS partners, count(DISTINCT ${links.alias}.organization_id)::int AS associations,
              coalesce(sum(${links.alias}.weight), 0)::int AS weight
       FROM ${source.table} ${source.alias}
       JOIN ${links.table} ${links.alias} ON ${LINKS.linksOfOrganization.condition(`${source.alias}.id`)}
       JOIN organization lp ON lp.id = ${links.alias}.partner_id
       WHERE ${listWhere(params, source, scope, links.where ?? [])} AND ${conjunction(toPartners.conditions(params))}
       GROUP BY ROLLUP (lp.partner_type)
       ORDER BY is_total DESC, links DESC, lp.partner_type`,
      params.values,
    );
  const [total, ...types] = rows;
  const figures = (r: typeof total) => ({ links: r.links, partners: r.partners, associations: r.associations, weight: r.weight });
  return { ...figures(total), byPartnerType: types.map((r) => ({ partnerType: r.partner_type!, ...figures(r) })) };
}

/** Charter signatures per month or year, with the running total since the first signature, in one statement. */
export async function signatureFigures(
  loaders: RequestLoaders, filters: DashboardFilters, granularity: DashboardGranularity,
): Promise<DashboardCharterSignatures> {
  const source = SOURCES.charterSignature;
  const cs = source.alias;
  // Up to the end of the period here, from its start in the FILTER: the running total counts earlier signatures too.
  const upToEnd = await charterSignatureConditions(loaders, { ...filters.signatures, signedFrom: null }, filters.organizations);
  const inPeriod = await charterSignatureConditions(loaders, { signedFrom: filters.signatures.signedFrom ?? null });
  const params = new SqlParams();
  const where = listWhere(params, source, upToEnd);
  const unit = params.add(granularity === DashboardGranularity.MONTH ? "month" : "year");
  const step = params.add(granularity === DashboardGranularity.MONTH ? "1 month" : "1 year");
  const from = params.add(filters.period?.from ?? null);
  const to = params.add(filters.period?.to ?? null);
  const rows: { starts_on: string; ends_on: string; signed: number; cumulative: number; total_signed: number; total_cumulative: number }[] =
    await loaders.combinedSql.query(
      `WITH per AS (
         SELECT date_trunc(${unit}, ${cs}.signed_on::timestamp)::date AS bucket,
                count(*) FILTER (WHERE ${conjunction(inPeriod.conditions(params))}) AS signed, count(*) AS signed_ever
         FROM ${source.table} ${cs} WHERE ${where}
         GROUP BY 1
       ), series AS (
         SELECT generate_series(
           date_trunc(${unit}, coalesce(${from}::date, (SELECT min(bucket) FROM per))::timestamp),
           date_trunc(${unit}, coalesce(${to}::date, (SELECT max(bucket) FROM per))::timestamp),
           ${step}::interval)::date AS bucket
       )
       SELECT to_char(s.bucket, 'YYYY-MM-DD') AS starts_on,
              to_char(s.bucket + ${step}::interval - interval '1 day', 'YYYY-MM-DD') AS ends_on,
              coalesce((SELECT sum(signed) FROM per WHERE per.bucket = s.bucket), 0)::int AS signed,
              coalesce((SELECT sum(signed_ever) FROM per WHERE per.bucket <= s.bucket), 0)::int AS cumulative,
              coalesce((SELECT sum(signed) FROM per), 0)::int AS total_signed,
              coalesce((SELECT sum(signed_ever) FROM per), 0)::int AS total_cumulative
       FROM series s ORDER BY s.bucket`,
      params.values,
    );
  return {
    granularity,
    // No row only when there is no period and no signature at all.
    signed: rows[0]?.total_signed ?? 0,
    cumulative: rows[0]?.total_cumulative ?? 0,
    buckets: rows.map((r) => ({ startsOn: r.starts_on, endsOn: r.ends_on, signed: r.signed, cumulative: r.cumulative })),
  };
}

/**
 * Fundings of the scope's projects in the period's years, per funder type and per scheme (only the breakdowns
 * in `selected`), in one statement. They are read per project of the scope (OFFSET 0 keeps the subquery from
 * being flattened into a join): a network's few thousand projects were otherwise hash-joined with every
 * funding of France, a sequential scan of the table twice as slow as probing the covering index per project.
 */
export async function fundingFigures(loaders: RequestLoaders, filters: DashboardFilters, selected: ReadonlySet<string>): Promise<DashboardFunding> {
  const kept = await aggregateScope(loaders, "fundings", filters, { breakdowns: selected.has("byPartnerType") || selected.has("byScheme") });
  if (kept) return fundingAggregates(loaders, kept, filters.fundingYears);
  const source = SOURCES.project;
  const scope = await projectConditions(loaders, filters.fundedProjects, filters.organizations);
  const params = new SqlParams();
  const years = filters.fundingYears;
  const extra = years ? [`f.year BETWEEN ${params.add(years.from)}::smallint AND ${params.add(years.to)}::smallint`] : [];
  const byPartnerType = selected.has("byPartnerType");
  const byScheme = selected.has("byScheme");
  // Grouping bits (a breakdown not asked for counts as rolled up): 1 = per partner type, 2 = per scheme, 3 = all fundings.
  const sets = [...(byPartnerType ? ["(fo.partner_type)"] : []), ...(byScheme ? ["(f.scheme)"] : []), "()"];
  const rows: { partner_type: PartnerType | null; scheme: FundingScheme | null; grouping: number; amount: string; count: number }[] =
    await loaders.combinedSql.query(
      `SELECT ${byPartnerType ? "fo.partner_type" : "NULL::text AS partner_type"}, ${byScheme ? "f.scheme" : "NULL::text AS scheme"},
              ${byPartnerType ? "GROUPING(fo.partner_type)" : "1"} * 2 + ${byScheme ? "GROUPING(f.scheme)" : "1"} AS grouping,
              coalesce(sum(f.amount_eur), 0)::text AS amount, count(*)::int AS count
       FROM ${source.table} ${source.alias}
       CROSS JOIN LATERAL (SELECT f.funder_id, f.year, f.scheme, f.amount_eur FROM funding f WHERE f.project_id = ${source.alias}.id OFFSET 0) f
       ${byPartnerType ? "JOIN organization fo ON fo.id = f.funder_id" : ""}
       WHERE ${listWhere(params, source, scope, extra)}
       GROUP BY GROUPING SETS (${sets.join(", ")})
       ORDER BY sum(f.amount_eur) DESC NULLS LAST, 1, 2`,
      params.values,
    );
  const figures = (r: (typeof rows)[number]) => ({ amountEur: Number(r.amount), count: r.count });
  return {
    ...figures(rows.find((r) => r.grouping === 3)!),
    byPartnerType: rows.filter((r) => r.grouping === 1).map((r) => ({ partnerType: r.partner_type, ...figures(r) })),
    byScheme: rows.filter((r) => r.grouping === 2).map((r) => ({ scheme: r.scheme!, ...figures(r) })),
  };
}
