import { EntityManager } from "typeorm";

/** A column of a multi-row insert: its SQL array type, and optionally an expression over `u.<name>`. */
export interface InsertColumn {
  name: string;
  type: "text" | "integer" | "smallint" | "double precision" | "numeric" | "date" | "timestamptz";
  /** SQL computing the stored value from `u.<name>` (e.g. splitting a text into an array). */
  expression?: string;
}

/**
 * Inserts many rows in one statement, the arrays unnested server-side (the technique of
 * bulkUpsert, without its upsert), in the order given. With `returning`, returns the generated
 * ids in that order, checking that the returned `returning` column matches the input row by row.
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: InsertColumn[],
  rows: unknown[][],
  returning?: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const names = columns.map((c) => c.name);
  const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const select = columns.map((c) => c.expression ?? `u.${c.name}`).join(", ");
  const sql = `INSERT INTO ${table} (${names.join(", ")})
     SELECT ${select} FROM unnest(${unnest}) WITH ORDINALITY AS u(${names.join(", ")}, ordinality)
     ORDER BY u.ordinality
     ${returning ? `RETURNING id, ${returning} AS check_value` : ""}`;
  const result: { id: number; check_value: unknown }[] = await manager.query(sql, arrays);
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
