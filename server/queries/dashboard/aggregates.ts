import { ProjectStatus } from "../../../schema/enums/activity-enums";
import { DashboardEmployerSizes, DashboardFederation, DashboardFunding, DashboardParticipation, DashboardProjects } from "../../../schema/types/dashboard-figures";
import { SqlParams } from "../../database/sql-params";
import { RequestLoaders } from "../../loaders/request-loaders";
import { checkedCodes } from "../filters/reference-codes";
import { territoryConditions } from "../filters/territory-conditions";
import { DashboardFilters } from "./scope";

/*
 * Dashboard figures read from the aggregates the database keeps with every write (migration
 * DashboardAggregates, docs/aggregates.md): a few counter rows per scope instead of the scope's records.
 * `aggregateScope` is the one rule saying which figures they answer; every other figure, and these
 * with a filter the aggregates do not hold, runs the list's own statement (figures.ts).
 */

/** A figure the aggregates may answer. */
export type AggregateFigure = "associations" | "projects" | "fundings" | "events";

/** Where a figure is read in the aggregates: the scope kind and the codes (a network's key). */
export interface AggregateScope {
  kind: DashboardFilters["kind"];
  codes: string[];
}

/**
 * Whether the aggregates answer `figure` for these filters, and where; null: the list's statement answers.
 * - Associations: every territory scope (a head office is in one commune, so any set of communes, EPCIs,
 *   départements or régions is a sum of commune counters), one QPV (an association may be in several:
 *   several QPVs need a distinct count), a network. The period does not apply to associations.
 * - Projects: one code of any territory kind, or a network (a project is one pair per scope, so several
 *   codes would need a distinct count); without a period (projects are counted by the days they run);
 *   not the per-proposal counts.
 * - Fundings (count and amount): one code of any territory kind, or a network, with or without a period
 *   (fundings are counted per year); not the breakdowns per funder type or scheme.
 * - Events (count, with a residents count, residents): every territory scope (an event has one commune and at
 *   most one QPV, so any set of them is a sum of counters), a network; without a period, not per month.
 */
export async function aggregateScope(
  loaders: RequestLoaders, figure: AggregateFigure, filters: DashboardFilters,
  options: { proposals?: boolean; breakdowns?: boolean; months?: boolean } = {},
): Promise<AggregateScope | null> {
  // Codes as the filters resolve them (a district's commune code is its city's).
  const codes = filters.kind === "NETWORK" ? [String(filters.networkKey)]
    : filters.kind === "COMMUNE" ? (await checkedCodes(loaders, "commune", filters.values, "scope.communeInseeCodes"))! : filters.values;
  switch (figure) {
    case "associations":
      return filters.kind === "QPV" && codes.length > 1 ? null : { kind: filters.kind, codes };
    case "projects":
      return codes.length === 1 && !filters.period && !options.proposals ? { kind: filters.kind, codes } : null;
    case "fundings":
      return codes.length === 1 && !options.breakdowns ? { kind: filters.kind, codes } : null;
    case "events":
      return !filters.period && !options.months ? { kind: filters.kind, codes } : null;
  }
}

/**
 * The counter rows of a scope in `agg_association` or `agg_event` (alias `a`): a QPV's or network's own, a
 * territory's communes' (a head office, an event, is in one commune).
 */
function scopeRows(params: SqlParams, scope: AggregateScope): string {
  if (scope.kind === "QPV" || scope.kind === "NETWORK") {
    return `a.scope = ${params.add(scope.kind)} AND a.code = ANY(${params.add(scope.codes)}::text[])`;
  }
  const key = { COMMUNE: "communes", EPCI: "epcis", DEPARTMENT: "departments", REGION: "regions" }[scope.kind];
  const criteria = { communes: null, epcis: null, departments: null, regions: null, [key]: scope.codes };
  return ["a.scope = 'COMMUNE'", ...territoryConditions(params, criteria, "a.code")].join(" AND ");
}

/** Stakes 1 and 2 from `agg_association`: one statement over the scope's counter rows. */
export async function associationAggregates(
  loaders: RequestLoaders, scope: AggregateScope,
): Promise<{ employerSizes: DashboardEmployerSizes; federation: DashboardFederation }> {
  const params = new SqlParams();
  const where = scopeRows(params, scope);
  const [row] = await loaders.combinedSql.query(
    `SELECT coalesce(sum(a.n), 0)::int AS total,
            coalesce(sum(a.n) FILTER (WHERE a.employer_size = 'NONE'), 0)::int AS none,
            coalesce(sum(a.n) FILTER (WHERE a.employer_size = 'SMALL_EMPLOYER'), 0)::int AS small_employer,
            coalesce(sum(a.n) FILTER (WHERE a.employer_size = 'EMPLOYER'), 0)::int AS employer,
            coalesce(sum(a.n) FILTER (WHERE a.federated), 0)::int AS federated,
            coalesce(sum(a.n) FILTER (WHERE NOT a.federated), 0)::int AS non_federated,
            coalesce(sum(a.n) FILTER (WHERE NOT a.federated AND a.employer_size = 'SMALL_EMPLOYER'), 0)::int AS non_federated_small
     FROM agg_association a WHERE ${where}`,
    params.values,
  );
  return {
    employerSizes: { total: row.total, none: row.none, smallEmployer: row.small_employer, employer: row.employer },
    federation: { total: row.total, federated: row.federated, nonFederated: row.non_federated, nonFederatedSmallEmployers: row.non_federated_small },
  };
}

/** Projects by status and stake from `agg_project`: one statement over the scope's counter rows (and the stakes' titles). */
export async function projectAggregates(loaders: RequestLoaders, scope: AggregateScope, selected: ReadonlySet<string>): Promise<DashboardProjects> {
  const stakes = selected.has("byStake") ? [1, 2, 3, 4] : [];
  const [row]: { measures: Record<string, string> | null; stakes: { number: number; title: string }[] | null }[] = await loaders.combinedSql.query(
    `SELECT (SELECT json_object_agg(a.measure, a.n::text) FROM agg_project a WHERE a.scope = $1 AND a.code = $2) AS measures,
            ${stakes.length ? "(SELECT json_agg(json_build_object('number', s.number, 'title', s.title) ORDER BY s.number) FROM stake s)" : "NULL"} AS stakes`,
    [scope.kind, scope.codes[0]],
  );
  const measure = (name: string) => Number(row.measures?.[name] ?? 0);
  return {
    total: measure("total"),
    residentsReached: measure("residents"),
    byStatus: selected.has("byStatus") ? Object.values(ProjectStatus).map((status) => ({ status, count: measure(`status:${status}`) })) : [],
    byStake: stakes.map((n) => ({ stakeNumber: n, title: row.stakes?.find((s) => s.number === n)?.title ?? "", count: measure(`stake:${n}`), proposals: [] })),
  };
}

/** Fundings of the scope's projects (in the period's years) from `agg_project`: count and amount, kept per year. One statement. */
export async function fundingAggregates(
  loaders: RequestLoaders, scope: AggregateScope, years: { from: number; to: number } | null,
): Promise<DashboardFunding> {
  const [row]: { count: string; cents: string }[] = await loaders.combinedSql.query(
    `SELECT coalesce(sum(a.n) FILTER (WHERE a.measure LIKE 'funding\\_count:%'), 0)::text AS count,
            coalesce(sum(a.n) FILTER (WHERE a.measure LIKE 'funding\\_cents:%'), 0)::text AS cents
     FROM agg_project a
     WHERE a.scope = $1 AND a.code = $2 AND a.measure LIKE 'funding%'
       AND ($3::int IS NULL OR split_part(a.measure, ':', 2)::int BETWEEN $3::int AND $4::int)`,
    [scope.kind, scope.codes[0], years?.from ?? null, years?.to ?? null],
  );
  // Cents are whole: their division by 100 is the nearest number to the decimal amount, as the list's sum reads.
  return { amountEur: Number(row.cents) / 100, count: Number(row.count), byPartnerType: [], byScheme: [] };
}

/** Stake 3's totals from `agg_event`: events, those with a residents count, residents. One statement. */
export async function eventAggregates(loaders: RequestLoaders, scope: AggregateScope): Promise<DashboardParticipation> {
  const params = new SqlParams();
  const [row]: { events: number; counted: number; residents: string }[] = await loaders.combinedSql.query(
    `SELECT coalesce(sum(a.events), 0)::int AS events, coalesce(sum(a.counted), 0)::int AS counted, coalesce(sum(a.residents), 0)::text AS residents
     FROM agg_event a WHERE ${scopeRows(params, scope)}`,
    params.values,
  );
  return { events: row.events, eventsWithResidentCount: row.counted, residents: Number(row.residents), months: [] };
}
