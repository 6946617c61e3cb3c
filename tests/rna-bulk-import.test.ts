import fs from "node:fs";
import path from "node:path";
import { generateWaldec } from "../bench/generate-waldec";
import { importRnaFiles, RnaFileSummary, RnaImportError } from "../server/rna/import-rna-files";
import { RecordParser } from "../server/rna/record-parser";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * The bulk path of the RNA import (issue 19): the same files imported into two copies of the database,
 * one row by row (`bulk: "off"`), one the bulk path (`bulk: "on"`: read-only indexes and foreign keys
 * dropped in the file's transaction, created again before its commit), give the same graph, the same
 * summaries and the same rejected rows; what was dropped is back after the import, and after a failure.
 * The first file goes into a graph where no organisation has an RNA number (rows then known new are not
 * looked up). Small batches, so that duplicates and SIRET conflicts span batches.
 */

const ROOT = path.resolve(__dirname, "..");
const ROWS = 2000;
const BATCH = 300;

let rowPath: TestServer;
let bulkPath: TestServer;
let tmp: string;
let first: string;
let monthly: string;

const q = (value: string) => `"${value.replace(/"/g, '""')}"`;

function readRecords(file: string): string[][] {
  const parser = new RecordParser();
  const items = [...parser.push(fs.readFileSync(file, "utf8")), ...parser.end()];
  return items.map((item) => {
    if (item.kind !== "record") throw new Error(`unexpected malformed record on line ${item.line}`);
    return item.fields;
  });
}

const writeRecords = (file: string, records: string[][]) => fs.writeFileSync(file, records.map((r) => r.map(q).join(";")).join("\r\n") + "\r\n");

/** The synthetic file of the benchmark, with duplicates (equal and newer) and SIRET conflicts appended; and a later edition of it. */
function makeFiles(): void {
  const generated = path.join(tmp, "generated.csv");
  generateWaldec(generated, ROWS, 19);
  const [header, ...rows] = readRecords(generated);
  const column = (name: string) => header.indexOf(name);
  const [ID, SIRET, TITRE, INSEE, MAJ, POSITION, THEME1, DISSO] = ["id", "siret", "titre", "adrs_codeinsee", "maj_time", "position", "objet_social1", "date_disso"].map(column);
  const withSiret = rows.filter((r) => r[SIRET]);
  const tail = [
    ...rows.slice(10, 40).map((r) => [...r]),
    ...rows.slice(40, 60).map((r) => Object.assign([...r], { [TITRE]: `${r[TITRE]} (nouveau nom)`, [MAJ]: "2025-01-02 03:04:05" })),
    ...withSiret.slice(0, 10).map((r, i) => Object.assign([...r], { [ID]: `W9Y${String(i).padStart(7, "0")}`, [TITRE]: `Homonyme ${i}` })),
  ];
  first = path.join(tmp, "rna_waldec_20250101.csv");
  writeRecords(first, [header, ...rows, ...tail]);

  const later = rows.map((r, i) => {
    if (i % 5 === 0) return Object.assign([...r], { [TITRE]: `${r[TITRE]} et environs`, [INSEE]: rows[(i + 7) % rows.length][INSEE], [THEME1]: "000000", [MAJ]: "2025-02-01 10:00:00" });
    if (i % 7 === 0) return Object.assign([...r], { [POSITION]: "D", [DISSO]: "2025-01-31", [MAJ]: "2025-02-01 10:00:00" });
    return r;
  });
  const added = rows.slice(0, 100).map((r, i) => Object.assign([...r], { [ID]: `W9X${String(i).padStart(7, "0")}`, [SIRET]: "" }));
  monthly = path.join(tmp, "rna_waldec_20250201.csv");
  writeRecords(monthly, [header, ...later, ...added]);
}

beforeAll(async () => {
  tmp = path.join(ROOT, ".tmp", `rna-bulk-${process.pid}`);
  fs.mkdirSync(tmp, { recursive: true });
  makeFiles();
  rowPath = await startTestServer("rna-bulk-row");
  bulkPath = await startTestServer("rna-bulk-bulk");
  // A graph where no organisation has an RNA number yet, as before a first import.
  for (const server of [rowPath, bulkPath]) await server.app.dataSource.query(`UPDATE organization SET rna = NULL WHERE rna IS NOT NULL`);
});

afterAll(async () => {
  await rowPath?.stop();
  await bulkPath?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function run(server: TestServer, files: string[], bulk: "on" | "off", label: string) {
  const rejectsPath = path.join(tmp, `${label}-${bulk}.rejects.csv`);
  const summaries = await importRnaFiles(server.app.dataSource, files, { rejectsPath, batchSize: BATCH, bulk });
  return { summaries, rejects: fs.readFileSync(rejectsPath, "utf8") };
}

const outcome = ({ elapsedMs, bulk, rejectsFile, ...rest }: RnaFileSummary) => rest;

/** Everything an import writes, keyed by RNA number (times of the writes aside). */
function graph(server: TestServer) {
  return server.app.dataSource.query(
    `SELECT 'organization' AS t, o.rna AS k, (to_jsonb(o) - 'created_at' - 'updated_at')::text AS v FROM organization o WHERE o.rna IS NOT NULL
     UNION ALL SELECT 'rna_record', o.rna, (to_jsonb(r) - 'imported_at')::text FROM rna_record r JOIN organization o ON o.id = r.organization_id
     UNION ALL SELECT 'organization_qpv', o.rna || '/' || q.qpv_code, to_jsonb(q)::text FROM organization_qpv q JOIN organization o ON o.id = q.organization_id
     UNION ALL SELECT 'organization_theme', o.rna || '/' || h.theme_code, to_jsonb(h)::text FROM organization_theme h JOIN organization o ON o.id = h.organization_id
     ORDER BY 1, 2, 3`,
  );
}

/** The indexes and constraints of the tables an import writes, as the catalog defines them. */
function catalog(server: TestServer) {
  return server.app.dataSource.query(
    `SELECT tablename AS t, indexname AS n, indexdef AS d FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename IN ('organization', 'organization_qpv', 'organization_theme', 'rna_record')
     UNION ALL
     SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' (not validated)' END FROM pg_constraint
     WHERE conrelid::regclass::text IN ('organization', 'organization_qpv', 'organization_theme', 'rna_record')
     UNION ALL
     SELECT tgrelid::regclass::text, tgname, 'trigger ' || tgenabled::text FROM pg_trigger
     WHERE NOT tgisinternal AND tgrelid::regclass::text IN ('organization', 'organization_qpv', 'organization_theme', 'rna_record')
     ORDER BY 1, 2, 3`,
  );
}

/** The dashboard counters of associations (the bulk path counts them again from the rows; a counter at 0 is no counter), and the search word list. */
async function counters(server: TestServer) {
  const sql = (query: string) => server.app.dataSource.query(query);
  const associations = await sql(`SELECT scope, code, employer_size, federated, n FROM agg_association WHERE n <> 0 ORDER BY 1, 2, 3, 4`);
  const recounted = await sql(`SELECT scope, code, employer_size, federated, n FROM agg_association_recount ORDER BY 1, 2, 3, 4`);
  expect(associations).toEqual(recounted);
  return { associations, words: await sql(`SELECT word FROM search_word ORDER BY 1`) };
}

const PAGE = `query ($text: String!) {
  search(text: $text, first: 20, kinds: [ASSOCIATION]) { totalCount edges { node { ... on Association { name } } } }
  associations(first: 30, filter: { communeInseeCodes: ["75056", "13055", "69123"] }) {
    totalCount
    edges { node { name purpose dissolvedOn siret commune { inseeCode } themes { code } qpvs(includePossiblyBased: true) { presence qpv { code } } registry { line status file themeCodes } } }
  }
}`;

/** What users read through the graph (search over the rebuilt trigram indexes, lists over the rebuilt B-trees). */
async function read(server: TestServer, text: string) {
  const { data, errors } = await server.post(PAGE, { text });
  expect(errors).toBeUndefined();
  return data;
}

describe("RNA import, bulk path", () => {
  it("gives the graph, summaries and rejected rows of the row-by-row path; indexes and keys are back", async () => {
    const catalogBefore = await catalog(bulkPath);
    const expected = await run(rowPath, [first], "off", "first");
    const actual = await run(bulkPath, [first], "on", "first");
    expect(expected.summaries[0].bulk).toBe(false);
    expect(actual.summaries[0].bulk).toBe(true);
    expect(actual.summaries.map(outcome)).toEqual(expected.summaries.map(outcome));
    // The file's own cases happened: duplicates kept or replaced, SIRET conflicts left out.
    expect(expected.summaries[0]).toMatchObject({ inserted: expect.any(Number), duplicates: 50 });
    expect(expected.summaries[0].inserted).toBeGreaterThan(ROWS * 0.99);
    expect(expected.rejects).toContain("SIRET_CONFLICT");
    expect(actual.rejects).toBe(expected.rejects);

    const rows = await graph(bulkPath);
    expect(rows.length).toBeGreaterThan(ROWS * 3);
    expect(rows).toEqual(await graph(rowPath));
    expect(await catalog(bulkPath)).toEqual(catalogBefore);
    expect(catalogBefore.filter((c: { d: string }) => c.d === "trigger O").length).toBeGreaterThanOrEqual(5);
    expect(await counters(bulkPath)).toEqual(await counters(rowPath));
    const page = await read(bulkPath, "association sportive");
    expect(page.search.totalCount).toBeGreaterThan(0);
    expect(page.associations.totalCount).toBeGreaterThan(0);
    expect(page).toEqual(await read(rowPath, "association sportive"));
  });

  it("applies a later edition the same way (updates, dissolutions, moves, new associations)", async () => {
    const catalogBefore = await catalog(bulkPath);
    const expected = await run(rowPath, [monthly], "off", "monthly");
    const actual = await run(bulkPath, [monthly], "on", "monthly");
    expect(expected.summaries[0]).toMatchObject({ inserted: 100, dissolved: expect.any(Number) });
    expect(expected.summaries[0].updated).toBeGreaterThan(ROWS / 5);
    expect(actual.summaries.map(outcome)).toEqual(expected.summaries.map(outcome));
    expect(actual.rejects).toBe(expected.rejects);
    expect(await graph(bulkPath)).toEqual(await graph(rowPath));
    expect(await catalog(bulkPath)).toEqual(catalogBefore);
    expect(await counters(bulkPath)).toEqual(await counters(rowPath));
    expect(await read(bulkPath, "environs")).toEqual(await read(rowPath, "environs"));
  });

  it("keeps nothing of a file that fails half-way, and leaves its indexes and keys in place", async () => {
    const sql = (query: string) => bulkPath.app.dataSource.query(query);
    const catalogBefore = await catalog(bulkPath);
    const graphBefore = await graph(bulkPath);
    const countersBefore = await counters(bulkPath);
    await sql(`CREATE FUNCTION rna_bulk_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
    await sql(`CREATE TRIGGER rna_bulk_failure BEFORE INSERT OR UPDATE ON rna_record FOR EACH ROW
               WHEN (NEW.file = 'rna_waldec_20250301.csv' AND NEW.line > ${ROWS - 500}) EXECUTE FUNCTION rna_bulk_failure()`);
    try {
      const redo = path.join(tmp, "rna_waldec_20250301.csv");
      const [header, ...rows] = readRecords(monthly);
      const MAJ = header.indexOf("maj_time");
      writeRecords(redo, [header, ...rows.map((r) => Object.assign([...r], { [MAJ]: "2025-03-01 10:00:00" }))]);
      const failure = await run(bulkPath, [redo], "on", "failing").catch((error) => error);
      expect(failure).toBeInstanceOf(RnaImportError);
      expect(failure.message).toContain("simulated failure");
    } finally {
      await sql(`DROP TRIGGER rna_bulk_failure ON rna_record`);
      await sql(`DROP FUNCTION rna_bulk_failure()`);
    }
    expect(await catalog(bulkPath)).toEqual(catalogBefore);
    expect(await graph(bulkPath)).toEqual(graphBefore);
    expect(await counters(bulkPath)).toEqual(countersBefore);
  });
});
