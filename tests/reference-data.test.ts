import { loadReferenceData } from "../server/reference/load-reference-data";
import { openDatabase } from "../server/database/data-source";
import { cloneTemplate } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("reference");
});

afterAll(async () => {
  await server?.stop();
});

describe("reference data", () => {
  it("holds every région, département, EPCI, commune and QPV of the 2024 geography", async () => {
    const { data } = await server.post(COUNTS);
    expect(data.regions.totalCount).toBe(26);
    expect(data.departments.totalCount).toBe(109);
    expect(data.epcis.totalCount).toBe(1255);
    expect(data.communes.totalCount).toBe(34969);
    expect(data.qpvs.totalCount).toBe(1584);
  });

  it("answers qpv(code:) for all 1,584 QPVs", async () => {
    const codes: string[] = [];
    let after: string | null = null;
    do {
      const { data } = await server.post(QPV_PAGE, { after });
      codes.push(...data.qpvs.edges.map((e: { node: { code: string } }) => e.node.code));
      after = data.qpvs.pageInfo.hasNextPage ? data.qpvs.pageInfo.endCursor : null;
    } while (after);
    expect(codes).toHaveLength(1584);
    expect(new Set(codes).size).toBe(1584);
    for (let i = 0; i < codes.length; i += 100) {
      const batch = codes.slice(i, i + 100);
      const query = `{ ${batch.map((code, j) => `q${j}: qpv(code: "${code}") { code communes { inseeCode } }`).join(" ")} }`;
      const { data } = await server.post(query);
      batch.forEach((code, j) => {
        expect(data[`q${j}`].code).toBe(code);
        expect(data[`q${j}`].communes.length).toBeGreaterThan(0);
      });
    }
  });

  it("resolves Paris, Lyon and Marseille districts to their city", async () => {
    const { data } = await server.post(`{
      paris: commune(inseeCode: "75114") { inseeCode name districts { inseeCode } }
      lyon: commune(inseeCode: "69383") { inseeCode name districts { inseeCode postalCode city { inseeCode } } }
      marseille: commune(inseeCode: "13208") { inseeCode name qpvs { code } }
    }`);
    expect(data.paris).toMatchObject({ inseeCode: "75056", name: "Paris" });
    expect(data.paris.districts).toHaveLength(20);
    expect(data.paris.districts[13]).toEqual({ inseeCode: "75114" });
    expect(data.lyon).toMatchObject({ inseeCode: "69123", name: "Lyon" });
    expect(data.lyon.districts[0]).toEqual({ inseeCode: "69381", postalCode: "69001", city: { inseeCode: "69123" } });
    expect(data.lyon.districts.map((d: { postalCode: string }) => d.postalCode)).toEqual(
      ["69001", "69002", "69003", "69004", "69005", "69006", "69007", "69008", "69009"]);
    expect(data.marseille).toMatchObject({ inseeCode: "13055", name: "Marseille" });
    expect(data.marseille.qpvs.length).toBeGreaterThan(10);
  });

  it("links QPVs of a merged commune to the commune that absorbed it", async () => {
    const { data } = await server.post(`{ qpv(code: "QN09336I") { name communes { inseeCode name } } }`);
    expect(data.qpv.communes).toEqual([{ inseeCode: "93066", name: "Saint-Denis" }]);
  });

  it("gives real contours only on request, as GeoJSON", async () => {
    const { data } = await server.post(`{ qpv(code: "QN05981M") { name center { latitude longitude } boundingBox { minLatitude maxLatitude } geometry } }`);
    expect(data.qpv.name).toBe("Nouveau Roubaix");
    expect(data.qpv.geometry.type).toBe("MultiPolygon");
    const [lon, lat] = data.qpv.geometry.coordinates[0][0][0];
    expect(lat).toBeGreaterThanOrEqual(data.qpv.boundingBox.minLatitude);
    expect(lat).toBeLessThanOrEqual(data.qpv.boundingBox.maxLatitude);
    expect(lon).toBeGreaterThan(3.1);
    expect(data.qpv.center.latitude).toBeCloseTo(50.674, 2);
  });

  it("loads idempotently: loading again into a loaded database changes nothing", async () => {
    const copy = await cloneTemplate("reference-reload");
    const db = await openDatabase({ databaseUrl: copy.databaseUrl, dataDir: copy.dataDir });
    try {
      const before = await db.dataSource.query(`SELECT count(*)::int AS n, max(xmin::text::bigint) AS x FROM qpv`);
      const report = await loadReferenceData(db.dataSource);
      for (const counts of Object.values(report)) expect(counts).toEqual({ inserted: 0, updated: 0 });
      const after = await db.dataSource.query(`SELECT count(*)::int AS n, max(xmin::text::bigint) AS x FROM qpv`);
      expect(after).toEqual(before);
    } finally {
      await db.close();
      await copy.drop();
    }
  });
});

const COUNTS = `{
  regions(first: 1) { totalCount }
  departments(first: 1) { totalCount }
  epcis(first: 1) { totalCount }
  communes(first: 1) { totalCount }
  qpvs(first: 1) { totalCount }
}`;

const QPV_PAGE = `query ($after: String) {
  qpvs(first: 100, after: $after, orderBy: { field: CODE }) { edges { node { code } } pageInfo { hasNextPage endCursor } }
}`;
