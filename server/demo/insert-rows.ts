import { EntityManager } from "typeorm";
import { UnnestColumn, unnestRows } from "../database/unnest-rows";

/**
 * Inserts many rows in one statement, in the order given. With `returning`, returns the generated
 * ids in that order, checking that the returned `returning` column matches the input row by row.
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: UnnestColumn[],
  rows: unknown[][],
  returning?: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const names = columns.map((c) => c.name);
  const { names: list, select, from, params } = unnestRows(columns, rows);
  const sql = `INSERT INTO ${table} (${list})
     SELECT ${select} FROM ${from}
     ORDER BY u.ordinality
     ${returning ? `RETURNING id, ${returning} AS check_value` : ""}`;
  const result: { id: number; check_value: unknown }[] = await manager.query(sql, params);
  if (!returning) return [];
  const checkIndex = names.indexOf(returning);
  if (result.length !== rows.length) throw new Error(`${table}: inserted ${result.length} rows out of ${rows.length}`);
  result.forEach((r, i) => {
    if (checkIndex >= 0 && String(r.check_value) !== String(rows[i][checkIndex])) {
      throw new Error(`${table}: returned rows are not in insertion order`);
    }
  });
  return result.map((r) => Number(r.id));
}
