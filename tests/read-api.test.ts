import { startTestServer, TestServer } from "./support/test-server";
import { readAllPages } from "./support/read-pages";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("read-api");
});

afterAll(async () => {
  await server?.stop();
});

type Edge<T> = { cursor: string; node: T };


describe("associations", () => {
  it("pages through every association without gap or overlap, in both directions", async () => {
    const byName = (direction: string) => readAllPages<{ id: string; name: string }>(server, "associations", "id name", {
      args: ", orderBy: { field: NAME, direction: $direction }", variableDefinitions: ", $direction: OrderDirection!", variables: { direction }, first: 37,
    });
    const asc = await byName("ASC");
    expect(asc.totalCount).toBeGreaterThanOrEqual(200);
    expect(asc.nodes).toHaveLength(asc.totalCount);
    expect(new Set(asc.nodes.map((n) => n.id)).size).toBe(asc.totalCount);
    const desc = await byName("DESC");
    expect(desc.nodes.map((n) => n.id)).toEqual([...asc.nodes].reverse().map((n) => n.id));
  });

  it("looks an association up by id, RNA and SIRET, and they agree", async () => {
    const { data } = await server.post(`{ associations(first: 50) { edges { node { id rna siret } } } }`);
    const withSiret = data.associations.edges.map((e: Edge<any>) => e.node).find((n: any) => n.rna && n.siret);
    expect(withSiret).toBeDefined();
    const lookup = await server.post(`query ($id: ID, $rna: String, $siret: String) {
      byId: association(id: $id) { id } byRna: association(rna: $rna) { id } bySiret: association(siret: $siret) { id siren siret }
    }`, { id: withSiret.id, rna: withSiret.rna, siret: withSiret.siret });
    expect(lookup.data.byId.id).toBe(withSiret.id);
    expect(lookup.data.byRna.id).toBe(withSiret.id);
    expect(lookup.data.bySiret.id).toBe(withSiret.id);
    expect(lookup.data.bySiret.siret.startsWith(lookup.data.bySiret.siren)).toBe(true);
  });

  it("splits associations into federated and non-federated, and by employer size, consistently with the total", async () => {
    const { data } = await server.post(`{
      all: associations(first: 1) { totalCount }
      federated: associations(first: 1, filter: { federated: true }) { totalCount }
      nonFederated: associations(first: 1, filter: { federated: false }) { totalCount }
      none: associations(first: 1, filter: { employerSizes: [NONE] }) { totalCount }
      small: associations(first: 1, filter: { employerSizes: [SMALL_EMPLOYER] }) { totalCount edges { node { ... on Association { staffEtp employerSize } } } }
      employer: associations(first: 1, filter: { employerSizes: [EMPLOYER] }) { totalCount }
    }`);
    expect(data.federated.totalCount + data.nonFederated.totalCount).toBe(data.all.totalCount);
    expect(data.federated.totalCount).toBeGreaterThan(0);
    expect(data.nonFederated.totalCount).toBeGreaterThan(0);
    expect(data.none.totalCount + data.small.totalCount + data.employer.totalCount).toBe(data.all.totalCount);
    const small = data.small.edges[0].node;
    expect(small.employerSize).toBe("SMALL_EMPLOYER");
    expect(small.staffEtp).toBeGreaterThan(0);
    expect(small.staffEtp).toBeLessThanOrEqual(2);
  });

  it("filters by QPV, theme and département, each result matching", async () => {
    const seed = await server.post(`{ associations(first: 20, filter: { departmentCodes: ["59"] }) {
      totalCount edges { node { qpvs { qpv { code } } themes { code } commune { department { code } } } } } }`);
    const nodes = seed.data.associations.edges.map((e: Edge<any>) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect(n.commune.department.code).toBe("59");
    const sample = nodes.find((n: any) => n.qpvs.length && n.themes.length);
    const qpvCode = sample.qpvs[0].qpv.code;
    const themeCode = sample.themes[0].code;
    const { data } = await server.post(`query ($qpv: String!, $theme: String!) {
      associations(first: 100, filter: { qpvCodes: [$qpv], themeCodes: [$theme] }) {
        totalCount edges { node { qpvs { qpv { code } } themes { code } } } } }`, { qpv: qpvCode, theme: themeCode });
    expect(data.associations.totalCount).toBeGreaterThan(0);
    for (const { node } of data.associations.edges) {
      expect(node.qpvs.map((p: any) => p.qpv.code)).toContain(qpvCode);
      expect(node.themes.map((t: any) => t.code)).toContain(themeCode);
    }
  });

  it("lists the members of a network head, who count as federated", async () => {
    const { data } = await server.post(`{ associations(first: 100, filter: { groupings: [FEDERATION, UNION] }) {
      edges { node { id name networkMembers(first: 5) { totalCount edges { node { member { id ... on Association { federated } } } } } } } } }`);
    const network = data.associations.edges.map((e: Edge<any>) => e.node).find((n: any) => n.networkMembers.totalCount > 0);
    expect(network).toBeDefined();
    const members = await server.post(`query ($id: ID!) { associations(first: 100, filter: { networkIds: [$id] }) { totalCount } }`, { id: network.id });
    expect(members.data.associations.totalCount).toBeGreaterThan(0);
    expect(members.data.associations.totalCount).toBeLessThanOrEqual(network.networkMembers.totalCount);
  });
});

describe("relations, both ways", () => {
  it("goes project -> participant -> organisation -> projects and back", async () => {
    const { data } = await server.post(`{ projects(first: 10, filter: { statuses: [ACTIVE, COMPLETED] }) { edges { node {
      id title status participants { role organization { id projects(first: 100) { edges { node { id } } } } }
      fundings { amountEur year scheme funder { id } } qpvs { code communes { inseeCode } } stakes { number } } } } }`);
    const projects = data.projects.edges.map((e: Edge<any>) => e.node);
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(["ACTIVE", "COMPLETED"]).toContain(project.status);
      expect(project.participants.filter((p: any) => p.role === "LEAD")).toHaveLength(1);
      for (const participant of project.participants) {
        expect(participant.organization.projects.edges.map((e: Edge<any>) => e.node.id)).toContain(project.id);
      }
      for (const funding of project.fundings) expect(funding.amountEur).toBeGreaterThanOrEqual(0);
      expect(project.qpvs.length).toBeGreaterThan(0);
    }
  });

  it("goes event -> organisers -> their events, and event -> QPV -> its events", async () => {
    const { data } = await server.post(`{ events(first: 10, filter: { startsAfter: "2024-01-01T00:00:00Z" }) { edges { node {
      id startsAt endsAt attendance { residents total } commune { inseeCode }
      organizers { id events(first: 100) { edges { node { id } } } }
      qpv { code events(first: 100) { edges { node { id } } } } } } } }`);
    const events = data.events.edges.map((e: Edge<any>) => e.node);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
      expect(Date.parse(event.endsAt)).toBeGreaterThanOrEqual(Date.parse(event.startsAt));
      expect(event.organizers.length).toBeGreaterThan(0);
      for (const organizer of event.organizers) expect(organizer.events.edges.map((e: Edge<any>) => e.node.id)).toContain(event.id);
      if (event.qpv) expect(event.qpv.events.edges.map((e: Edge<any>) => e.node.id)).toContain(event.id);
      if (event.attendance.total !== null) expect(event.attendance.total).toBeGreaterThanOrEqual(event.attendance.residents ?? 0);
    }
  });

  it("goes association -> QPV -> associations of that QPV, and commune -> associations", async () => {
    const { data } = await server.post(`{ associations(first: 30) { edges { node { id commune { inseeCode }
      qpvs { presence qpv { code associations(first: 100) { edges { node { id } } } } } } } } }`);
    const withQpv = data.associations.edges.map((e: Edge<any>) => e.node).filter((n: any) => n.qpvs.length);
    expect(withQpv.length).toBeGreaterThan(0);
    for (const association of withQpv) {
      for (const { qpv } of association.qpvs) expect(qpv.associations.edges.map((e: Edge<any>) => e.node.id)).toContain(association.id);
    }
    const sample = withQpv[0];
    const commune = await server.post(`query ($code: String!) { commune(inseeCode: $code) { associations(first: 100) { edges { node { id } } } } }`,
      { code: sample.commune.inseeCode });
    expect(commune.data.commune.associations.edges.map((e: Edge<any>) => e.node.id)).toContain(sample.id);
  });

  it("resolves any node by global id, and several at once in order", async () => {
    const { data } = await server.post(`{
      associations(first: 1) { edges { node { id __typename } } }
      partners(first: 1) { edges { node { id __typename partnerType coverage { region { code } department { code } epci { siren } commune { inseeCode } } } } }
      projects(first: 1) { edges { node { id __typename } } }
      events(first: 1) { edges { node { id __typename } } }
      goodPractices(first: 1) { edges { node { id __typename } } }
      qpv(code: "QN05981M") { id __typename }
      commune(inseeCode: "59512") { id __typename }
      stakes { id __typename }
    }`);
    const expected = [
      data.associations.edges[0].node, data.partners.edges[0].node, data.projects.edges[0].node, data.events.edges[0].node,
      data.goodPractices.edges[0].node, data.qpv, data.commune, data.stakes[0],
    ];
    const coverage = data.partners.edges[0].node.coverage;
    for (const c of coverage) expect([c.region, c.department, c.epci, c.commune].filter(Boolean)).toHaveLength(1);
    const nodes = await server.post(`query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`, { ids: expected.map((n) => n.id) });
    expect(nodes.data.nodes).toEqual(expected.map(({ id, __typename }) => ({ id, __typename })));
    for (const node of expected) {
      const single = await server.post(`query ($id: ID!) { node(id: $id) { id __typename } }`, { id: node.id });
      expect(single.data.node).toEqual({ id: node.id, __typename: node.__typename });
    }
  });

  it("answers null for an id that does not exist, and refuses a partner's id where an association is expected", async () => {
    const { data } = await server.post(`{ partners(first: 1) { edges { node { id } } } }`);
    const partnerId = data.partners.edges[0].node.id;
    const missing = Buffer.from("Association:999999").toString("base64url");
    const result = await server.post(`query ($p: ID!, $m: ID!) { association(id: $m) { id } node(id: $m) { id } nodes(ids: [$m, $p]) { id } }`,
      { p: partnerId, m: missing });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ association: null, node: null, nodes: [null, { id: partnerId }] });
    const wrongKind = await server.post(`query ($p: ID!) { association(id: $p) { id } }`, { p: partnerId });
    expect(wrongKind.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_ID", argument: "id" });
  });

  it("tells associations, partners based in a commune, and partners covering it apart", async () => {
    const { data } = await server.post(`{ commune(inseeCode: "59512") {
      inseeCode epci { siren } department { code region { code } }
      associations(first: 100) { totalCount edges { node { __typename } } }
      partners(first: 100) { totalCount edges { node { __typename } } }
      coveringPartners(first: 100) { totalCount edges { node { name coverage {
        commune { inseeCode } epci { siren } department { code } region { code } } } } }
    } }`);
    const roubaix = data.commune;
    expect(roubaix.associations.totalCount).toBeGreaterThan(0);
    expect(new Set(roubaix.associations.edges.map((e: Edge<any>) => e.node.__typename))).toEqual(new Set(["Association"]));
    for (const { node } of roubaix.partners.edges) expect(node.__typename).toBe("Partner");
    expect(roubaix.coveringPartners.totalCount).toBeGreaterThan(0);
    for (const { node } of roubaix.coveringPartners.edges) {
      const covers = node.coverage.some((c: any) => c.commune?.inseeCode === "59512" || c.epci?.siren === roubaix.epci.siren
        || c.department?.code === roubaix.department.code || c.region?.code === roubaix.department.region.code);
      expect(covers).toBe(true);
    }
  });

  it("navigates from themes, stakes and contrats de ville back to what they tag", async () => {
    const { data } = await server.post(`{ themes { code associations(first: 1) { totalCount } projects(first: 1) { totalCount } } }`);
    const theme = data.themes.find((t: any) => t.associations.totalCount > 0 && t.projects.totalCount > 0);
    expect(theme).toBeDefined();
    const lists = await server.post(`query ($code: String!) {
      associations(first: 1, filter: { themeCodes: [$code] }) { totalCount } projects(first: 1, filter: { themeCodes: [$code] }) { totalCount } }`,
      { code: theme.code });
    expect(lists.data.associations.totalCount).toBe(theme.associations.totalCount);
    expect(lists.data.projects.totalCount).toBe(theme.projects.totalCount);

    const contrats = await server.post(`{ contratsDeVille(first: 10) { totalCount edges { node { id name startYear endYear qpvs { code }
      signatories { id contratsDeVille { id } } department { code contratsDeVille { id } } } } } }`);
    expect(contrats.data.contratsDeVille.totalCount).toBeGreaterThan(0);
    for (const { node } of contrats.data.contratsDeVille.edges) {
      expect(node.endYear).toBeGreaterThanOrEqual(node.startYear);
      expect(node.department.contratsDeVille.map((c: any) => c.id)).toContain(node.id);
      for (const signatory of node.signatories) expect(signatory.contratsDeVille.map((c: any) => c.id)).toContain(node.id);
    }
  });

  it("shows the 4 stakes with the advocacy paper's wording, and projects tagged with them", async () => {
    const { data } = await server.post(`{ stakes { number title proposals { number } projects(first: 1) { totalCount } } }`);
    expect(data.stakes.map((s: any) => s.number)).toEqual([1, 2, 3, 4]);
    expect(data.stakes[2].title).toBe("Foster residents' participation.");
    expect(data.stakes.reduce((sum: number, s: any) => sum + s.projects.totalCount, 0)).toBeGreaterThan(0);
  });
});
