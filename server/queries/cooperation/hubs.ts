import { ReadSession } from "../../database/sql-session";
import { SqlParams } from "../../database/sql-params";
import { CompiledFilter } from "../filters/compiled-filter";

/** An organisation and how connected it is. */
export interface HubRow {
  organizationId: number;
  partnerCount: number;
  weight: number;
}

/**
 * The most connected organisations among those an organisation filter selects (alias `o`, e.g. a
 * territory), by number of distinct partners through the links the link filter keeps, then by weight.
 * One statement.
 */
export async function cooperationHubs(db: ReadSession, organizations: CompiledFilter, links: CompiledFilter, first: number): Promise<HubRow[]> {
  const params = new SqlParams();
  const inScope = ["o.archived_at IS NULL", ...organizations.conditions(params)].join(" AND ");
  const linkConditions = links.conditions(params);
  const rows: { organization_id: number; partner_count: number; weight: number }[] = await db.sql.query(
    `SELECT cl.organization_id, count(*)::int AS partner_count, sum(cl.weight)::int AS weight
     FROM cooperation_link cl
     WHERE cl.organization_id IN (SELECT o.id FROM organization o WHERE ${inScope})
       ${linkConditions.map((c) => `AND ${c}`).join(" ")}
     GROUP BY cl.organization_id
     ORDER BY partner_count DESC, weight DESC, cl.organization_id
     LIMIT ${Number(first)}`,
    params.values,
  );
  return rows.map((r) => ({ organizationId: r.organization_id, partnerCount: r.partner_count, weight: r.weight }));
}
