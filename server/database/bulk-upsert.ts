import { EntityManager } from "typeorm";

/** A column of a bulk upsert: its SQL array type, and optionally an expression over `u.<name>`. */
export interface BulkColumn {
  name: string;
  type: "text" | "integer" | "double precision" | "smallint";
  /** SQL computing the stored value from `u.<name>` (e.g. a cast to jsonb). */
  expression?: string;
}

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
  columns: BulkColumn[],
  rows: unknown[][],
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const names = columns.map((c) => c.name);
  const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const select = columns.map((c) => c.expression ?? `u.${c.name}`).join(", ");
  const updatable = names.filter((n) => !key.includes(n));
  const onConflict = updatable.length
    ? `DO UPDATE SET ${updatable.map((n) => `${n} = excluded.${n}`).join(", ")}
       WHERE (${updatable.map((n) => `${table}.${n}`).join(", ")}) IS DISTINCT FROM (${updatable.map((n) => `excluded.${n}`).join(", ")})`
    : "DO NOTHING";
  const result: { inserted: boolean }[] = await manager.query(
    `INSERT INTO ${table} (${names.join(", ")})
     SELECT ${select} FROM unnest(${unnest}) AS u(${names.join(", ")})
     ON CONFLICT (${key.join(", ")}) ${onConflict}
     RETURNING (xmax = 0) AS inserted`,
    arrays,
  );
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted };
}
