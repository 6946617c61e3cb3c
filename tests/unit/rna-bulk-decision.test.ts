import { BulkPath } from "../../server/rna/bulk-path";

/**
 * When the RNA import takes the bulk path (`--bulk auto`): the decision alone, on a stand-in for the
 * database that lists one index and one foreign key and records the statements it is given. What the
 * bulk path writes is compared with the row-by-row path in tests/rna-bulk-import.test.ts.
 */
function database() {
  const statements: string[] = [];
  const sql = async (query: string) => {
    statements.push(query.trim().split(/\s+/).slice(0, 6).join(" "));
    if (query.includes("FROM pg_constraint k JOIN")) return [{ table: "organization", name: "organization_commune_fk", definition: "ALTER TABLE organization ADD CONSTRAINT organization_commune_fk FOREIGN KEY (commune_insee_code) REFERENCES commune(insee_code)" }];
    if (query.includes("FROM pg_index")) return [{ name: "public.organization_name_search_idx", definition: "CREATE INDEX organization_name_search_idx ON public.organization USING gin (search_fold(name) gin_trgm_ops)" }];
    return [];
  };
  return { sql, statements };
}

const MB = 1_000_000;

describe("RNA import: when the bulk path is taken", () => {
  it("at once for a large file into an empty graph; what it dropped is created again by finish", async () => {
    const db = database();
    const bulk = await BulkPath.open(db.sql, "auto", 380 * MB, 0);
    expect(bulk.active).toBe(true);
    // The dashboard counters' triggers go off with the indexes and keys, and come back with a recount (see bulk-path.ts).
    const triggers = [["organization", "agg_organization_insert"], ["organization", "agg_organization_update"],
      ["organization_qpv", "agg_organization_qpv_insert"], ["organization_qpv", "agg_organization_qpv_update"], ["organization_qpv", "agg_organization_qpv_delete"]];
    expect(db.statements.filter((s) => !s.startsWith("SELECT"))).toEqual([
      "ALTER TABLE organization DROP CONSTRAINT organization_commune_fk",
      "DROP INDEX public.organization_name_search_idx",
      ...triggers.map(([table, trigger]) => `ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`),
    ]);
    const opened = db.statements.length;
    await bulk.finish();
    expect(bulk.active).toBe(false);
    expect(db.statements.slice(opened)).toEqual([
      "CREATE INDEX organization_name_search_idx ON public.organization USING",
      "ALTER TABLE organization ADD CONSTRAINT organization_commune_fk",
      ...triggers.map(([table, trigger]) => `ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`),
      "LOCK TABLE agg_association IN EXCLUSIVE MODE",
      "DELETE FROM agg_association",
      "INSERT INTO agg_association SELECT * FROM",
      "ANALYZE agg_association",
    ]);
  });

  it("not for a monthly file (about as many rows as the graph holds), nor for a small file", async () => {
    for (const [bytes, existing] of [[380 * MB, 950_000], [2 * MB, 0]]) {
      const db = database();
      const bulk = await BulkPath.open(db.sql, "auto", bytes, existing);
      expect(bulk.active).toBe(false);
      await bulk.afterBatch(5_000);
      await bulk.finish();
      expect(db.statements).toEqual([]);
    }
  });

  it("between two batches, once the file has inserted a quarter of the organisations there were", async () => {
    const db = database();
    const bulk = await BulkPath.open(db.sql, "auto", 380 * MB, 950_000);
    await bulk.afterBatch(235_000);
    expect(bulk.active).toBe(false);
    await bulk.afterBatch(240_000);
    expect(bulk.active).toBe(true);
  });

  it("always with on, never with off", async () => {
    expect((await BulkPath.open(database().sql, "on", 1000, 950_000)).active).toBe(true);
    const off = await BulkPath.open(database().sql, "off", 380 * MB, 0);
    await off.afterBatch(1_000_000);
    expect(off.active).toBe(false);
  });
});
