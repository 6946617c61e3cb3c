import { FilterNames } from "../explorer/src/api/operations";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * Naming a list filter in one request (the explorer's filter chips): `qpvs(filter: {qpvCodes})` reads
 * several QPVs by code, checked as every code of a filter is; the explorer's FilterNames operation
 * answers the names of a filter's régions, départements, EPCI, communes, QPVs, themes and ids at once.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("filter-names");
});

afterAll(async () => {
  await server?.stop();
});

const QPVS = `query ($filter: QpvFilter) { qpvs(first: 100, filter: $filter) { totalCount edges { node { code name } } } }`;

describe("qpvs(filter: {qpvCodes})", () => {
  it("reads the QPVs of the codes given, alone or with territory criteria", async () => {
    const { data, errors } = await server.post(QPVS, { filter: { qpvCodes: ["QN05981M", "QN05969M"] } });
    expect(errors).toBeUndefined();
    expect(data.qpvs.edges.map((e: any) => e.node.code).sort()).toEqual(["QN05969M", "QN05981M"]);
    expect(data.qpvs.edges.find((e: any) => e.node.code === "QN05981M").node.name).toBe("Nouveau Roubaix");
    // With a territory: both criteria apply (a QPV of the Nord, not one of the Bouches-du-Rhône).
    const marseille = (await server.post(`{ qpvs(first: 1, filter: { departmentCodes: ["13"] }) { edges { node { code } } } }`)).data.qpvs.edges[0].node.code;
    const both = await server.post(QPVS, { filter: { qpvCodes: ["QN05981M", marseille], departmentCodes: ["59"] } });
    expect(both.data.qpvs.edges.map((e: any) => e.node.code)).toEqual(["QN05981M"]);
    // The same filter in the QPV export.
    const csv = await fetch(`${new URL(server.url).origin}/exports/qpvs.csv?filter=${encodeURIComponent(JSON.stringify({ qpvCodes: ["QN05981M"] }))}`);
    expect((await csv.text()).trimEnd().split("\r\n").slice(1).map((line) => line.split(",")[0])).toEqual(["QN05981M"]);
  });

  it("refuses a malformed or unknown code, naming the argument", async () => {
    const malformed = await server.post(QPVS, { filter: { qpvCodes: ["abc"] } });
    expect(malformed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "filter.qpvCodes" });
    const unknown = await server.post(QPVS, { filter: { qpvCodes: ["QN99999M"] } });
    expect(unknown.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNKNOWN_REFERENCE", argument: "filter.qpvCodes" });
  });
});

describe("the explorer's FilterNames operation", () => {
  it("names every code and id of a filter in one request", async () => {
    const { association, partner } = (await server.post(`{ association(rna: "W595021953") { id name } partner: partners(first: 1) { edges { node { id name } } } }`)).data;
    const first = partner.edges[0].node;
    const { data, errors } = await server.post(FilterNames, {
      withRegions: true, withEpcis: true, epciSirens: ["200093201"], withCommunes: true, communeInseeCodes: ["59512"],
      withQpvs: true, qpvCodes: ["QN05981M"], withThemes: true, ids: [association.id, first.id],
    });
    expect(errors).toBeUndefined();
    const region = data.regions.edges.map((e: any) => e.node).find((r: any) => r.code === "32");
    expect(region.name).toBe("Hauts-de-France");
    expect(region.departments).toContainEqual({ code: "59", name: "Nord" });
    expect(data.epcis.edges.map((e: any) => e.node)).toEqual([{ siren: "200093201", name: "Métropole Européenne de Lille" }]);
    expect(data.communes.edges.map((e: any) => e.node)).toEqual([{ inseeCode: "59512", name: "Roubaix" }]);
    expect(data.qpvs.edges.map((e: any) => e.node)).toEqual([{ code: "QN05981M", name: "Nouveau Roubaix" }]);
    expect(data.themes.length).toBeGreaterThan(0);
    expect(data.nodes.map((n: any) => n.name)).toEqual([association.name, first.name]);
  });

  it("asks only for what the filter names (@include), with no id at all", async () => {
    const { data, errors } = await server.post(FilterNames, {
      withRegions: false, withEpcis: false, withCommunes: false, withQpvs: false, withThemes: false, ids: [],
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ nodes: [] });
  });
});
