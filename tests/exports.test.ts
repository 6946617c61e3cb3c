import net from "node:net";
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { csvText } from "../server/exports/cells";
import { streamChunks } from "../server/exports/export-stream";
import { captureLogs, CapturedLogs } from "./support/log-capture";
import { startTestServer, TestServer } from "./support/test-server";
import { readAllPages } from "./support/read-pages";

/** Small batches, so that every export of the demo data takes several of them. */
const BATCH_SIZE = 40;

let server: TestServer;
let origin: string;
/** Log lines the server wrote (it runs in this process), to read the export summaries. */
let logs: CapturedLogs;
let logLines: string[];

beforeAll(async () => {
  logs = captureLogs();
  logLines = logs.lines;
  server = await startTestServer("exports", { exportBatchSize: BATCH_SIZE });
  origin = new URL(server.url).origin;
});

afterAll(async () => {
  await server?.stop();
  logs.restore();
});

type Edge<T> = { cursor: string; node: T };
type Filter = Record<string, unknown>;

/** The summary the server logs at the end of an export. */
interface ExportLog {
  list: string;
  format: string;
  outcome: "completed" | "aborted" | "failed";
  rows: number;
  features?: number;
  batches: number;
  batchSize: number;
  sqlStatements: number;
}

/** Reads a whole list through the graph, page by page, as a client would, with the filter as a variable. */
function readList<T>(field: string, filterType: string, filter: Filter | null, selection: string, orderType?: string, orderBy?: unknown) {
  return readAllPages<T>(server, field, selection, {
    args: `, filter: $filter${orderType ? ", orderBy: $orderBy" : ""}`,
    variableDefinitions: `, $filter: ${filterType}${orderType ? `, $orderBy: ${orderType}` : ""}`,
    variables: { filter, orderBy },
  });
}

function exportUrl(file: string, params: Record<string, unknown> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) query.set(name, typeof value === "string" ? value : JSON.stringify(value));
  const search = query.toString();
  return `${origin}/exports/${file}${search ? `?${search}` : ""}`;
}

/** Downloads an export; the body is decoded as UTF-8 with its byte-order mark kept, to check it. */
async function download(file: string, params: Record<string, unknown> = {}) {
  const before = logLines.length;
  const response = await fetch(exportUrl(file, params));
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, text: bytes.toString("utf8"), log: () => exportLog(file.split(".")[0], before) };
}

/** Waits for the export summary logged after line `since`. */
async function exportLog(list: string, since: number): Promise<ExportLog> {
  for (let attempt = 0; attempt < 200; attempt++) {
    for (const line of logLines.slice(since)) {
      const entry = JSON.parse(line.startsWith("{") ? line : "{}");
      if (entry.msg === "export" && entry.list === list) return entry;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no export log for ${list}`);
}

/** Downloads a CSV export and parses it with a real CSV parser, one object per row keyed by header. */
async function csvExport(list: string, params: Record<string, unknown> = {}) {
  const result = await download(`${list}.csv`, params);
  expect(result.response.status).toBe(200);
  expect(result.response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(result.response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${list}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
  // UTF-8 byte-order mark, so that Excel reads accents right; CRLF line ends (RFC 4180).
  expect([...result.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(result.text).toMatch(/\r\n$/);
  const delimiter = params.delimiter === "semicolon" ? ";" : ",";
  const rows: Record<string, string>[] = parse(result.bytes, { bom: true, columns: true, delimiter, strict: true } as any);
  return { rows, log: await result.log() };
}

/** Downloads a GeoJSON export and checks it is a valid FeatureCollection. */
async function geojsonExport(list: string, params: Record<string, unknown> = {}) {
  const result = await download(`${list}.geojson`, params);
  expect(result.response.status).toBe(200);
  expect(result.response.headers.get("content-type")).toBe("application/geo+json");
  expect(result.response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${list}-\\d{4}-\\d{2}-\\d{2}\\.geojson"$`));
  const collection = JSON.parse(result.text);
  expectFeatureCollection(collection);
  return { collection, log: await result.log() };
}

const inRange = ([longitude, latitude]: number[]) =>
  Number.isFinite(longitude) && Number.isFinite(latitude) && longitude >= -180 && longitude <= 180 && latitude >= -90 && latitude <= 90;

/**
 * RFC 7946: a FeatureCollection of Features with valid Point or MultiPolygon geometries (positions in
 * range, polygons of closed rings of 4 positions or more). Problems are collected, then checked once.
 */
function expectFeatureCollection(collection: any): void {
  expect(collection.type).toBe("FeatureCollection");
  expect(Array.isArray(collection.features)).toBe(true);
  const problems: string[] = [];
  const position = (p: unknown) => Array.isArray(p) && p.length === 2 && inRange(p);
  const closedRing = (ring: any) => Array.isArray(ring) && ring.length >= 4 && ring.every(position)
    && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
  for (const feature of collection.features) {
    const where = `feature ${feature?.id}`;
    if (feature?.type !== "Feature") problems.push(`${where}: type ${feature?.type}`);
    if (typeof feature?.id !== "string") problems.push(`${where}: id`);
    if (typeof feature?.properties !== "object" || feature.properties === null) problems.push(`${where}: properties`);
    const geometry = feature?.geometry;
    if (geometry?.type === "Point") {
      if (!position(geometry.coordinates)) problems.push(`${where}: point ${JSON.stringify(geometry.coordinates)}`);
    } else if (geometry?.type === "MultiPolygon") {
      const polygons = geometry.coordinates;
      const valid = Array.isArray(polygons) && polygons.length > 0
        && polygons.every((polygon: any) => Array.isArray(polygon) && polygon.length > 0 && polygon.every(closedRing));
      if (!valid) problems.push(`${where}: invalid MultiPolygon`);
    } else {
      problems.push(`${where}: geometry ${geometry?.type}`);
    }
  }
  expect(problems).toEqual([]);
}

const ASSOCIATION_FIELDS = `id name ... on Association { rna siret staffEtp employerSize federated grouping }
  commune { inseeCode name } location { latitude longitude } qpvs { presence qpv { code } } themes { code label }`;

describe("CSV exports have exactly the rows of the list query", () => {
  const associationFilters: Filter[] = [
    {},
    { qpvCodes: ["QN05981M"] },
    { departmentCodes: ["59"], federated: false },
    { employerSizes: ["SMALL_EMPLOYER", "EMPLOYER"], groupings: ["SIMPLE"] },
    { communeInseeCodes: ["59512", "13208"] },
  ];

  it.each(associationFilters)("associations, filter %j", async (filter) => {
    const list = await readList<any>("associations", "AssociationFilter", filter, ASSOCIATION_FIELDS);
    const { rows, log } = await csvExport("associations", { filter });
    expect(list.totalCount).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).toEqual(list.nodes.map((n) => n.id));
    // The columns say what the graph says.
    rows.forEach((row, i) => {
      const node = list.nodes[i];
      expect(row.name).toBe(node.name);
      expect(row.rna).toBe(node.rna ?? "");
      expect(row.siret).toBe(node.siret ?? "");
      expect(row.staffEtp).toBe(node.staffEtp === null ? "" : String(node.staffEtp));
      expect(row.employerSize).toBe(node.employerSize);
      expect(row.federated).toBe(String(node.federated));
      expect(row.grouping).toBe(node.grouping);
      expect(row.communeInseeCode).toBe(node.commune?.inseeCode ?? "");
      expect(row.communeName).toBe(node.commune?.name ?? "");
      expect(row.latitude).toBe(node.location ? String(node.location.latitude) : "");
      expect(row.longitude).toBe(node.location ? String(node.location.longitude) : "");
      const qpvs = (presence: string) => node.qpvs.filter((q: any) => q.presence === presence).map((q: any) => q.qpv.code).join("|");
      expect(row.qpvCodesBased).toBe(qpvs("BASED"));
      expect(row.qpvCodesActive).toBe(qpvs("ACTIVE"));
      expect(row.themeCodes).toBe(node.themes.map((t: any) => t.code).join("|"));
      expect(row.themeLabels).toBe(node.themes.map((t: any) => t.label).join("|"));
    });
    // Relations load once per batch (page, commune, QPVs, themes, memberships, network heads), never per row.
    expect(log).toMatchObject({ outcome: "completed", rows: list.totalCount, batches: Math.max(1, Math.ceil(list.totalCount / BATCH_SIZE)) });
    expect(log.sqlStatements).toBeLessThanOrEqual(log.batches * 6 + 4);
  });

  it("takes the list's order, and a semicolon delimiter for French Excel", async () => {
    const orderBy = { field: "CREATED_AT", direction: "DESC" };
    const filter = { departmentCodes: ["59", "13"] };
    const list = await readList<{ id: string }>("associations", "AssociationFilter", filter, "id", "OrganizationOrder", orderBy);
    const { rows } = await csvExport("associations", { filter, orderBy, delimiter: "semicolon" });
    expect(rows.map((r) => r.id)).toEqual(list.nodes.map((n) => n.id));
    expect(list.totalCount).toBeGreaterThan(BATCH_SIZE);
  });

  it("keeps accents, apostrophes and quotes intact (UTF-8 with a byte-order mark)", async () => {
    const list = await readList<{ id: string; name: string; purpose: string | null }>("associations", "AssociationFilter", {}, "id name ... on Association { purpose }");
    const { rows } = await csvExport("associations");
    const accented = list.nodes.filter((n) => /[À-ÿœŒ’]/.test(n.name));
    expect(accented.length).toBeGreaterThan(0);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const node of list.nodes) {
      expect(byId.get(node.id)!.name).toBe(node.name);
      expect(byId.get(node.id)!.purpose).toBe(node.purpose ?? "");
    }
  });

  it.each([{}, { partnerTypes: ["PREFECT_DELEGATE", "CAF"] }, { qpvCodes: ["QN05981M"] }])("partners, filter %j", async (filter) => {
    const list = await readList<any>("partners", "PartnerFilter", filter, "id name ... on Partner { partnerType } coverage { __typename }");
    const { rows, log } = await csvExport("partners", { filter });
    expect(list.totalCount).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).toEqual(list.nodes.map((n) => n.id));
    rows.forEach((row, i) => {
      expect(row.partnerType).toBe(list.nodes[i].partnerType);
      expect(row.coverage.split("|").filter(Boolean)).toHaveLength(list.nodes[i].coverage.length);
    });
    expect(log.sqlStatements).toBeLessThanOrEqual(log.batches * 5 + 4);
  });

  it.each([{}, { statuses: ["ACTIVE"] }, { stakeNumbers: [1, 3] }, { departmentCodes: ["59"] }])("projects, filter %j", async (filter) => {
    const selection = `id title status startDate qpvs { code } stakes { number } participants { role organization { id name } } fundings { amountEur }`;
    const list = await readList<any>("projects", "ProjectFilter", filter, selection);
    const { rows, log } = await csvExport("projects", { filter });
    expect(list.totalCount).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).toEqual(list.nodes.map((n) => n.id));
    rows.forEach((row, i) => {
      const node = list.nodes[i];
      expect(row.title).toBe(node.title);
      expect(row.status).toBe(node.status);
      expect(row.startDate).toBe(node.startDate ?? "");
      expect(row.qpvCodes).toBe(node.qpvs.map((q: any) => q.code).join("|"));
      expect(row.stakeNumbers).toBe(node.stakes.map((s: any) => s.number).join("|"));
      const leads = node.participants.filter((p: any) => p.role === "LEAD").map((p: any) => p.organization.id);
      expect(row.leadIds).toBe(leads.join("|"));
      const total = node.fundings.reduce((sum: number, f: any) => sum + Math.round(f.amountEur * 100), 0) / 100;
      expect(Number(row.fundingTotalEur)).toBeCloseTo(total, 2);
      expect(Number(row.fundingCount)).toBe(node.fundings.length);
    });
    expect(log.sqlStatements).toBeLessThanOrEqual(log.batches * 7 + 6);
  });

  it.each([{}, { communeInseeCodes: ["59512"], startsAfter: "2026-11-26T00:00:00+01:00" }, { kinds: ["CONSEIL_CITOYEN", "WORKSHOP"] }])(
    "events, filter %j", async (filter) => {
      const list = await readList<any>("events", "EventFilter", filter, "id title startsAt endsAt qpv { code } organizers { id } accessibility attendance { residents }");
      const { rows, log } = await csvExport("events", { filter });
      expect(list.totalCount).toBeGreaterThan(0);
      expect(rows.map((r) => r.id)).toEqual(list.nodes.map((n) => n.id));
      rows.forEach((row, i) => {
        const node = list.nodes[i];
        expect(row.title).toBe(node.title);
        // Instants as the graph shows them: ISO 8601 in Paris time with the offset.
        expect(row.startsAt).toBe(node.startsAt);
        expect(row.endsAt).toBe(node.endsAt);
        expect(row.qpvCode).toBe(node.qpv?.code ?? "");
        expect(row.organizerIds).toBe(node.organizers.map((o: any) => o.id).join("|"));
        expect(row.accessibility).toBe(node.accessibility.join("|"));
        expect(row.attendanceResidents).toBe(node.attendance.residents === null ? "" : String(node.attendance.residents));
      });
      expect(log.sqlStatements).toBeLessThanOrEqual(log.batches * 5 + 4);
    },
  );

  it.each([{ departmentCodes: ["59"] }, { communeInseeCodes: ["59512"] }])("QPVs, filter %j", async (filter) => {
    const list = await readList<any>("qpvs", "QpvFilter", filter, "code name communes { inseeCode }");
    const { rows } = await csvExport("qpvs", { filter });
    expect(rows.map((r) => r.code)).toEqual(list.nodes.map((n) => n.code));
    rows.forEach((row, i) => expect(row.communeInseeCodes).toBe(list.nodes[i].communes.map((c: any) => c.inseeCode).join("|")));
  });

  it("writes only the header line when nothing matches", async () => {
    const { rows } = await csvExport("associations", { filter: { qpvCodes: ["QN05981M"], groupings: ["FEDERATION"], employerSizes: ["EMPLOYER"], federated: true, communeInseeCodes: ["13208"] } });
    expect(rows).toEqual([]);
  });
});

describe("CSV cells", () => {
  it("writes lists with |, booleans as words, decimals with a dot, and never lets free text run as a formula", () => {
    expect(csvText(["QN05981M", "QN05969M"])).toBe("QN05981M|QN05969M");
    expect(csvText(true)).toBe("true");
    expect(csvText(1.25)).toBe("1.25");
    expect(csvText(-3.05)).toBe("-3.05");
    expect(csvText(null)).toBe("");
    expect(csvText('=HYPERLINK("http://example.org")')).toBe(`'=HYPERLINK("http://example.org")`);
    expect(csvText("+33 3 20 00 00 00")).toBe("'+33 3 20 00 00 00");
    expect(csvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvText("Élan — quartier")).toBe("Élan — quartier");
    // Codes, ids, dates and instants never start like a formula, so they are never changed...
    for (const code of ["QN05981M", "59512", "2026-03-12T18:30:00+01:00", "region:32", "Q29vcGVyYXRpb25Qcm9qZWN0OjE="]) expect(csvText(code)).toBe(code);
    // ...but every text cell is defused, whatever its column: text is not a number, and "-infinity" would run.
    expect(csvText("-infinity")).toBe("'-infinity");
  });
});

describe("GeoJSON exports", () => {
  it.each([{ qpvCodes: ["QN05981M"] }, { departmentCodes: ["59"] }, {}])("associations as points, one per located row, filter %j", async (filter) => {
    const list = await readList<any>("associations", "AssociationFilter", filter, "id name location { latitude longitude }");
    const { collection, log } = await geojsonExport("associations", { filter });
    const located = list.nodes.filter((n) => n.location);
    expect(collection.features.map((f: any) => f.id)).toEqual(located.map((n) => n.id));
    collection.features.forEach((feature: any, i: number) => {
      expect(feature.geometry).toEqual({ type: "Point", coordinates: [located[i].location.longitude, located[i].location.latitude] });
      expect(feature.properties.name).toBe(located[i].name);
      expect(feature.properties.id).toBe(located[i].id);
    });
    expect(collection.metadata.filter).toEqual(filter);
    expect(log).toMatchObject({ outcome: "completed", rows: list.totalCount, features: located.length });
  });

  it("leaves unlocated rows out of GeoJSON but keeps them in CSV", async () => {
    const { data } = await server.post(`{ partners(first: 100) { totalCount edges { node { id location { latitude } } } } }`);
    const partners = data.partners.edges.map((e: Edge<any>) => e.node);
    const { collection } = await geojsonExport("partners");
    const { rows } = await csvExport("partners");
    expect(rows).toHaveLength(data.partners.totalCount);
    expect(collection.features.map((f: any) => f.id)).toEqual(partners.filter((p: any) => p.location).map((p: any) => p.id));
    const unlocated = rows.filter((r) => r.latitude === "");
    expect(unlocated.length).toBeGreaterThan(0);
    expect(unlocated.length + collection.features.length).toBe(rows.length);
  });

  it("exports events as points, with typed properties", async () => {
    const filter = { communeInseeCodes: ["59512"] };
    const list = await readList<any>("events", "EventFilter", filter, "id startsAt location { latitude longitude } accessibility");
    const { collection } = await geojsonExport("events", { filter });
    const located = list.nodes.filter((n) => n.location);
    expect(located.length).toBeGreaterThan(0);
    expect(collection.features.map((f: any) => f.id)).toEqual(located.map((n) => n.id));
    collection.features.forEach((feature: any, i: number) => {
      expect(feature.properties.startsAt).toBe(located[i].startsAt);
      expect(feature.properties.accessibility).toEqual(located[i].accessibility);
    });
  });

  it("exports QPV contours as MultiPolygons, with the source and licence", async () => {
    const filter = { departmentCodes: ["59"] };
    const list = await readList<{ code: string; id: string }>("qpvs", "QpvFilter", filter, "code id");
    const { collection } = await geojsonExport("qpvs", { filter });
    expect(collection.features.map((f: any) => f.properties.code)).toEqual(list.nodes.map((n) => n.code));
    expect(collection.features.map((f: any) => f.id)).toEqual(list.nodes.map((n) => n.id));
    expect(collection.features.every((f: any) => f.geometry.type === "MultiPolygon")).toBe(true);
    expect(collection.attribution).toMatch(/ANCT/);
    expect(collection.source).toMatchObject({ licence: "Licence Ouverte 2.0 (Etalab)" });
    expect(collection.source.producer).toMatch(/Agence nationale de la cohésion des territoires/);
    // The very contour the graph gives.
    const { data } = await server.post(`{ qpv(code: "QN05981M") { geometry } }`);
    expect(collection.features.find((f: any) => f.properties.code === "QN05981M").geometry).toEqual(data.qpv.geometry);
  });

  it("has no GeoJSON of projects (they have no location of their own)", async () => {
    const { response, text } = await download("projects.geojson");
    expect(response.status).toBe(404);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("NOT_FOUND");
  });
});

describe("large results stream in batches", () => {
  it("exports all 1,584 QPVs with their contours, batch by batch", async () => {
    const { collection, log } = await geojsonExport("qpvs");
    expect(collection.features).toHaveLength(1584);
    expect(new Set(collection.features.map((f: any) => f.id)).size).toBe(1584);
    // 40 full batches (the last one learns there is nothing after it), three statements each:
    // the page, the départements, the communes, the contours.
    expect(log).toMatchObject({ outcome: "completed", rows: 1584, features: 1584, batchSize: BATCH_SIZE, batches: Math.ceil(1584 / BATCH_SIZE) });
    expect(log.sqlStatements).toBe(log.batches * 4);
  });

  it("keeps serving the graph while a large export streams", async () => {
    const response = await fetch(exportUrl("qpvs.geojson"));
    let exportDone = 0;
    const body = response.arrayBuffer().then(() => {
      exportDone = performance.now();
    });
    const { data } = await server.post(`{ qpv(code: "QN05981M") { name } }`);
    const graphDone = performance.now();
    await body;
    expect(data.qpv.name).toBe("Nouveau Roubaix");
    expect(graphDone).toBeLessThan(exportDone);
  });

  it("asks for the next chunk only when the destination has taken the previous ones, and stops when it goes away", async () => {
    let produced = 0;
    let finished = false;
    async function* chunks() {
      try {
        for (let i = 0; i < 1000; i++) {
          produced += 1;
          yield "x".repeat(32 * 1024);
        }
      } finally {
        finished = true;
      }
    }
    // A destination that takes one chunk and never acknowledges it: a client that stopped reading.
    const stalled = new Writable({ highWaterMark: 16 * 1024, write: () => undefined });
    const outcome = streamChunks(chunks(), stalled);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(produced).toBeLessThanOrEqual(4);
    stalled.destroy();
    await expect(outcome).resolves.toBe("aborted");
    expect(finished).toBe(true);
    expect(produced).toBeLessThanOrEqual(5);
  });

  it("reports a failure of the source (the database) as an error, not as a client gone", async () => {
    async function* failing() {
      yield "header\r\n";
      throw new Error("connection lost");
    }
    const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await expect(streamChunks(failing(), sink)).rejects.toThrow("connection lost");
  });

  it("stops reading batches when the client disconnects", async () => {
    const before = logLines.length;
    // A raw client that leaves as soon as the first bytes of the answer arrive.
    const socket = net.connect(server.app.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(`GET /exports/qpvs.geojson HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    const head = await new Promise<string>((resolve) => socket.once("data", (data) => resolve(data.toString("latin1"))));
    socket.destroy();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const log = await exportLog("qpvs", before);
    expect(log.outcome).toBe("aborted");
    // It noticed within a few batches (of the 40 the whole export takes), and read no further.
    expect(log.batches).toBeLessThan(Math.ceil(1584 / BATCH_SIZE) / 2);
    expect(log.rows).toBe(log.batches * BATCH_SIZE);
    // The server is fine afterwards.
    const { rows } = await csvExport("qpvs", { filter: { communeInseeCodes: ["59512"] } });
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe("bad input answers 400 in GraphQL's error shape", () => {
  async function expectBadInput(file: string, params: Record<string, unknown>, expected: { reason: string; argument: string; message?: RegExp }) {
    const { response, text } = await download(file, params);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", reason: expected.reason, argument: expected.argument });
    if (expected.message) expect(body.errors[0].message).toMatch(expected.message);
    expect(text).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
  }

  it("rejects malformed JSON", async () => {
    await expectBadInput("associations.csv", { filter: "{qpvCodes: [" }, { reason: "MALFORMED", argument: "filter" });
    await expectBadInput("events.geojson", { orderBy: "STARTS_AT" }, { reason: "MALFORMED", argument: "orderBy" });
  });

  it("rejects an unknown enum value, as GraphQL does", async () => {
    await expectBadInput("associations.csv", { filter: { employerSizes: ["HUGE"] } },
      { reason: "MALFORMED", argument: "filter.employerSizes", message: /Value "HUGE" does not exist in "EmployerSize" enum/ });
    await expectBadInput("projects.csv", { orderBy: { field: "BUDGET" } }, { reason: "MALFORMED", argument: "orderBy.field" });
  });

  it("rejects a value of the wrong type", async () => {
    await expectBadInput("associations.csv", { filter: { federated: "yes" } },
      { reason: "MALFORMED", argument: "filter.federated", message: /Boolean cannot represent a non boolean value/ });
    await expectBadInput("events.csv", { filter: { startsAfter: "tomorrow" } }, { reason: "MALFORMED", argument: "filter.startsAfter" });
    await expectBadInput("qpvs.csv", { filter: [1, 2] }, { reason: "MALFORMED", argument: "filter" });
  });

  it("rejects an unknown field, with GraphQL's suggestion", async () => {
    await expectBadInput("associations.geojson", { filter: { qpvCode: ["QN05981M"] } },
      { reason: "MALFORMED", argument: "filter", message: /Field "qpvCode" is not defined by type "AssociationFilter". Did you mean "qpvCodes"\?/ });
  });

  it("rejects unknown and malformed codes and ids, through the list's own filter compiler", async () => {
    await expectBadInput("associations.csv", { filter: { qpvCodes: ["QN99999Z"] } }, { reason: "UNKNOWN_REFERENCE", argument: "filter.qpvCodes" });
    await expectBadInput("events.csv", { filter: { communeInseeCodes: ["99999"] } }, { reason: "UNKNOWN_REFERENCE", argument: "filter.communeInseeCodes" });
    await expectBadInput("qpvs.geojson", { filter: { departmentCodes: ["5"] } }, { reason: "MALFORMED", argument: "filter.departmentCodes" });
    await expectBadInput("projects.csv", { filter: { stakeNumbers: [7] } }, { reason: "OUT_OF_RANGE", argument: "filter.stakeNumbers" });
    await expectBadInput("associations.csv", { filter: { networkIds: ["nope"] } }, { reason: "INVALID_ID", argument: "filter.networkIds" });
  });

  it("rejects unknown query parameters, repeated ones and an unknown delimiter", async () => {
    await expectBadInput("associations.csv", { first: "10" }, { reason: "MALFORMED", argument: "first" });
    await expectBadInput("associations.geojson", { delimiter: "semicolon" }, { reason: "MALFORMED", argument: "delimiter" });
    await expectBadInput("associations.csv", { delimiter: "tab" }, { reason: "MALFORMED", argument: "delimiter" });
    const response = await fetch(`${origin}/exports/associations.csv?filter={}&filter={}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter" });
  });

  it("answers 404 for an unknown list or format", async () => {
    for (const file of ["communes.csv", "associations.xlsx", "associations", "constructor.csv", "__proto__.csv"]) {
      const { response, text } = await download(file);
      expect(response.status).toBe(404);
      expect(JSON.parse(text).errors[0].extensions.code).toBe("NOT_FOUND");
    }
  });
});
