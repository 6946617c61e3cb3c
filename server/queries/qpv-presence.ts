import { QpvPresence } from "../../schema/types/qpv-presence.type";
import { Qpv } from "../../entities/qpv.entity";
import { ReadSession, withEmbedding } from "../database/sql-session";
import { SqlParams } from "../database/sql-params";

/**
 * SQL condition on `organization_qpv` keeping the presences the QPV lists, filters, dashboards and
 * suggestions count: based or active. `POSSIBLY_BASED` (head office in a commune that has QPVs, QPV
 * unknown: what the RNA import knows) is only shown where a client asks for it.
 */
export const STATED_PRESENCE = "presence IN ('BASED', 'ACTIVE')";

/** Batch: the QPV presences (based, active, then possibly based; by QPV code) of many organisations, in one statement. */
export function qpvPresencesByOrganization(db: ReadSession, includePossiblyBased = false) {
  return async (ids: readonly (string | number)[]): Promise<QpvPresence[][]> => {
    const params = new SqlParams();
    const select = `SELECT organization_id, qpv_code, presence FROM organization_qpv
       WHERE organization_id = ANY(${params.add(ids)}::int[])${includePossiblyBased ? "" : ` AND ${STATED_PRESENCE}`}
       ORDER BY CASE presence WHEN 'BASED' THEN 0 WHEN 'ACTIVE' THEN 1 ELSE 2 END, qpv_code`;
    // The QPVs themselves, when the operation selects them, in the same statement.
    const withQpv = db.lookupWith?.("QpvPresence.qpv", Qpv, "qpv_code", params) ?? null;
    const rows: { organization_id: number; qpv_code: string; presence: QpvPresence["presence"] }[] = await db.sql.query(
      withEmbedding(select, withQpv),
      params.values,
    );
    const byOrganization = new Map<number, QpvPresence[]>();
    for (const row of rows) {
      withQpv?.prime(row, row);
      const list = byOrganization.get(row.organization_id) ?? [];
      list.push(Object.assign(new QpvPresence(), { presence: row.presence, qpvCode: row.qpv_code }));
      byOrganization.set(row.organization_id, list);
    }
    return ids.map((id) => byOrganization.get(Number(id)) ?? []);
  };
}
