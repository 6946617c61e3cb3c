import type { Sql } from "./batch-writer";

/** The tables an import writes (and nothing else): what the bulk path defers is theirs. */
const LOADED_TABLES = ["organization", "organization_qpv", "organization_theme", "rna_record"];

/** Rows a file is estimated to hold per byte (the register's CSV rows weigh about 400 bytes). */
const BYTES_PER_ROW = 400;
/**
 * The dashboard counters' triggers on the written tables (`agg_association`, migration
 * 1733100000100-dashboard-aggregates): per statement, each batch upserted thousands of commune counters,
 * about a fifth of the cost of inserting an association. The bulk path turns them off and counts
 * `agg_association` again from the rows once, before the commit. (The update trigger also refreshes project
 * counters when an organisation is archived or restored; an import never does either.)
 */
const COUNTER_TRIGGERS: [string, string][] = [
  ["organization", "agg_organization_insert"], ["organization", "agg_organization_update"],
  ["organization_qpv", "agg_organization_qpv_insert"], ["organization_qpv", "agg_organization_qpv_update"], ["organization_qpv", "agg_organization_qpv_delete"],
];

/** Below this many new associations in a file, maintaining the indexes row by row costs less than rebuilding them. */
const MIN_BULK_ROWS = 20_000;

/** `--bulk`: `auto` takes the bulk path when a file brings many new associations; `on` always; `off` never. */
export type BulkMode = "auto" | "on" | "off";

/**
 * The bulk path of a first import. With the indexes of `organization` (three trigram GIN, a GiST, eleven
 * B-trees) and of the link tables maintained row by row, and each foreign key checked row by row (a lookup
 * and a row lock each, nine per association with its QPV and theme links), a new association costs about
 * 300 µs; building the indexes and checking the keys once after the load costs a fraction of that.
 *
 * So when a file brings many new associations (the table was empty, or the file inserts at least a
 * quarter of what the table held), the indexes that only serve reads and the foreign keys out of the
 * written tables are dropped inside the file's transaction and created again before its commit (adding a
 * key back checks every row, in one statement): a failed import rolls the drop back with the rest, and
 * nothing is ever committed without them. The dashboard counters' triggers on these tables are turned off
 * and back on the same way, the counters counted again from the rows before the commit. Meanwhile readers
 * of these tables (and of the communes, QPVs and themes the keys point to) wait for the commit: the bulk
 * path is for a first load, not for the monthly file (a few % of new associations: `auto` keeps the
 * row-by-row path). Indexes and keys are read from the catalog, whatever the migrations added; unique,
 * primary-key and constraint indexes stay (they keep the data right, and the import's own lookups use them).
 */
export class BulkPath {
  /** The statements that create again what was dropped (null: nothing dropped). */
  private dropped: string[] | null = null;
  private readonly threshold: number;

  private constructor(private readonly sql: Sql, private readonly mode: BulkMode, existing: number) {
    this.threshold = Math.max(MIN_BULK_ROWS, Math.ceil(existing / 4));
  }

  /** `existing`: the organisations there are (the yardstick of "many new rows"). Takes the bulk path at once when the file alone is expected to bring that many. */
  static async open(sql: Sql, mode: BulkMode, fileBytes: number, existing: number): Promise<BulkPath> {
    const n = existing;
    const bulk = new BulkPath(sql, mode, n);
    const expectedRows = fileBytes / BYTES_PER_ROW;
    if (mode === "on" || (mode === "auto" && expectedRows >= bulk.threshold && n < expectedRows / 2)) await bulk.drop();
    return bulk;
  }

  /** Whether the bulk path is taken (what was dropped is created again by `finish`). */
  get active(): boolean {
    return this.dropped !== null;
  }

  /** Between two batches: once the file has inserted many associations, the rest goes the bulk path. */
  async afterBatch(insertedSoFar: number): Promise<void> {
    if (!this.active && this.mode === "auto" && insertedSoFar >= this.threshold) await this.drop();
  }

  private async drop(): Promise<void> {
    const keys: { table: string; name: string; definition: string }[] = await this.sql(
      `SELECT k.conrelid::regclass::text AS "table", quote_ident(k.conname) AS name,
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid)) AS definition
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE k.contype = 'f' AND n.nspname = current_schema() AND t.relname = ANY($1::text[])
       ORDER BY t.relname, k.conname`,
      [LOADED_TABLES],
    );
    const indexes: { name: string; definition: string }[] = await this.sql(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
         AND NOT i.indisunique AND NOT i.indisprimary AND NOT i.indisexclusion
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
       ORDER BY t.relname, c.relname`,
      [LOADED_TABLES],
    );
    for (const key of keys) await this.sql(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
    for (const index of indexes) await this.sql(`DROP INDEX ${index.name}`);
    for (const [table, trigger] of COUNTER_TRIGGERS) await this.sql(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    this.dropped = [
      ...indexes.map((i) => i.definition),
      ...keys.map((k) => k.definition),
      ...COUNTER_TRIGGERS.map(([table, trigger]) => `ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`),
      // What the triggers would have counted, from the rows (as `agg_rebuild()` does; writers of the counters wait).
      "LOCK TABLE agg_association IN EXCLUSIVE MODE",
      "DELETE FROM agg_association",
      "INSERT INTO agg_association SELECT * FROM agg_association_recount",
      "ANALYZE agg_association",
    ];
  }

  /**
   * Before the commit: creates the indexes again and adds the keys back, as the catalog defined them (a row
   * breaking a key fails the whole file), turns the counters' triggers back on and counts them again.
   */
  async finish(): Promise<void> {
    if (!this.dropped) return;
    for (const statement of this.dropped) await this.sql(statement);
    this.dropped = null;
  }
}
