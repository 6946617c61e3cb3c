import { startTestServer, TestServer } from "./support/test-server";

/** graphql-js's path (the loaders), and the compiled read path where it answers (server/queries/compiled). */
let server: TestServer;
let compiled: TestServer;

beforeAll(async () => {
  [server, compiled] = await Promise.all([startTestServer("n-plus-one", { compiledReads: false }), startTestServer("n-plus-one-compiled")]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), compiled?.stop()]);
});

/** Associations -> projects -> participants -> their events -> QPV -> its associations: five levels deep. */
const NESTED = `query ($first: Int!) {
  associations(first: $first) {
    totalCount
    edges { node {
      name commune { name department { name } }
      projects(first: 5) { edges { node {
        title
        participants { role organization {
          name
          events(first: 3) { edges { node {
            title startsAt
            qpv { code name associations(first: 3) { edges { node { name } } } }
          } } }
        } }
      } } }
    } }
  }
}`;

describe("no N+1", () => {
  it("costs the same, small number of SQL statements for 5 and for 50 parents", async () => {
    const small = await server.post(NESTED, { first: 5 });
    const large = await server.post(NESTED, { first: 50 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data.associations.edges).toHaveLength(50);
    // The query really goes deep: some association of the 50 reaches a QPV through an event.
    const reachedQpv = large.data.associations.edges.some((a: any) =>
      a.node.projects.edges.some((p: any) => p.node.participants.some((pp: any) => pp.organization.events.edges.some((e: any) => e.node.qpv))));
    expect(reachedQpv).toBe(true);
    const statements = small.extensions!.diagnostics!.sqlStatements;
    expect(large.extensions!.diagnostics!.sqlStatements).toBe(statements);
    // One statement per level and list: associations with their total, communes and the communes' départements,
    // projects, participants with their organisations, events with their QPVs, QPV associations (to-one relations
    // are read with the rows they hang from, two levels deep: server/queries/read-plan.ts).
    expect(statements).toBe(5);
    // The compiled path: the same answer in one statement.
    const again = await compiled.post(NESTED, { first: 50 });
    expect(JSON.stringify(again.data)).toBe(JSON.stringify(large.data));
    expect(again.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
  });

  it("reads pages and totals together, one statement per level, the same as read apart, empty lists included", async () => {
    const query = (fields: string) => `{ qpvs(first: 60) { ${fields} edges { node { code associations(first: 2) { ${fields} } } } } }`;
    const both = await server.post(query("totalCount edges { node { id } } pageInfo { hasNextPage endCursor }"));
    const pages = await server.post(query("edges { node { id } } pageInfo { hasNextPage endCursor }"));
    const totals = await server.post(query("totalCount"));
    for (const response of [both, pages, totals]) expect(response.errors).toBeUndefined();
    // QPVs with their total, then every QPV's associations with their totals.
    expect(both.extensions!.diagnostics!.sqlStatements).toBe(2);
    expect(pages.extensions!.diagnostics!.sqlStatements).toBe(2);
    expect(totals.extensions!.diagnostics!.sqlStatements).toBe(2);
    const lists = (r: any) => r.data.qpvs.edges.map((e: any) => e.node.associations);
    expect(lists(both).map((l: any) => l.totalCount)).toEqual(lists(totals).map((l: any) => l.totalCount));
    expect(lists(both).map((l: any) => ({ edges: l.edges, pageInfo: l.pageInfo }))).toEqual(lists(pages));
    expect(both.data.qpvs.totalCount).toBe(totals.data.qpvs.totalCount);
    // The sample has QPVs without associations, and some with more than a page.
    expect(lists(both).some((l: any) => l.totalCount === 0 && l.edges.length === 0 && !l.pageInfo.hasNextPage)).toBe(true);
    expect(lists(both).some((l: any) => l.totalCount > 2 && l.edges.length === 2 && l.pageInfo.hasNextPage)).toBe(true);
    // The compiled path: the same answers, each in one statement.
    for (const [fields, answer] of [["totalCount edges { node { id } } pageInfo { hasNextPage endCursor }", both], ["totalCount", totals]] as const) {
      const again = await compiled.post(query(fields));
      expect(JSON.stringify(again.data)).toBe(JSON.stringify(answer.data));
      expect(again.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
    }
  });
});
