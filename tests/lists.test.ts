import { startTestServer, TestServer } from "./support/test-server";
import { readAllPages } from "./support/read-pages";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("lists");
});

afterAll(async () => {
  await server?.stop();
});

type Edge<T> = { cursor: string; node: T };

/** Reads a whole top-level list page by page (pages of `first`), as a client would. */
function readAll<T>(field: string, args: string, selection: string, first = 100): Promise<{ nodes: T[]; totalCount: number }> {
  return readAllPages<T>(server, field, selection, { args, first });
}

/** The ids of the first `pages` pages of `first` of a top-level list, following `endCursor`. */
async function firstPages(field: string, args: string, first: number, pages: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < pages; i++) {
    const { data, errors } = await server.post(
      `query ($after: String) { list: ${field}(first: ${first}, after: $after${args}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after },
    );
    expect(errors).toBeUndefined();
    ids.push(...data.list.edges.map((e: Edge<{ id: string }>) => e.node.id));
    if (!data.list.pageInfo.hasNextPage) break;
    after = data.list.pageInfo.endCursor;
  }
  return ids;
}

type AssociationRow = { id: string; commune: { inseeCode: string; epci: { siren: string } | null; department: { code: string; region: { code: string } } } };

describe("orders", () => {
  it("sorts names the French way, accents and case folded", async () => {
    const { nodes } = await readAll<{ name: string }>("regions", ", orderBy: { field: NAME }", "name");
    expect(nodes.map((n) => n.name)).toEqual([
      "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est", "Guadeloupe",
      "Guyane", "Hauts-de-France", "Île de Clipperton", "Île-de-France", "La Réunion", "Martinique", "Mayotte", "Normandie",
      "Nouvelle-Aquitaine", "Nouvelle-Calédonie", "Occitanie", "Pays de la Loire", "Polynésie française",
      "Provence-Alpes-Côte d'Azur", "Saint-Barthélemy", "Saint-Martin", "Saint-Pierre-et-Miquelon",
      "Terres australes et antarctiques françaises", "Wallis et Futuna",
    ]);
  });

  it("keeps a list's default field when only a direction is given", async () => {
    const { data } = await server.post(`{ departments(first: 3, orderBy: { direction: DESC }) { edges { node { code } } } }`);
    expect(data.departments.edges.map((e: Edge<any>) => e.node.code)).toEqual(["989", "988", "987"]);
  });

  it("pages events by start time and projects by creation, with small pages, without gap or overlap", async () => {
    const events = await readAll<{ id: string; startsAt: string }>("events", ", orderBy: { field: STARTS_AT, direction: DESC }", "id startsAt", 17);
    expect(new Set(events.nodes.map((e) => e.id)).size).toBe(events.totalCount);
    for (let i = 1; i < events.nodes.length; i++) {
      expect(Date.parse(events.nodes[i].startsAt)).toBeLessThanOrEqual(Date.parse(events.nodes[i - 1].startsAt));
    }
    const projects = await readAll<{ id: string }>("projects", ", orderBy: { field: CREATED_AT }", "id", 13);
    const byTitle = await readAll<{ id: string }>("projects", "", "id", 100);
    expect(new Set(projects.nodes.map((p) => p.id))).toEqual(new Set(byTitle.nodes.map((p) => p.id)));
    const byStart = await readAll<{ id: string; startDate: string | null }>("projects", ", orderBy: { field: START_DATE }", "id startDate", 11);
    const dates = byStart.nodes.map((p) => p.startDate ?? "");
    expect(dates).toEqual([...dates].sort());
  });
});

describe("territory filters", () => {
  let all: AssociationRow[];

  beforeAll(async () => {
    all = (await readAll<AssociationRow>("associations", "", "id commune { inseeCode epci { siren } department { code region { code } } }")).nodes;
  });

  /** The filtered list holds exactly the associations the predicate selects among all of them. */
  async function expectExactly(filter: string, keep: (a: AssociationRow) => boolean) {
    const { nodes } = await readAll<{ id: string }>("associations", `, filter: ${filter}`, "id");
    const expected = all.filter(keep).map((a) => a.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(nodes.map((n) => n.id).sort()).toEqual(expected);
  }

  it("selects exactly the associations of a département, an EPCI, a région, a commune", async () => {
    await expectExactly(`{ departmentCodes: ["59"] }`, (a) => a.commune.department.code === "59");
    await expectExactly(`{ epciSirens: ["200093201"] }`, (a) => a.commune.epci?.siren === "200093201");
    await expectExactly(`{ regionCodes: ["93"] }`, (a) => a.commune.department.region.code === "93");
    await expectExactly(`{ communeInseeCodes: ["59512", "13208"] }`, (a) => ["59512", "13055"].includes(a.commune.inseeCode));
  });

  it("pages a territory the same whichever route reads it (the scope's rows, or the order walked), in both directions", async () => {
    // Small pages make walking the order cheaper than reading the territory's rows, large ones the reverse
    // (server/queries/page-query.ts, pageStatement): every page size must give the same rows in the same order.
    const cases: [string, (a: AssociationRow) => boolean][] = [
      [`{ departmentCodes: ["59"] }`, (a) => a.commune.department.code === "59"],
      [`{ epciSirens: ["200093201"] }`, (a) => a.commune.epci?.siren === "200093201"],
      [`{ regionCodes: ["93", "32"] }`, (a) => ["93", "32"].includes(a.commune.department.region.code)],
      [`{ communeInseeCodes: ["59512", "13208"] }`, (a) => ["59512", "13055"].includes(a.commune.inseeCode)],
      [`{ departmentCodes: ["59", "13"], regionCodes: ["32"] }`, (a) => a.commune.department.code === "59"],
    ];
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep).map((a) => a.id);
      for (const direction of ["ASC", "DESC"]) {
        const inOrder = direction === "ASC" ? expected : [...expected].reverse();
        const args = `, orderBy: { field: NAME, direction: ${direction} }, filter: ${filter}`;
        expect(await firstPages("associations", args, 2, 3)).toEqual(inOrder.slice(0, 6));
        expect((await readAll<{ id: string }>("associations", args, "id", 100)).nodes.map((n) => n.id)).toEqual(inOrder);
      }
    }
    const sized = await readAll<{ id: string; employerSize: string }>("associations", `, filter: { departmentCodes: ["59"] }`, "id employerSize");
    const none = sized.nodes.filter((a) => a.employerSize === "NONE").map((a) => a.id);
    expect(await firstPages("associations", `, filter: { departmentCodes: ["59"], employerSizes: [NONE] }`, 1, 3)).toEqual(none.slice(0, 3));
    expect((await readAll<{ id: string }>("associations", `, filter: { departmentCodes: ["59"], employerSizes: [NONE] }`, "id")).nodes.map((n) => n.id)).toEqual(none);
    const events = (await readAll<{ id: string; commune: { department: { code: string } } }>("events", ", orderBy: { field: STARTS_AT }", "id commune { department { code } }")).nodes;
    const inNord = events.filter((e) => e.commune.department.code === "59").map((e) => e.id);
    expect(inNord.length).toBeGreaterThan(1);
    expect(await firstPages("events", `, orderBy: { field: STARTS_AT }, filter: { departmentCodes: ["59"] }`, 1, 3)).toEqual(inNord.slice(0, 3));
    const { nodes } = await readAll<{ id: string }>("events", `, orderBy: { field: STARTS_AT }, filter: { departmentCodes: ["59"] }`, "id", 100);
    expect(nodes.map((n) => n.id)).toEqual(inNord);
  });

  it("filters nested lists too, and checks their filter", async () => {
    const { data } = await server.post(`{
      commune(inseeCode: "59512") { qpvs { code } }
      melWithQpv: communes(first: 1, filter: { hasQpv: true, epciSirens: ["200093201"] }) { totalCount }
      departments(first: 5, filter: { regionCodes: ["32"] }, orderBy: { field: CODE }) { edges { node { code
        qpvs(first: 100, filter: { communeInseeCodes: ["59512"] }) { totalCount edges { node { code } } }
        communes(first: 5, filter: { hasQpv: true, epciSirens: ["200093201"] }) { totalCount } } } }
    }`);
    const byCode = Object.fromEntries(data.departments.edges.map((e: Edge<any>) => [e.node.code, e.node]));
    expect(byCode["02"].qpvs.totalCount).toBe(0);
    expect(byCode["02"].communes.totalCount).toBe(0);
    expect(byCode["59"].qpvs.edges.map((e: Edge<any>) => e.node.code).sort()).toEqual(data.commune.qpvs.map((q: any) => q.code).sort());
    expect(byCode["59"].communes.totalCount).toBe(data.melWithQpv.totalCount);
    expect(data.melWithQpv.totalCount).toBeGreaterThan(3);
    const bad = await server.post(`{ departments(first: 1) { edges { node { qpvs(first: 5, filter: { communeInseeCodes: ["99999"] }) { totalCount } } } } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNKNOWN_REFERENCE" });
  });

  it("counts the members of a network exactly, all federated", async () => {
    const { data } = await server.post(`{ associations(first: 100, filter: { groupings: [FEDERATION, UNION] }) {
      edges { node { id networkMembers(first: 100) { edges { node { leftOn member { id __typename ... on Association { federated } } } } } } } } }`);
    const networks = data.associations.edges.map((e: Edge<any>) => e.node).filter((n: any) => n.networkMembers.edges.length);
    expect(networks.length).toBeGreaterThan(0);
    for (const network of networks) {
      const current = network.networkMembers.edges.map((e: Edge<any>) => e.node).filter((m: any) => m.leftOn === null && m.member.__typename === "Association");
      for (const m of current) expect(m.member.federated).toBe(true);
      const filtered = await readAll<{ id: string }>("associations", `, filter: { networkIds: ["${network.id}"], federated: true }`, "id");
      expect(filtered.nodes.map((n) => n.id).sort()).toEqual(current.map((m: any) => m.member.id).sort());
    }
  });
});

describe("activity filters", () => {
  it("keeps exactly the projects running in a period", async () => {
    const all = (await readAll<{ id: string; startDate: string | null; endDate: string | null }>("projects", "", "id startDate endDate")).nodes;
    const from = "2025-01-01";
    const to = "2025-12-31";
    const { nodes } = await readAll<{ id: string }>("projects", `, filter: { activeFrom: "${from}", activeTo: "${to}" }`, "id");
    const expected = all.filter((p) => (p.endDate === null || p.endDate >= from) && (p.startDate === null || p.startDate <= to));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(nodes.map((n) => n.id).sort()).toEqual(expected.map((p) => p.id).sort());
  });

  it("keeps exactly the events starting in a window, whatever offset the client writes", async () => {
    const all = (await readAll<{ id: string; startsAt: string }>("events", "", "id startsAt")).nodes;
    const after = "2025-03-01T00:00:00+01:00";
    const before = "2025-06-30T22:00:00Z";
    const { nodes } = await readAll<{ id: string }>("events", `, filter: { startsAfter: "${after}", startsBefore: "${before}" }`, "id");
    const expected = all.filter((e) => Date.parse(e.startsAt) >= Date.parse(after) && Date.parse(e.startsAt) < Date.parse(before));
    expect(expected.length).toBeGreaterThan(0);
    expect(nodes.map((n) => n.id).sort()).toEqual(expected.map((e) => e.id).sort());
  });

  it("finds partners active in a QPV through their coverage", async () => {
    const { data } = await server.post(`{ partners(first: 100, filter: { qpvCodes: ["QN05981M"] }) { totalCount edges { node { name
      coverage { commune { inseeCode } epci { siren } department { code } region { code } } } } } }`);
    expect(data.partners.totalCount).toBeGreaterThan(0);
    for (const { node } of data.partners.edges) {
      const covers = node.coverage.some((c: any) => c.commune?.inseeCode === "59512" || c.epci?.siren === "200093201"
        || c.department?.code === "59" || c.region?.code === "32");
      expect(covers).toBe(true);
    }
  });

  it("lists the fundings a dashboard sums: same count, same euros", async () => {
    const filter = `{ project: { departmentCodes: ["59"] }, yearFrom: 2025, yearTo: 2025 }`;
    const { nodes, totalCount } = await readAll<{ amountEur: number; year: number; scheme: string; project: { qpvs: { code: string }[] } }>(
      "fundings", `, filter: ${filter}`, "amountEur year scheme project { qpvs { code } }");
    const { data } = await server.post(`{ dashboard(scope: { departmentCodes: ["59"] }, period: { from: "2025-01-01", to: "2025-12-31" }) {
      funding { count amountEur byScheme { scheme count amountEur } } } }`);
    expect(totalCount).toBeGreaterThan(0);
    expect(totalCount).toBe(data.dashboard.funding.count);
    const cents = (values: number[]) => values.reduce((sum, v) => sum + Math.round(v * 100), 0);
    expect(cents(nodes.map((f) => f.amountEur))).toBe(Math.round(data.dashboard.funding.amountEur * 100));
    for (const { scheme, count } of data.dashboard.funding.byScheme) expect(nodes.filter((f) => f.scheme === scheme)).toHaveLength(count);
    for (const f of nodes) expect(f.year).toBe(2025);
  });

  it("filters charter signatures and contrats de ville by territory and time", async () => {
    const { data } = await server.post(`{
      all: charterSignatures(first: 100) { totalCount }
      nord: charterSignatures(first: 100, filter: { departmentCodes: ["59"], signedFrom: "2023-01-01" }) {
        totalCount edges { node { signedOn commune { department { code } } } } }
      contrats: contratsDeVille(first: 10, filter: { departmentCodes: ["59"], year: 2026 }) { edges { node { name startYear endYear department { code } } } }
      none: contratsDeVille(first: 10, filter: { year: 2010 }) { totalCount }
    }`);
    expect(data.nord.totalCount).toBeGreaterThan(0);
    expect(data.nord.totalCount).toBeLessThan(data.all.totalCount);
    for (const { node } of data.nord.edges) {
      expect(node.commune.department.code).toBe("59");
      expect(node.signedOn >= "2023-01-01").toBe(true);
    }
    expect(data.contrats.edges.length).toBeGreaterThan(0);
    for (const { node } of data.contrats.edges) expect(node.startYear <= 2026 && node.endYear >= 2026).toBe(true);
    expect(data.none.totalCount).toBe(0);
  });
});
