import { DataSource } from "typeorm";
import { QpvPresence } from "../../schema/types/qpv-presence.type";

/** Batch: the QPV presences (based, then active; by QPV code) of many organisations, in one statement. */
export function qpvPresencesByOrganization(dataSource: DataSource) {
  return async (ids: readonly (string | number)[]): Promise<QpvPresence[][]> => {
    const rows: { organization_id: number; qpv_code: string; presence: QpvPresence["presence"] }[] = await dataSource.query(
      `SELECT organization_id, qpv_code, presence FROM organization_qpv WHERE organization_id = ANY($1::int[]) ORDER BY presence DESC, qpv_code`,
      [ids],
    );
    const byOrganization = new Map<number, QpvPresence[]>();
    for (const row of rows) {
      const list = byOrganization.get(row.organization_id) ?? [];
      list.push(Object.assign(new QpvPresence(), { presence: row.presence, qpvCode: row.qpv_code }));
      byOrganization.set(row.organization_id, list);
    }
    return ids.map((id) => byOrganization.get(Number(id)) ?? []);
  };
}
