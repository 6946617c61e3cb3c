import { SqlParams } from "../database/sql-params";
import { RequestLoaders } from "../loaders/request-loaders";
import { LINKS } from "./links";
import { SOURCES } from "./sources";

/** What an organisation has done, as the federation's member list shows it (see the fields' descriptions). */
export interface OrganizationActivity {
  residentsReached: number | null;
  lastActivityOn: string | null;
}

/** Today in Paris: the day "still running" and "has begun" are measured against. */
const TODAY = "(now() AT TIME ZONE 'Europe/Paris')::date";

/**
 * The day a project counts as active, up to today: the cooperation links' rule (see the
 * `cooperation_activity` view: its end, or today while it runs), for projects that have begun;
 * null for one still to come (a last activity is never in the future).
 */
const PROJECT_ACTIVITY_ON = (pr: string) =>
  `CASE WHEN ${pr}.start_date <= ${TODAY} THEN least(coalesce(${pr}.end_date, ${TODAY}), ${TODAY}) END`;

/**
 * Batch: residents reached and last activity of many organisations, in one statement. Each figure is
 * taken over the rows the organisation's own `projects` and `events` lists show this request (same
 * source conditions, same row access: archived records left out, drafts only for those responsible),
 * so it never reveals a record the viewer may not see and a client can recount it from those lists.
 */
export function activityByOrganization(loaders: RequestLoaders) {
  return async (ids: readonly (string | number)[]): Promise<OrganizationActivity[]> => {
    const params = new SqlParams();
    const keys = params.add(ids);
    const projects = SOURCES.project;
    const events = SOURCES.event;
    const where = (conditions: string[]) => conditions.map((c) => `(${c})`).join(" AND ");
    const projectWhere = where([
      ...(projects.where ?? []), ...loaders.access.listConditions(projects, params), LINKS.projectsOfOrganization.condition("parent.key"),
    ]);
    const eventWhere = where([
      ...(events.where ?? []), ...loaders.access.listConditions(events, params), LINKS.eventsOfOrganization.condition("parent.key"),
    ]);
    const pr = projects.alias;
    const ev = events.alias;
    const rows: { key: number; residents_reached: string | null; project_on: string | null; event_on: string | null }[] =
      await loaders.sql.query(
        `SELECT parent.key AS key, p.residents_reached, p.project_on::text AS project_on, e.event_on::text AS event_on
         FROM unnest(${keys}::int[]) AS parent(key)
         CROSS JOIN LATERAL (SELECT sum(${pr}.residents_reached)::bigint::text AS residents_reached, max(${PROJECT_ACTIVITY_ON(pr)}) AS project_on
                             FROM ${projects.table} ${pr} WHERE ${projectWhere}) p
         CROSS JOIN LATERAL (SELECT max((${ev}.starts_at AT TIME ZONE 'Europe/Paris')::date) AS event_on
                             FROM ${events.table} ${ev} WHERE ${eventWhere} AND ${ev}.starts_at <= now()) e`,
        params.values,
      );
    const byKey = new Map(rows.map((r) => [String(r.key), r]));
    return ids.map((id) => {
      const row = byKey.get(String(id));
      const days = [row?.project_on, row?.event_on].filter((d): d is string => Boolean(d)).sort();
      return {
        residentsReached: row?.residents_reached == null ? null : Number(row.residents_reached),
        lastActivityOn: days.at(-1) ?? null,
      };
    });
  };
}
