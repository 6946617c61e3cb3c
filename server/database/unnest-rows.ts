/** A column of a multi-row statement: its SQL array type, and optionally an expression over `u.<name>`. */
export interface UnnestColumn {
  name: string;
  type: "text" | "integer" | "smallint" | "double precision" | "numeric" | "date" | "timestamptz";
  /** SQL computing the stored value from `u.<name>` (e.g. a cast to jsonb). */
  expression?: string;
}

/**
 * Rows passed as one array parameter per column and unnested server-side: one statement for any
 * number of rows, on PostgreSQL and PGlite alike. Gives the column list, the SELECT list, the FROM
 * clause (with an `ordinality` column keeping the rows' order) and the parameters.
 */
export function unnestRows(columns: UnnestColumn[], rows: unknown[][]) {
  const names = columns.map((c) => c.name);
  return {
    names: names.join(", "),
    select: columns.map((c) => c.expression ?? `u.${c.name}`).join(", "),
    from: `unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")}) WITH ORDINALITY AS u(${names.join(", ")}, ordinality)`,
    params: columns.map((_, i) => rows.map((row) => row[i] ?? null)),
  };
}
