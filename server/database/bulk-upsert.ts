import { EntityManager } from "typeorm";
import { UnnestColumn, unnestRows } from "./unnest-rows";

/** Counts of rows a bulk upsert inserted and updated (unchanged rows are left alone). */
export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Inserts or updates many rows in one statement (arrays unnested server-side), touching only
 * rows whose values differ: running it twice with the same rows changes nothing.
 */
export async function bulkUpsert(
  manager: EntityManager,
  table: string,
  key: string[],
  columns: UnnestColumn[],
  rows: unknown[][],
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const names = columns.map((c) => c.name);
  const { names: list, select, from, params } = unnestRows(columns, rows);
  const updatable = names.filter((n) => !key.includes(n));
  const onConflict = updatable.length
    ? `DO UPDATE SET ${updatable.map((n) => `${n} = excluded.${n}`).join(", ")}
       WHERE (${updatable.map((n) => `${table}.${n}`).join(", ")}) IS DISTINCT FROM (${updatable.map((n) => `excluded.${n}`).join(", ")})`
    : "DO NOTHING";
  const result: { inserted: boolean }[] = await manager.query(
    `INSERT INTO ${table} (${list})
     SELECT ${select} FROM ${from}
     ON CONFLICT (${key.join(", ")}) ${onConflict}
     RETURNING (xmax = 0) AS inserted`,
    params,
  );
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted };
}
