import { startTestServer, TestServer } from "./support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("n-plus-one");
});

afterAll(async () => {
  await server?.stop();
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
    // One statement per level and relation: associations, count, commune, département, projects,
    // participants, organisations, events, QPVs, QPV associations.
    expect(statements).toBeLessThanOrEqual(10);
  });
});
