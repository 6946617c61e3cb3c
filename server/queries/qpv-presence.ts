import { QpvPresence } from "../../schema/types/qpv-presence.type";
import { Qpv } from "../../entities/qpv.entity";
import { ReadSession, withEmbedding } from "../database/sql-session";
import { SqlParams } from "../database/sql-params";
import { readingRows, RowList } from "./row-list";

/**
 * SQL condition on `organization_qpv` keeping the presences the QPV lists, filters, dashboards and
 * suggestions count: based or active. `POSSIBLY_BASED` (head office in a commune that has QPVs, QPV
 * unknown: what the RNA import knows) is only shown where a client asks for it.
 */
export const STATED_PRESENCE = "presence IN ('BASED', 'ACTIVE')";

/** An organisation's QPV presences: based, active, then possibly based; by QPV code. */
export function qpvPresenceRows(includePossiblyBased: boolean): RowList {
  return {
    type: "QpvPresence",
    rowClass: QpvPresence,
    table: "organization_qpv",
    parentColumn: "organization_id",
    where: includePossiblyBased ? null : STATED_PRESENCE,
    order: "CASE presence WHEN 'BASED' THEN 0 WHEN 'ACTIVE' THEN 1 ELSE 2 END, qpv_code",
    columns: { presence: { column: "presence", type: "text" }, qpvCode: { column: "qpv_code", type: "text" } },
  };
}

/** Batch: the QPV presences of many organisations, in one statement. */
export function qpvPresencesByOrganization(db: ReadSession, includePossiblyBased = false) {
  const rows = qpvPresenceRows(includePossiblyBased);
  return readingRows(rows, async (ids: readonly (string | number)[]): Promise<QpvPresence[][]> => {
    const params = new SqlParams();
    const select = `SELECT organization_id, qpv_code, presence FROM ${rows.table}
       WHERE ${rows.parentColumn} = ANY(${params.add(ids)}::int[])${rows.where ? ` AND ${rows.where}` : ""}
       ORDER BY ${rows.order}`;
    // The QPVs themselves, when the operation selects them, in the same statement.
    const withQpv = db.lookupWith?.("QpvPresence.qpv", Qpv, "qpv_code", params) ?? null;
    const found: { organization_id: number; qpv_code: string; presence: QpvPresence["presence"] }[] = await db.sql.query(
      withEmbedding(select, withQpv),
      params.values,
    );
    const byOrganization = new Map<number, QpvPresence[]>();
    for (const row of found) {
      withQpv?.prime(row, row);
      const list = byOrganization.get(row.organization_id) ?? [];
      list.push(Object.assign(new QpvPresence(), { presence: row.presence, qpvCode: row.qpv_code }));
      byOrganization.set(row.organization_id, list);
    }
    return ids.map((id) => byOrganization.get(Number(id)) ?? []);
  });
}
