import { parse } from "csv-parse/sync";
import { csvText } from "../server/exports/cells";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/**
 * CSV injection (OWASP): names and free text starting with each sign a spreadsheet runs as a formula,
 * written through the mutations and linked so that they land in every kind of cell of every CSV export
 * (single values, and lists joined with `|`: networkNames, leadNames, partnerNames, organizerNames,
 * projectTitle), then downloaded with both delimiters: no cell and no `|`-separated piece starts like a
 * formula, and the values are otherwise intact. QPVs hold no user text (reference data only): their
 * export is checked all the same. GeoJSON is for programs, not spreadsheets: its values stay as typed.
 */
let server: TestServer;
let origin: string;
let admin: string;

/** The signs a formula starts with, ASCII and full-width; each record of the test starts with one of them. */
const SIGNS = ["=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"];
/** What may start a piece after `|` inside long text: the same signs, control characters, and signs after a space. */
const INNER = ["\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "-2+3", "@SUM(A1)", "+1", "\uFF1D1"];
/** What a spreadsheet would run as a formula (the rule under test, written independently of the server's). */
const FORMULA = /^(?:[\t\r\n\0]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;
/** A number as the exports write it (typed numbers are not text, and stay numbers). */
const NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/;

const COMMUNE = "01004"; // Ambérieu-en-Bugey: no demo data, only the records of this test.
const ERRORS = "errors { code path message }";

const ids = { associations: [] as string[], partners: [] as string[], projects: [] as string[], events: [] as string[] };
/** Every text written, to check each comes back whole. */
const written = { associations: [] as Record<string, string>[], partners: [] as Record<string, string>[], projects: [] as Record<string, string>[], events: [] as Record<string, string>[] };

async function mutate(name: string, inputType: string, selection: string, input: Record<string, unknown>): Promise<any> {
  const response = await server.post(`mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} ${ERRORS} } }`, { input }, admin);
  expect(response.errors).toBeUndefined();
  const payload = response.data[name];
  expect(payload.errors).toEqual([]);
  return payload;
}

/** Long text with a dangerous start and a dangerous piece after each `|`. */
const longText = (sign: string, i: number) => `${sign}text ${i}|${INNER[i % INNER.length]}|plain|${INNER[(i + 3) % INNER.length]} end`;

beforeAll(async () => {
  const issuer = await testIssuer();
  server = await startTestServer("export-injection", issuer.settings);
  origin = new URL(server.url).origin;
  admin = await issuer.admin();

  for (const [i, sign] of SIGNS.entries()) {
    const association = {
      name: `${sign}HYPERLINK("http://x.example/?${i}","y") ${i}`, shortName: `${sign}A${i}`, address: `${sign}${i} rue du Quai`,
      purpose: longText(sign, i), communeInseeCode: COMMUNE, rna: `W01${String(9100000 + i).padStart(7, "0")}`,
      phone: `+33 4 74 00 00 0${i}`, location: { latitude: 45.9575, longitude: -(1 + i / 10) },
    };
    ids.associations.push((await mutate("createAssociation", "CreateAssociationInput", "association { id }", association)).association.id);
    written.associations.push({ name: association.name, shortName: association.shortName, address: association.address, purpose: association.purpose, phone: association.phone });
    const partner = { name: `${sign}cmd|' /C calc'!A0 ${i}`, shortName: `${sign}P${i}`, address: `${sign}${i} avenue`, partnerType: "COMPANY", communeInseeCode: COMMUNE };
    ids.partners.push((await mutate("createPartner", "CreatePartnerInput", "partner { id }", partner)).partner.id);
    written.partners.push({ name: partner.name, shortName: partner.shortName, address: partner.address });
  }
  const n = SIGNS.length;
  // Each association is a member of the next two (networkNames holds two dangerous names).
  for (let i = 0; i < n; i++) {
    for (const j of [1, 2]) {
      const payload = await mutate("createMembership", "CreateMembershipInput", "membership { confirmed }", { networkId: ids.associations[(i + j) % n], memberId: ids.associations[i] });
      expect(payload.membership.confirmed).toBe(true);
    }
  }
  for (const [i, sign] of SIGNS.entries()) {
    const project = {
      title: `${sign}project ${i}`, summary: longText(sign, i),
      participants: [
        { organizationId: ids.associations[i], role: "LEAD" }, { organizationId: ids.associations[(i + 1) % n], role: "LEAD" },
        { organizationId: ids.partners[i], role: "PARTNER" }, { organizationId: ids.associations[(i + 2) % n], role: "PARTNER" },
        { organizationId: ids.partners[(i + 1) % n], role: "FUNDER" },
      ],
    };
    ids.projects.push((await mutate("createProject", "CreateProjectInput", "project { id }", project)).project.id);
    written.projects.push({ title: project.title, summary: project.summary });
    const event = {
      title: `${sign}event ${i}`, kind: "WORKSHOP", startsAt: `2026-0${(i % 9) + 1}-10T14:00:00+02:00`, endsAt: `2026-0${(i % 9) + 1}-10T16:00:00+02:00`,
      communeInseeCode: COMMUNE, venueName: `${sign}salle ${i}`, venueAddress: `${sign}${i} place`, description: longText(sign, i),
      projectId: ids.projects[i], organizerIds: [ids.associations[i], ids.partners[i], ids.associations[(i + 3) % n]],
      location: { latitude: 45.9575, longitude: 5.3706 },
    };
    ids.events.push((await mutate("createEvent", "CreateEventInput", "event { id }", event)).event.id);
    written.events.push({ title: event.title, venueName: event.venueName, venueAddress: event.venueAddress, description: event.description });
  }
});

afterAll(async () => {
  await server?.stop();
});

/** Downloads a CSV export and parses it: rows as objects keyed by the header. */
async function csvRows(list: string, filter: unknown, delimiter: "comma" | "semicolon"): Promise<Record<string, string>[]> {
  const query = new URLSearchParams({ filter: JSON.stringify(filter), ...(delimiter === "semicolon" ? { delimiter } : {}) });
  const response = await fetch(`${origin}/exports/${list}.csv?${query}`);
  expect(response.status).toBe(200);
  return parse(await response.text(), { bom: true, columns: true, delimiter: delimiter === "semicolon" ? ";" : ",", relax_column_count: false });
}

/** The cell with the leading `'` taken off each piece that needed one: what was written. */
const undefused = (cell: string) => cell.split("|").map((piece) => (piece.startsWith("'") && FORMULA.test(piece.slice(1)) ? piece.slice(1) : piece)).join("|");

/** Every cell, and every `|`-separated piece of it, is safe in a spreadsheet; numbers excepted (they are typed, never text). */
function expectNoFormula(rows: Record<string, string>[]): void {
  const unsafe: string[] = [];
  for (const row of rows) {
    for (const [header, cell] of Object.entries(row)) {
      if (NUMBER.test(cell)) continue;
      for (const piece of [cell, ...cell.split("|")]) if (FORMULA.test(piece)) unsafe.push(`${header}: ${JSON.stringify(cell)}`);
    }
  }
  expect(unsafe).toEqual([]);
}

/** The pieces of a list cell, or of the names it should hold, in a stable order (names may hold `|` themselves). */
const pieces = (text: string | string[]) => (Array.isArray(text) ? text.join("|") : text).split("|").sort();

/** The cells of a column, undefused, for the rows in `order` (by id). */
function column(rows: Record<string, string>[], header: string, order: string[]): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return order.map((id) => undefused(byId.get(id)![header]));
}

describe.each(["comma", "semicolon"] as const)("CSV exports (%s)", (delimiter) => {
  const n = SIGNS.length;
  const range = [...Array(n).keys()];

  it("associations: names, free text and network names never start a formula, and come back whole", async () => {
    const rows = await csvRows("associations", { communeInseeCodes: [COMMUNE] }, delimiter);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids.associations].sort());
    expectNoFormula(rows);
    for (const field of ["name", "shortName", "address", "purpose", "phone"]) {
      expect(column(rows, field, ids.associations)).toEqual(written.associations.map((a) => a[field]));
    }
    // Network heads, ordered by membership (joined the same day): compare as sets of names.
    expect(column(rows, "networkNames", ids.associations).map(pieces))
      .toEqual(range.map((i) => pieces([written.associations[(i + 1) % n].name, written.associations[(i + 2) % n].name])));
    // A negative number stays a number: a spreadsheet must read it as one.
    expect(column(rows, "longitude", ids.associations)).toEqual(range.map((i) => String(-(1 + i / 10))));
  });

  it("partners: names and addresses", async () => {
    const rows = await csvRows("partners", { communeInseeCodes: [COMMUNE] }, delimiter);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids.partners].sort());
    expectNoFormula(rows);
    for (const field of ["name", "shortName", "address"]) expect(column(rows, field, ids.partners)).toEqual(written.partners.map((p) => p[field]));
  });

  it("projects: title, summary, lead and partner names", async () => {
    const rows = await csvRows("projects", { participantIds: ids.associations }, delimiter);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids.projects].sort());
    expectNoFormula(rows);
    expect(column(rows, "title", ids.projects)).toEqual(written.projects.map((p) => p.title));
    expect(column(rows, "summary", ids.projects)).toEqual(written.projects.map((p) => p.summary));
    expect(column(rows, "leadNames", ids.projects).map(pieces))
      .toEqual(range.map((i) => pieces([written.associations[i].name, written.associations[(i + 1) % n].name])));
    expect(column(rows, "partnerNames", ids.projects).map(pieces))
      .toEqual(range.map((i) => pieces([written.partners[i].name, written.associations[(i + 2) % n].name])));
  });

  it("events: title, venue, description, project title and organiser names", async () => {
    const rows = await csvRows("events", { communeInseeCodes: [COMMUNE] }, delimiter);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids.events].sort());
    expectNoFormula(rows);
    for (const field of ["title", "venueName", "venueAddress", "description"]) expect(column(rows, field, ids.events)).toEqual(written.events.map((e) => e[field]));
    expect(column(rows, "projectTitle", ids.events)).toEqual(written.projects.map((p) => p.title));
    expect(column(rows, "organizerNames", ids.events).map(pieces)).toEqual(range.map((i) =>
      pieces([written.associations[i].name, written.partners[i].name, written.associations[(i + 3) % n].name])));
  });

  it("qpvs: reference data only, safe all the same", async () => {
    const rows = await csvRows("qpvs", { departmentCodes: ["59"] }, delimiter);
    expect(rows.length).toBeGreaterThan(0);
    expectNoFormula(rows);
  });
});

describe("GeoJSON exports", () => {
  it("keep the values as written: data for programs, not spreadsheets", async () => {
    const response = await fetch(`${origin}/exports/associations.geojson?${new URLSearchParams({ filter: JSON.stringify({ communeInseeCodes: [COMMUNE] }) })}`);
    const collection: any = await response.json();
    const byId = new Map(collection.features.map((f: any) => [f.id, f.properties]));
    expect(ids.associations.map((id) => (byId.get(id) as any).name)).toEqual(written.associations.map((a) => a.name));
  });
});

describe("csvText", () => {
  it("defuses every piece of a list, keeps numbers as numbers", () => {
    expect(csvText(["=A1", "Élan", "-quartier", "a|@b"])).toBe("'=A1|Élan|'-quartier|a|'@b");
    expect(csvText("Foyer |\t=1|\n=2| =3|\uFF1D4")).toBe("Foyer |'\t=1|'\n=2|' =3|'\uFF1D4");
    expect(csvText([-1.5, 2])).toBe("-1.5|2");
    expect(csvText(-3.05)).toBe("-3.05");
    expect(csvText("-3.05")).toBe("'-3.05");
    expect(csvText("1-1")).toBe("1-1");
  });
});
