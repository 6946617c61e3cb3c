import { ReadSession } from "../database/sql-session";

/** Batch: the GeoJSON contours of many QPVs, in one statement (the column is left out of ordinary selects). */
export function qpvGeometriesByCode(db: ReadSession) {
  return async (codes: readonly (string | number)[]): Promise<(object | null)[]> => {
    const rows: { code: string; geometry: object }[] = await db.sql.query(
      `SELECT code, geometry FROM qpv WHERE code = ANY($1::text[])`,
      [codes],
    );
    const byCode = new Map(rows.map((r) => [r.code, r.geometry]));
    return codes.map((c) => byCode.get(String(c)) ?? null);
  };
}
