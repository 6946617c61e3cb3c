import { parse } from "csv-parse/sync";
import { csvText, SPREADSHEET_STYLE } from "../server/exports/cells";
import { FRENCH_LABELS } from "../schema/french-labels";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/**
 * The spreadsheet form of the CSV exports (`?form=spreadsheet`), over HTTP: French headers, enum
 * values in French, Oui/Non, dates JJ/MM/AAAA, decimal commas, `;`, a byte-order mark, a French
 * file name; the same rows in the same order as the data form (itself checked against the graph by
 * exports.test.ts), and CSV-injection defusing kept on every cell.
 */
let server: TestServer;
let origin: string;
let admin: string;

const COMMUNE = "01004"; // Ambérieu-en-Bugey: no demo data, only the records of this test.
const ERRORS = "errors { code path message }";
/** What a spreadsheet would run as a formula (written independently of the server's rule). */
const FORMULA = /^(?:[\t\r\n\0]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;
/** A number as the spreadsheet form writes it: decimal comma. */
const FRENCH_NUMBER = /^-?\d+(,\d+)?$/;

const written = { associations: [] as { id: string; name: string; purpose: string; longitude: number }[], project: { id: "", title: "" } };

async function mutate(name: string, inputType: string, selection: string, input: Record<string, unknown>): Promise<any> {
  const response = await server.post(`mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} ${ERRORS} } }`, { input }, admin);
  expect(response.errors).toBeUndefined();
  expect(response.data[name].errors).toEqual([]);
  return response.data[name];
}

beforeAll(async () => {
  const issuer = await testIssuer();
  server = await startTestServer("exports-spreadsheet", issuer.settings);
  origin = new URL(server.url).origin;
  admin = await issuer.admin();
  // Records whose text starts like formulas, in cells of every kind (single text, lists of names).
  for (const [i, sign] of ["=", "-", "@"].entries()) {
    const association = {
      name: `${sign}HYPERLINK("http://x.example/?${i}","y") ${i}`, purpose: `${sign}1+1|+cmd|plain ${i}`, communeInseeCode: COMMUNE,
      rna: `W01${String(9200000 + i).padStart(7, "0")}`, location: { latitude: 45.9575, longitude: -(1 + i / 10) },
    };
    const { association: created } = await mutate("createAssociation", "CreateAssociationInput", "association { id }", association);
    written.associations.push({ id: created.id, name: association.name, purpose: association.purpose, longitude: association.location.longitude });
  }
  const title = "+project of formulas";
  const { project } = await mutate("createProject", "CreateProjectInput", "project { id }", {
    title, summary: "-summary", participants: written.associations.map((a) => ({ organizationId: a.id, role: "LEAD" })),
  });
  written.project = { id: project.id, title };
});

afterAll(async () => {
  await server?.stop();
});

function url(file: string, params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) query.set(name, typeof value === "string" ? value : JSON.stringify(value));
  return `${origin}/exports/${file}?${query}`;
}

/** Both forms of an export, parsed: the data form (programs) and the spreadsheet form (people), checked as files. */
async function bothForms(list: string, filter: unknown, spreadsheetName: string) {
  const data = await fetch(url(`${list}.csv`, { filter }));
  expect(data.status).toBe(200);
  const dataRows: Record<string, string>[] = parse(Buffer.from(await data.arrayBuffer()), { bom: true, columns: true, strict: true } as any);

  const response = await fetch(url(`${list}.csv`, { filter, form: "spreadsheet" }));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${spreadsheetName}-tableur-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
  const bytes = Buffer.from(await response.arrayBuffer());
  // A byte-order mark (Excel then reads UTF-8), `;` between fields, CRLF line ends.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toMatch(/\r\n$/);
  const header = text.slice(1, text.indexOf("\r\n"));
  const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true, delimiter: ";", strict: true } as any);
  expect(rows.length).toBe(dataRows.length);
  return { header: header.split(";"), rows, dataRows };
}

const frenchDate = (iso: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : "");
const frenchInstant = (iso: string) => (iso ? `${frenchDate(iso.slice(0, 10))} ${iso.slice(11, 16)}` : "");
const comma = (number: string) => number.replace(".", ",");
const pieces = (cell: string) => (cell ? cell.split(" | ") : []);
/** The codes in "name (code)" pieces. */
const codesIn = (cell: string) => pieces(cell).map((piece) => /\(([^()]+)\)$/.exec(piece)![1]);
const labelsOf = (group: keyof typeof FRENCH_LABELS, codes: string) => (codes ? codes.split("|").map((c) => (FRENCH_LABELS[group] as Record<string, string>)[c]) : []);

describe("the spreadsheet form of the CSV exports", () => {
  it("associations: French headers and labels, Oui/Non, JJ/MM/AAAA, decimal comma, named QPVs, the data form's rows", async () => {
    const { header, rows, dataRows } = await bothForms("associations", { departmentCodes: ["59"] }, "associations");
    expect(header).toEqual(["Nom", "Sigle", "RNA", "SIREN", "SIRET", "Type", "Taille employeur", "Salariés (ETP)", "Bénévoles", "Adhérents",
      "Fédérée", "Réseaux", "Date de création", "Date de dissolution", "Adresse", "Code postal", "Commune", "Code commune (INSEE)", "Département",
      "QPV du siège", "QPV où elle agit", "Thèmes", "Site web", "Courriel", "Téléphone", "Latitude", "Longitude", "Objet"]);
    expect(rows.length).toBeGreaterThan(100);
    rows.forEach((row, i) => {
      const data = dataRows[i];
      expect(row.Nom).toBe(data.name);
      expect(row.RNA).toBe(data.rna);
      expect(row.Type).toBe(FRENCH_LABELS.AssociationGrouping[data.grouping as "SIMPLE"]);
      expect(row["Taille employeur"]).toBe(FRENCH_LABELS.EmployerSize[data.employerSize as "NONE"]);
      expect(row.Fédérée).toBe(data.federated === "true" ? "Oui" : "Non");
      expect(row["Salariés (ETP)"]).toBe(comma(data.staffEtp));
      expect(row["Date de création"]).toBe(frenchDate(data.createdOn));
      expect(row.Latitude).toBe(comma(data.latitude));
      expect(row.Longitude).toBe(comma(data.longitude));
      expect(codesIn(row["QPV du siège"])).toEqual(data.qpvCodesBased ? data.qpvCodesBased.split("|") : []);
      expect(codesIn(row["QPV où elle agit"])).toEqual(data.qpvCodesActive ? data.qpvCodesActive.split("|") : []);
      expect(pieces(row.Thèmes)).toEqual(data.themeLabels ? data.themeLabels.split("|") : []);
      expect(pieces(row.Réseaux)).toEqual(data.networkNames ? data.networkNames.split("|") : []);
    });
    // The words a person reads, not the codes: the values seen are the French ones.
    const sizes = new Set(rows.map((r) => r["Taille employeur"]));
    expect(sizes).toEqual(new Set(["Sans salarié", "Petit employeur (≤ 2 ETP)", "Employeur (> 2 ETP)"]));
    expect(new Set(rows.map((r) => r.Fédérée))).toEqual(new Set(["Oui", "Non"]));
    expect(rows.some((r) => /^\d+,\d+$/.test(r["Salariés (ETP)"]))).toBe(true);
    expect(rows.find((r) => r.Nom === "Association des habitants de Nouveau Roubaix")!["QPV du siège"]).toBe("Nouveau Roubaix (QN05981M)");
  });

  it("partners: partner types in French, covered territories named", async () => {
    const { header, rows, dataRows } = await bothForms("partners", {}, "partenaires");
    expect(header.slice(0, 6)).toEqual(["Nom", "Sigle", "Type de partenaire", "SIREN", "SIRET", "Territoires couverts"]);
    rows.forEach((row, i) => {
      expect(row.Nom).toBe(dataRows[i].name);
      expect(row["Type de partenaire"]).toBe(FRENCH_LABELS.PartnerType[dataRows[i].partnerType as "CAF"]);
      expect(pieces(row["Territoires couverts"])).toHaveLength(dataRows[i].coverage ? dataRows[i].coverage.split("|").length : 0);
      expect(row["Territoires couverts"]).not.toMatch(/\b(region|department|epci|commune):/);
    });
    expect(rows.map((r) => r["Territoires couverts"])).toContain("Département Nord (59)");
  });

  it("projects: status and stakes in French, names of participants, amounts with a comma", async () => {
    const { header, rows, dataRows } = await bothForms("projects", {}, "projets");
    expect(header).toEqual(["Titre", "Statut", "Date de début", "Date de fin", "Habitants touchés", "QPV", "Thèmes", "Enjeux", "Porteurs",
      "Partenaires", "Financeurs", "Appuis", "Nombre de financements", "Montant des financements (€)", "Résumé"]);
    rows.forEach((row, i) => {
      const data = dataRows[i];
      expect(row.Titre).toBe(data.title);
      expect(row.Statut).toBe(FRENCH_LABELS.ProjectStatus[data.status as "ACTIVE"]);
      expect(row["Date de début"]).toBe(frenchDate(data.startDate));
      expect(row["Date de fin"]).toBe(frenchDate(data.endDate));
      expect(codesIn(row.QPV)).toEqual(data.qpvCodes ? data.qpvCodes.split("|") : []);
      expect(pieces(row.Enjeux)).toEqual(data.stakeNumbers ? data.stakeNumbers.split("|").map((n) => `${n}. ${FRENCH_LABELS.Stake[Number(n) as 1]}`) : []);
      expect(pieces(row.Porteurs)).toEqual(data.leadNames ? data.leadNames.split("|") : []);
      expect(row["Montant des financements (€)"]).toBe(comma(data.fundingTotalEur));
    });
    expect(rows.some((r) => r.Statut === "En cours")).toBe(true);
  });

  it("events: kinds and accessibility in French, instants JJ/MM/AAAA HH:MM in Paris time", async () => {
    const { header, rows, dataRows } = await bothForms("events", { departmentCodes: ["59"] }, "evenements");
    expect(header.slice(0, 4)).toEqual(["Titre", "Type", "Début", "Fin"]);
    rows.forEach((row, i) => {
      const data = dataRows[i];
      expect(row.Titre).toBe(data.title);
      expect(row.Type).toBe(FRENCH_LABELS.EventKind[data.kind as "WORKSHOP"]);
      expect(row.Début).toBe(frenchInstant(data.startsAt));
      expect(row.Début).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(row.Fin).toBe(frenchInstant(data.endsAt));
      expect(pieces(row.Accessibilité)).toEqual(labelsOf("AccessibilityFeature", data.accessibility));
      expect(row.QPV ? codesIn(row.QPV) : []).toEqual(data.qpvCode ? [data.qpvCode] : []);
      expect(pieces(row.Organisateurs)).toEqual(data.organizerNames ? data.organizerNames.split("|") : []);
    });
  });

  it("QPVs: code, name, département and communes", async () => {
    const { header, rows, dataRows } = await bothForms("qpvs", { departmentCodes: ["59"] }, "qpv");
    expect(header).toEqual(["Code", "Nom", "Code département", "Département", "Communes", "Codes communes (INSEE)", "Latitude du centre", "Longitude du centre"]);
    rows.forEach((row, i) => {
      expect(row.Code).toBe(dataRows[i].code);
      expect(row.Nom).toBe(dataRows[i].name);
      expect(row.Département).toBe("Nord");
      expect(pieces(row.Communes)).toEqual(dataRows[i].communeNames.split("|"));
    });
  });

  it("keeps the CSV-injection defusing on every cell: no cell or piece starts a formula, numbers stay numbers", async () => {
    const check = (rows: Record<string, string>[]) => {
      const unsafe: string[] = [];
      for (const row of rows) {
        for (const [header, cell] of Object.entries(row)) {
          if (FRENCH_NUMBER.test(cell)) continue;
          for (const piece of [cell, ...cell.split("|")]) if (FORMULA.test(piece)) unsafe.push(`${header}: ${JSON.stringify(cell)}`);
        }
      }
      expect(unsafe).toEqual([]);
    };
    const associations = await bothForms("associations", { communeInseeCodes: [COMMUNE] }, "associations");
    check(associations.rows);
    const byName = new Map(associations.rows.map((r) => [r.Nom.slice(1), r]));
    for (const written_ of written.associations) {
      // The text comes back whole behind its leading `'`; a negative number is no text and gets none.
      const row = byName.get(written_.name)!;
      expect(row.Nom).toBe(`'${written_.name}`);
      expect(row.Objet.split("|").map((p) => (p.startsWith("'") ? p.slice(1) : p)).join("|")).toBe(written_.purpose);
      expect(row.Longitude).toBe(comma(String(written_.longitude)));
    }
    const projects = await bothForms("projects", { participantIds: written.associations.map((a) => a.id) }, "projets");
    check(projects.rows);
    expect(projects.rows.map((r) => r.Titre)).toEqual([`'${written.project.title}`]);
    expect(pieces(projects.rows[0].Porteurs).sort()).toEqual(written.associations.map((a) => `'${a.name}`).sort());
  });

  it("refuses an unknown form, a delimiter with the spreadsheet form, and a form for GeoJSON (HTTP 400)", async () => {
    const expectRefusal = async (file: string, params: Record<string, string>, argument: string) => {
      const response = await fetch(url(file, params));
      expect(response.status).toBe(400);
      const body: any = await response.json();
      expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", reason: "MALFORMED", argument });
    };
    await expectRefusal("associations.csv", { form: "xlsx" }, "form");
    await expectRefusal("associations.csv", { form: "spreadsheet", delimiter: "comma" }, "delimiter");
    await expectRefusal("associations.geojson", { form: "spreadsheet" }, "form");
    // The data form stays the default, unchanged, and may be asked for by name.
    const data = await fetch(url("associations.csv", { form: "data", filter: { qpvCodes: ["QN05981M"] } }));
    expect(data.status).toBe(200);
    expect(Buffer.from(await data.arrayBuffer()).toString("utf8").startsWith("\uFEFFid,name,")).toBe(true);
  });
});

describe("csvText in the spreadsheet style", () => {
  it("writes decimal commas, Oui/Non and ` | ` lists, and defuses text as the data style does", () => {
    expect(csvText(1.5, SPREADSHEET_STYLE)).toBe("1,5");
    expect(csvText(-3.05, SPREADSHEET_STYLE)).toBe("-3,05");
    expect(csvText(true, SPREADSHEET_STYLE)).toBe("Oui");
    expect(csvText(false, SPREADSHEET_STYLE)).toBe("Non");
    expect(csvText(["=A1", "Élan", "a|@b"], SPREADSHEET_STYLE)).toBe("'=A1 | Élan | a|'@b");
    expect(csvText("-3,05", SPREADSHEET_STYLE)).toBe("'-3,05");
    expect(csvText(null, SPREADSHEET_STYLE)).toBe("");
  });
});
