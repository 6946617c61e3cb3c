import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { importRnaFiles, RnaFileSummary, RnaImportError } from "../server/rna/import-rna-files";
import { cloneTemplate } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";
import { captureLogs } from "./support/log-capture";

/**
 * The RNA import (issue 5), on small files crafted for it (tests/fixtures/rna, described in its README):
 * imported in-process into the test server's database, outcomes read back through the graph over HTTP.
 * The tests of this file build on each other, in order.
 */

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(__dirname, "fixtures/rna");
const SEPTEMBER = path.join(FIXTURES, "rna_waldec_20240901.csv");
const OLD_FORMAT = path.join(FIXTURES, "rna_import_20240901.csv");
const OCTOBER = path.join(FIXTURES, "rna_waldec_20241001.csv");
const NOVEMBER_ZIP = path.join(FIXTURES, "rna_waldec_20241101.zip");

let server: TestServer;
let tmp: string;

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("rna-import", issuer.settings);
  tmp = path.join(ROOT, ".tmp", `rna-import-${process.pid}`);
  fs.mkdirSync(tmp, { recursive: true });
});

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const sql = (query: string, params?: unknown[]) => server.app.dataSource.query(query, params);

async function runImport(files: string[], label: string, batchSize?: number): Promise<{ summaries: RnaFileSummary[]; rejects: Record<string, string>[] }> {
  const rejectsPath = path.join(tmp, `${label}.rejects.csv`);
  const summaries = await importRnaFiles(server.app.dataSource, files, { rejectsPath, batchSize });
  return { summaries, rejects: readRejects(rejectsPath) };
}

/** The rejected-rows file as records (it has no field with `;` or a line break in these tests but the messages, which are quoted when needed). */
function readRejects(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const columns = header.split(";");
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, "").replace(/^"(.*)"$/s, "$1").replace(/""/g, '"'));
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

const counts = (s: RnaFileSummary) => ({
  read: s.read, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, dissolved: s.dissolved,
  rejected: s.rejected, duplicates: s.duplicates,
});

const ASSOCIATION = `query ($rna: String!) {
  association(rna: $rna) {
    id name shortName purpose grouping createdOn dissolvedOn address postalCode siret siren staffEtp volunteers website version
    commune { inseeCode }
    themes { code }
    qpvs { presence qpv { code } }
    allQpvs: qpvs(includePossiblyBased: true) { presence qpv { code } }
    networks { network { name } }
    registry { format file line status updatedInRegistryAt inseeCode communeLabel legacyId themeCodes district { inseeCode } }
  }
}`;

async function association(rna: string) {
  const { data, errors } = await server.post(ASSOCIATION, { rna });
  expect(errors).toBeUndefined();
  return data.association;
}

async function qpvCodesOfCommune(insee: string): Promise<string[]> {
  const { data } = await server.post(`query ($insee: String!) { commune(inseeCode: $insee) { qpvs { code } } }`, { insee });
  return data.commune.qpvs.map((q: { code: string }) => q.code).sort();
}

/** Every row the import may touch, with its xmin: equal snapshots mean nothing was written. */
async function snapshot() {
  return sql(
    `SELECT 'organization' AS t, id::text AS k, xmin::text AS x, row_to_json(o)::text AS v FROM organization o WHERE kind = 'ASSOCIATION'
     UNION ALL SELECT 'rna_record', organization_id::text, xmin::text, row_to_json(r)::text FROM rna_record r
     UNION ALL SELECT 'organization_qpv', organization_id || '/' || qpv_code, xmin::text, row_to_json(q)::text FROM organization_qpv q
     UNION ALL SELECT 'organization_theme', organization_id || '/' || theme_code, xmin::text, row_to_json(t)::text FROM organization_theme t
     ORDER BY 1, 2`,
  );
}

/** What QPV lists and dashboards show for the QPVs of these communes. */
async function qpvFigures(communes: string[], codes: string[]) {
  const { data, errors } = await server.post(
    `query ($communes: [String!], $codes: [String!]) {
      qpvs(first: 100, filter: { communeInseeCodes: $communes }) { edges { node { code associations(first: 1) { totalCount } } } }
      associations(first: 1, filter: { qpvCodes: $codes }) { totalCount }
      organizations(first: 1, filter: { qpvCodes: $codes }) { totalCount }
      dashboard(scope: { qpvCodes: $codes }) { employerSizes { total } federation { federated nonFederated } }
    }`,
    { communes, codes },
  );
  expect(errors).toBeUndefined();
  return data;
}

const FILE_CITIES = ["59512", "13055", "75056", "69123"];
let fileQpvCodes: string[];
let figuresBefore: unknown;

describe("RNA import", () => {
  it("reads rna_waldec: quoted semicolons and line breaks, districts, empty dates and codes; reports bad rows without stopping", async () => {
    fileQpvCodes = (await Promise.all(FILE_CITIES.map(qpvCodesOfCommune))).flat();
    figuresBefore = await qpvFigures(FILE_CITIES, fileQpvCodes);

    const { summaries, rejects } = await runImport([SEPTEMBER], "september");
    expect(counts(summaries[0])).toEqual({ read: 9, inserted: 6, updated: 0, unchanged: 1, dissolved: 0, rejected: 2, duplicates: 1 });
    expect(summaries[0].entries).toEqual([{ name: "rna_waldec_20240901.csv", format: "WALDEC", encoding: "utf-8", read: 9 }]);

    const pile = await association("W9Z1000001");
    expect(pile).toMatchObject({
      name: "Les Amis du Pile; quartier solidaire",
      shortName: "AMIS PILE",
      purpose: "Animer le quartier du Pile.\nOrganiser des fêtes de rue.",
      grouping: "SIMPLE",
      createdOn: "2012-03-04",
      dissolvedOn: null,
      address: "12 bis RUE de la Pile",
      postalCode: "59100",
      siret: "88412345600011",
      siren: "884123456",
      commune: { inseeCode: "59512" },
      // 006030 is not in the nomenclature: its parent theme; 011000 is.
      themes: [{ code: "006000" }, { code: "011000" }],
      qpvs: [],
      registry: {
        format: "WALDEC", file: "rna_waldec_20240901.csv", line: 2, status: "ACTIVE", updatedInRegistryAt: "2024-08-01T10:00:00+02:00",
        inseeCode: "59512", communeLabel: "ROUBAIX", legacyId: null, themeCodes: ["006030", "011000"], district: null,
      },
    });
    // No location: possibly based in every QPV of Roubaix, and in none of the QPV lists.
    const roubaix = await qpvCodesOfCommune("59512");
    expect(roubaix.length).toBeGreaterThan(1);
    expect(pile.allQpvs.map((p: any) => [p.presence, p.qpv.code])).toEqual(roubaix.map((code) => ["POSSIBLY_BASED", code]));

    // The record after the two-line one starts on line 4; a Paris district resolves to Paris, kept on the record.
    const theatre = await association("W9Z1000002");
    expect(theatre.commune).toEqual({ inseeCode: "75056" });
    expect(theatre.registry).toMatchObject({ line: 4, inseeCode: "75112", district: { inseeCode: "75112" } });
    expect(theatre.allQpvs.map((p: any) => p.qpv.code).sort()).toEqual(await qpvCodesOfCommune("75056"));
    expect((await association("W9Z1000003")).commune).toEqual({ inseeCode: "13055" });
    expect((await association("W9Z1000004"))).toMatchObject({ commune: { inseeCode: "69123" }, grouping: "UNION", registry: { district: { inseeCode: "69381" } } });

    // Unknown INSEE code: imported without a commune; "0001-01-01" and "000000" are no date and no theme.
    expect(await association("W9Z1000005")).toMatchObject({
      commune: null, createdOn: null, themes: [], allQpvs: [], registry: { inseeCode: "59999", themeCodes: [], line: 7 },
    });
    expect(await association("W12345")).toBeNull();
    // The duplicate (line 9) does not replace the first row: same maj_time.
    expect((await association("W9Z1000001")).name).toBe("Les Amis du Pile; quartier solidaire");
    // Invalid SIRET and date left out, the rest imported.
    expect(await association("W9Z1000006")).toMatchObject({ grouping: "FEDERATION", siret: null, createdOn: null, themes: [{ code: "019000" }] });

    const reported = rejects.map((r) => [r.line, r.column, r.severity, r.reason]);
    expect(reported).toEqual(expect.arrayContaining([
      ["7", "adrs_codeinsee", "warning", "UNKNOWN_INSEE_CODE"],
      ["8", "id", "error", "INVALID_RNA"],
      ["9", "id", "warning", "DUPLICATE"],
      ["10", "siret", "warning", "INVALID_SIRET"],
      ["10", "date_creat", "warning", "INVALID_DATE"],
      ["11", "", "error", "MALFORMED_RECORD"],
    ]));
    expect(reported).toHaveLength(6);
    expect(rejects.every((r) => r.file === "rna_waldec_20240901.csv")).toBe(true);
    expect(rejects.find((r) => r.reason === "INVALID_RNA")!.value).toBe("W12345");
    expect(rejects.find((r) => r.reason === "DUPLICATE")!.message).toContain("line 2");
    expect(rejects.find((r) => r.reason === "MALFORMED_RECORD")!.message).toContain("end of the file");

    // POSSIBLY_BASED stays out of QPV lists, filters and dashboards.
    expect(await qpvFigures(FILE_CITIES, fileQpvCodes)).toEqual(figuresBefore);
  });

  it("reads rna_import in Windows-1252: accents, RNA number in id or id_ex, old-style ids, a truncated last line", async () => {
    const { summaries, rejects } = await runImport([OLD_FORMAT], "old-format");
    expect(counts(summaries[0])).toEqual({ read: 5, inserted: 2, updated: 0, unchanged: 0, dissolved: 0, rejected: 3, duplicates: 0 });
    expect(summaries[0].entries[0]).toMatchObject({ format: "IMPORT", encoding: "windows-1252" });
    expect(await association("W9Z1000101")).toMatchObject({
      name: "Société d’entraide de l’Épeule – œuvres sociales",
      address: "Maison de quartier, 3 rue de l’Épeule",
      commune: { inseeCode: "59512" },
      registry: { format: "IMPORT", legacyId: "0595001234", updatedInRegistryAt: "2009-05-01T00:00:00+02:00" },
    });
    expect(await association("W9Z1000102")).toMatchObject({ name: "Amicale des Élèves de Tourcoing", registry: { legacyId: null } });
    expect(rejects.map((r) => [r.line, r.severity, r.reason])).toEqual([
      ["4", "error", "INVALID_RNA"],
      ["5", "error", "INVALID_RNA"],
      ["6", "error", "COLUMN_COUNT"],
    ]);
    expect(rejects[0].value).toBe("0595009999");
    expect(rejects[2].message).toContain("truncated");
    expect(await association("W9Z1000103")).toBeNull();
  });

  it("changes nothing when the same files are imported again: counts and xmin", async () => {
    const before = await snapshot();
    const { summaries } = await runImport([SEPTEMBER, OLD_FORMAT], "again");
    expect(summaries.map(counts)).toEqual([
      { read: 9, inserted: 0, updated: 0, unchanged: 7, dissolved: 0, rejected: 2, duplicates: 1 },
      { read: 5, inserted: 0, updated: 0, unchanged: 2, dissolved: 0, rejected: 3, duplicates: 0 },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps nothing of a file whose import fails half-way (one transaction per file)", async () => {
    // What users typed in meanwhile (there are no mutations yet: written as SQL).
    const [pile] = await sql(`SELECT id FROM organization WHERE rna = 'W9Z1000001'`);
    const [network] = await sql(`SELECT network_id AS id FROM membership ORDER BY id LIMIT 1`);
    const [lille] = await sql(`SELECT qpv_code FROM qpv_commune WHERE commune_insee_code = '59350' ORDER BY qpv_code LIMIT 1`);
    await sql(`UPDATE organization SET staff_etp = 1.5, volunteers = 12, website = 'https://amis-du-pile.example.org',
                 latitude = 50.674, longitude = 3.1873, version = version + 1 WHERE id = $1`, [pile.id]);
    await sql(`INSERT INTO membership (network_id, member_id, joined_on) VALUES ($1, $2, '2020-01-01')`, [network.id, pile.id]);
    await sql(`INSERT INTO organization_qpv (organization_id, qpv_code, presence) VALUES ($1, $2, 'ACTIVE')`, [pile.id, lille.qpv_code]);
    await sql(`INSERT INTO organization_theme (organization_id, theme_code) VALUES ($1, '019000')`, [pile.id]);

    const before = await snapshot();
    const graphBefore = await Promise.all(["W9Z1000001", "W9Z1000002", "W9Z1000003", "W595021953"].map(association));
    // A database error on the third association of the October file, after two batches were written.
    await sql(`CREATE FUNCTION rna_test_failure() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
    await sql(`CREATE TRIGGER rna_test_failure BEFORE INSERT OR UPDATE ON rna_record FOR EACH ROW
               WHEN (NEW.line = 4 AND NEW.file = 'rna_waldec_20241001.csv') EXECUTE FUNCTION rna_test_failure()`);
    const logged = captureLogs();
    try {
      const failure = await runImport([OCTOBER], "failing", 1).catch((error) => error);
      expect(failure).toBeInstanceOf(RnaImportError);
      expect(failure.message).toContain("simulated failure");
      expect(failure.file).toBe(OCTOBER);
      expect(failure.completed).toEqual([]);
      expect(logged.lines.filter((line) => JSON.parse(line).level === "error").join("\n")).toContain("simulated failure");
    } finally {
      logged.restore();
      await sql(`DROP TRIGGER rna_test_failure ON rna_record`);
      await sql(`DROP FUNCTION rna_test_failure()`);
    }
    expect(await snapshot()).toEqual(before);
    expect(await Promise.all(["W9Z1000001", "W9Z1000002", "W9Z1000003", "W595021953"].map(association))).toEqual(graphBefore);
    expect(await association("W9Z1000007")).toBeNull();
  });

  it("applies a newer file: updates, dissolutions and deletions, only when newer; never what users typed", async () => {
    const demoBefore = await association("W595021953");
    const pileBefore = await association("W9Z1000001");
    const { summaries, rejects } = await runImport([OCTOBER], "october");
    expect(counts(summaries[0])).toEqual({ read: 7, inserted: 1, updated: 4, unchanged: 2, dissolved: 2, rejected: 0, duplicates: 0 });
    expect(rejects.map((r) => r.reason)).toEqual(["UNKNOWN_INSEE_CODE"]);

    const pile = await association("W9Z1000001");
    expect(pile).toMatchObject({
      // Register data replaced: name, themes (011000 dropped), provenance.
      name: "Les Amis du Pile",
      purpose: "Activités de quartier",
      // The register gave no SIRET this time: the one stored is kept.
      siret: "88412345600011",
      // Users' data kept: staff, volunteers, website (the register's phone and email are never imported), membership, themes, QPV activity.
      staffEtp: 1.5, volunteers: 12, website: "https://amis-du-pile.example.org",
      networks: [{ network: { name: expect.any(String) } }],
      registry: { file: "rna_waldec_20241001.csv", line: 2, updatedInRegistryAt: "2024-09-15T14:00:00+02:00", themeCodes: ["006030"] },
    });
    expect(pile.themes.map((t: any) => t.code)).toEqual(["006000", "019000"]);
    expect(pile.version).toBe(pileBefore.version + 1);
    // Its location is known now: based in the QPV containing it (Nouveau Roubaix), no longer "possibly" anywhere; the QPV it is active in kept.
    const [lille] = await sql(`SELECT qpv_code FROM qpv_commune WHERE commune_insee_code = '59350' ORDER BY qpv_code LIMIT 1`);
    expect(pile.allQpvs.map((p: any) => [p.presence, p.qpv.code])).toEqual([["BASED", "QN05981M"], ["ACTIVE", lille.qpv_code]]);
    expect(pile.qpvs).toEqual(pile.allQpvs);

    expect(await association("W9Z1000002")).toMatchObject({ dissolvedOn: "2024-09-01", registry: { status: "DISSOLVED" } });
    expect(await association("W9Z1000003")).toMatchObject({ dissolvedOn: null, registry: { status: "DELETED" } });
    // Same maj_time: unchanged; an older maj_time never replaces a newer one.
    expect(await association("W9Z1000004")).toMatchObject({ registry: { file: "rna_waldec_20240901.csv" } });
    expect(await association("W9Z1000005")).toMatchObject({ name: "Association fantôme", registry: { file: "rna_waldec_20240901.csv" } });
    expect(await association("W9Z1000007")).toMatchObject({ name: "Les Jardins de la Lys", commune: { inseeCode: "59599" }, themes: [{ code: "009000" }] });

    // A demo association (typed in by users) gets the register's data; its staff, themes and QPVs stay.
    const demo = await association("W595021953");
    expect(demo).toMatchObject({
      name: "ASSOCIATION DES HABITANTS DE NOUVEAU ROUBAIX", createdOn: "1998-05-12",
      staffEtp: demoBefore.staffEtp, website: demoBefore.website, qpvs: demoBefore.qpvs, networks: demoBefore.networks,
      registry: { file: "rna_waldec_20241001.csv", line: 7, status: "ACTIVE" },
    });
    expect(demo.themes.map((t: any) => t.code).sort()).toEqual([...new Set([...demoBefore.themes.map((t: any) => t.code), "019000"])].sort());
  });

  it("reads a zip archive as published; one import per RNA number, never a duplicate", async () => {
    const { summaries } = await runImport([NOVEMBER_ZIP], "zip");
    expect(summaries[0].entries).toEqual([{ name: "rna_waldec_20241101.zip/rna_waldec_20241101.csv", format: "WALDEC", encoding: "utf-8", read: 2 }]);
    expect(counts(summaries[0])).toEqual({ read: 2, inserted: 1, updated: 0, unchanged: 1, dissolved: 0, rejected: 0, duplicates: 0 });
    expect(await association("W9Z1000008")).toMatchObject({
      name: "Ludothèque de Wazemmes", registry: { file: "rna_waldec_20241101.zip/rna_waldec_20241101.csv", line: 3 },
    });
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM organization WHERE rna LIKE 'W9Z%'`);
    expect(count).toBe(10);
  });

  it("places an imported association in the QPV containing the location a user gives it, at once", async () => {
    const QUERY = (rna: string) => `{ association(rna: "${rna}") { id version location { latitude longitude } allQpvs: qpvs(includePossiblyBased: true) { presence qpv { code } } } }`;
    const ludo = (await server.post(QUERY("W9Z1000008"))).data.association;
    expect(ludo.allQpvs.every((p: any) => p.presence === "POSSIBLY_BASED")).toBe(true);
    // The location of "Les Amis du Pile", inside Nouveau Roubaix (QN05981M).
    const { location } = (await server.post(QUERY("W9Z1000001"))).data.association;
    const moved = await server.post(`mutation ($input: UpdateAssociationInput!) { updateAssociation(input: $input) { errors { code } } }`,
      { input: { id: ludo.id, version: ludo.version, communeInseeCode: "59512", location } }, await issuer.admin());
    expect(moved.data.updateAssociation.errors).toEqual([]);
    const after = (await server.post(QUERY("W9Z1000008"))).data.association;
    expect(after.allQpvs.map((p: any) => [p.presence, p.qpv.code])).toEqual([["BASED", "QN05981M"]]);
  });


  it("stops at a file that is not an RNA file, keeping the files imported before it", async () => {
    const bad = path.join(tmp, "rna_waldec_20241201.csv");
    fs.writeFileSync(bad, "numero;nom;ville\nW9Z1000009;Club;Roubaix\n");
    const failure = await runImport([NOVEMBER_ZIP, bad], "not-rna").catch((error) => error);
    expect(failure).toBeInstanceOf(RnaImportError);
    expect(failure.message).toContain("not an RNA file");
    expect(failure.completed.map(counts)).toEqual([{ read: 2, inserted: 0, updated: 0, unchanged: 2, dissolved: 0, rejected: 0, duplicates: 0 }]);
    expect(await association("W9Z1000009")).toBeNull();
  });
});

describe("npm run import:rna", () => {
  /** Runs the command as a user would, against its own copy of the test database. */
  function command(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/commands/import-rna.ts", ...args], {
        cwd: ROOT, env: { ...process.env, NODE_OPTIONS: "", ...env }, stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.once("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("imports, writes the rejected rows next to the input, prints a summary; exits non-zero on an unreadable file", async () => {
    const database = await cloneTemplate("rna-command");
    const env: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { MAILLAGE_DATA_DIR: database.dataDir };
    try {
      const input = path.join(tmp, "rna_waldec_20240901.csv");
      fs.copyFileSync(SEPTEMBER, input);
      const missing = path.join(tmp, "rna_waldec_19990101.csv");
      const [ok, failed] = [await command([input], env), await command([input, missing], env)];
      expect(ok.code).toBe(0);
      const done = JSON.parse(ok.stdout.trim().split("\n").pop()!);
      expect(done).toMatchObject({ msg: "rna import done", totals: { read: 9, inserted: 6, unchanged: 1, rejected: 2 } });
      expect(done.peakRssMb).toBeGreaterThan(0);
      expect(readRejects(path.join(tmp, "rna_waldec_20240901.rejects.csv"))).toHaveLength(6);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("rna_waldec_19990101.csv");
    } finally {
      await database.drop();
    }
  });
});
