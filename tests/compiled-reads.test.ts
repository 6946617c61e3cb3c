import { GraphQLResponse, startTestServer, TestServer } from "./support/test-server";
import { send } from "./support/http-graphql";
import { toParisIso } from "../schema/scalars";
import { parisIso } from "../server/queries/compiled/read-shape";
import { testIssuer } from "./support/tokens";

/**
 * The compiled read path (server/queries/compiled): a query whose fields are columns, ids, type names and
 * relations the engine lists is answered by one statement building its JSON. Every answer here is
 * compared, byte for byte once serialized, with the answer of a server running graphql-js on the same
 * data (MAILLAGE_COMPILED_READS=false), for several viewers: the two paths must be indistinguishable.
 */
let compiled: TestServer;
let executed: TestServer;
const tokens: Record<string, string | undefined> = { anonymous: undefined };

beforeAll(async () => {
  const issuer = await testIssuer();
  [compiled, executed] = await Promise.all([
    startTestServer("compiled_reads", issuer.settings),
    startTestServer("compiled_reads_off", { ...issuer.settings, compiledReads: false }),
  ]);
  tokens.admin = await issuer.admin();
  tokens.officer59 = await issuer.officer(["department:59"], "officer59@test");
  tokens.officer93 = await issuer.officer(["epci:200054781", "commune:93066"], "officer93@test");
});

afterAll(async () => {
  await Promise.all([compiled?.stop(), executed?.stop()]);
});

/** Reads the path answers by one statement. */
const COMPILED: Record<string, [string, Record<string, unknown>?]> = {
  "projects with participants and their organisations": [`{ projects(first: 50) { edges { node { id title participants { role organization { id name } } } } } }`],
  "a QPV, its associations and their projects": [`query ($qpv: String!) { qpv(code: $qpv) { code name associations(first: 50) { totalCount
    edges { node { id name projects(first: 10) { totalCount edges { node { id title status } } } } } } } }`, { qpv: "QN05981M" }],
  "cursors and page info": [`{ projects(first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
    edges { cursor __typename node { __typename id } } __typename } }`],
  "aliases, fragments and repeated fields": [`query { a: projects(first: 4, orderBy: { field: TITLE, direction: DESC }) { edges { node { ...P t: title } } }
    b: projects(first: 2) { edges { node { id } } } __typename } fragment P on CooperationProject { id title startDate residentsReached status }`],
  "a QPV that does not exist": [`{ qpv(code: "QN00000X") { name } }`],
  "organisations by interface": [`{ projects(first: 20) { edges { node { participants { organization { __typename id name } project { id title } } } } } }`],
  "events with instants, enums and enum lists": [`{ events(first: 40, orderBy: { field: STARTS_AT, direction: DESC }) { edges { node {
    id title kind startsAt endsAt accessibility draft venueName qpv { code name } commune { inseeCode name } } } } }`],
  "associations with their commune and cooperation links": [`{ associations(first: 20) { edges { node { id name shortName employerSize
    commune { inseeCode name } cooperationLinks(first: 10) { totalCount edges { node { weight kinds lastActivityOn partner { id name } } } } } } } }`],
  "associations with their QPV presences (rows of a table that is no concept)": [`{ associations(first: 100) { edges { node { id name
    themes { code label } qpvs { presence qpv { code name } } all: qpvs(includePossiblyBased: true) { __typename presence qpv { code } } } } } }`],
  "lists filtered by a territory (a route chosen as the statement runs)": [`query ($d: [String!]) {
    associations(first: 20, filter: { departmentCodes: $d }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } }
    events(first: 10, filter: { departmentCodes: $d }, orderBy: { field: STARTS_AT, direction: DESC }) { totalCount edges { node { id title } } }
    projects(first: 10, filter: { departmentCodes: $d }) { totalCount edges { node { id title } } } }`, { d: ["59"] }],
  "numbers read through a transformer, fragments on the node's own type": [`{ qpv(code: "QN05981M") { name
    associations(first: 10, filter: { federated: false }) { totalCount edges { node { name ... on Association { rna staffEtp } } } } }
    fundings(first: 20) { edges { node { amountEur year scheme } } } }`],
  "relations of an interface": [`{ projects(first: 30) { edges { node { participants { organization { __typename id name
    commune { name department { name } } events(first: 2) { totalCount edges { node { title } } } themes { code } } } } } } }`],
  "a nested list with totals only": [`{ qpvs(first: 30) { edges { node { code associations(first: 1) { totalCount } projects(first: 1) { totalCount } } } } }`],
};

/** Reads graphql-js answers (a computed field, an error): the compiled path yields to it. */
const EXECUTED: Record<string, [string, Record<string, unknown>?]> = {
  "a computed field": [`{ associations(first: 5) { edges { node { id federated } } } }`],
  "a bad cursor": [`{ projects(first: 5, after: "bm9wZQ") { edges { node { id } } } }`],
  "a page too large": [`{ projects(first: 100000) { edges { node { id } } } }`],
  "a directive": [`query ($s: Boolean!) { projects(first: 5) { edges { node { id title @skip(if: $s) } } } }`, { s: true }],
};

describe("compiled reads", () => {
  it.each(Object.entries(COMPILED))("answers %s in one statement, as graphql-js does", async (_name, [query, variables]) => {
    for (const [viewer, token] of Object.entries(tokens)) {
      const [fast, slow] = await Promise.all([compiled.post(query, variables, token), executed.post(query, variables, token)]);
      expect({ viewer, errors: fast.errors }).toEqual({ viewer, errors: undefined });
      expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
      expect(fast.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
      expect(slow.extensions!.diagnostics).toMatchObject({ compiled: false });
    }
  });

  it("reads an association by id, and nothing for a partner's key under an association's id", async () => {
    const list = await executed.post(`{ associations(first: 3) { edges { node { id } } } partners(first: 1) { edges { node { id } } } }`);
    const partnerKey = Buffer.from(list.data.partners.edges[0].node.id, "base64url").toString().split(":")[1];
    const forged = Buffer.from(`Association:${partnerKey}`).toString("base64url");
    const query = `query ($id: ID!) { association(id: $id) { id name commune { name } events(first: 5) { totalCount edges { node { title startsAt qpv { code } } } } } }`;
    for (const id of [list.data.associations.edges[2].node.id, forged]) {
      const [fast, slow] = await Promise.all([compiled.post(query, { id }), executed.post(query, { id })]);
      expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
      expect(fast.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
    }
  });

  it("answers an officer's list of a QPV's associations on a theme in one statement", async () => {
    const themes = await executed.post(`{ qpv(code: "QN05981M") { associations(first: 50) { edges { node { themes { code } } } } } }`);
    const theme = themes.data.qpv.associations.edges.flatMap((e: { node: { themes: { code: string }[] } }) => e.node.themes)[0].code;
    const query = `query ($qpv: String!, $theme: String!) { qpv(code: $qpv) { code name
      associations(first: 50, filter: { themeCodes: [$theme] }) { totalCount edges { node { id name rna employerSize themes { code label } } } } } }`;
    const [fast, slow] = await Promise.all([compiled.post(query, { qpv: "QN05981M", theme }), executed.post(query, { qpv: "QN05981M", theme })]);
    expect(fast.data.qpv.associations.totalCount).toBeGreaterThan(0);
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
    expect(fast.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
  });

  it("keeps one prepared statement for 5 and for 50 parents, and the cache policy of graphql-js's path", async () => {
    const query = `query ($n: Int!) { projects(first: $n) { edges { node { title participants { role organization { name } } } } } }`;
    for (const n of [5, 50]) {
      const [fast, slow] = await Promise.all([send(compiled.url, { query, variables: { n } }), send(executed.url, { query, variables: { n } })]);
      expect(fast.body.data.projects.edges).toHaveLength(n);
      expect(JSON.stringify(fast.body.data)).toBe(JSON.stringify(slow.body.data));
      expect(fast.body.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, preparedStatements: 1, compiled: true });
      expect(fast.headers.get("cache-control")).toBe("max-age=60, public");
      expect(fast.headers.get("cache-control")).toBe(slow.headers.get("cache-control"));
    }
    const regions = await send(compiled.url, { query: `{ regions(first: 2) { edges { node { name } } } }` });
    expect(regions.body.extensions!.diagnostics).toMatchObject({ compiled: true });
    expect(regions.headers.get("cache-control")).toBe("max-age=86400, public");
  });

  it("pages to the end of a list and past it as graphql-js does", async () => {
    const query = `query ($after: String) { projects(first: 7, after: $after) { totalCount pageInfo { hasNextPage startCursor endCursor } edges { cursor node { id } } } }`;
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const [fast, slow]: GraphQLResponse[] = await Promise.all([compiled.post(query, { after }), executed.post(query, { after })]);
      expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
      expect(fast.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
      pages += 1;
      const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] } = fast.data.projects;
      if (!page.pageInfo.hasNextPage) {
        // Past the last item: an empty page, no cursors.
        if (page.edges.length === 0) break;
        after = page.pageInfo.endCursor;
        continue;
      }
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(2);
  });

  it("leaves to graphql-js a value it would report as an error (an enum value the schema lacks), with the same answer", async () => {
    // Only a database changed behind the API's back holds such a value: both servers' copies are changed, then restored.
    const servers = [compiled, executed];
    const [{ id, status }] = await compiled.app.dataSource.query("SELECT id, status FROM project WHERE NOT draft AND archived_at IS NULL ORDER BY title_sort, id LIMIT 1");
    const constraint = "project_status_check";
    for (const server of servers) {
      await server.app.dataSource.query(`ALTER TABLE project DROP CONSTRAINT ${constraint}`);
      await server.app.dataSource.query("UPDATE project SET status = 'UNHEARD_OF' WHERE id = $1", [id]);
    }
    try {
      const query = `{ projects(first: 3) { edges { node { title status } } } }`;
      const [fast, slow] = await Promise.all([compiled.post(query), executed.post(query)]);
      // An error of the server's (its message kept out of the answer), the project's status null and with it the project.
      expect(slow.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(JSON.stringify({ data: fast.data, errors: fast.errors })).toBe(JSON.stringify({ data: slow.data, errors: slow.errors }));
      // The compiled statement ran, found the mark, and graphql-js answered.
      expect(fast.extensions!.diagnostics).toMatchObject({ compiled: false, sqlStatements: slow.extensions!.diagnostics!.sqlStatements + 1 });
    } finally {
      for (const server of servers) {
        await server.app.dataSource.query("UPDATE project SET status = $2 WHERE id = $1", [id, status]);
        await server.app.dataSource.query(`ALTER TABLE project ADD CONSTRAINT ${constraint} CHECK (status IN ('PROPOSED', 'ACTIVE', 'COMPLETED', 'ABANDONED'))`);
      }
    }
  });

  it("prints instants in SQL exactly as the DateTime scalar does (Paris time, its offset, around changes and before 1911)", async () => {
    const instants = [
      "2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00Z", "2026-10-25T00:59:59Z", "2026-10-25T01:00:00.5Z", "2026-12-08T04:00:00.123456Z",
      "1911-03-10T23:50:00Z", "1911-03-11T00:01:00Z", "1900-06-01T12:00:00Z", "1940-06-14T22:00:00Z", "1945-04-02T01:30:00Z",
      "0001-01-01T12:00:00Z", "2099-07-14T10:00:00Z", "1969-12-31T23:59:59.999Z",
    ];
    for (const server of [compiled, executed]) {
      const rows: { i: string; shown: string }[] = await server.app.dataSource.query(
        `SELECT i::text, ${parisIso("i")} #>> '{}' AS shown FROM unnest($1::timestamptz[]) AS t(i)`, [instants],
      );
      expect(rows.map((r) => r.shown)).toEqual(instants.map((i) => toParisIso(new Date(i))));
    }
  });

  it.each(Object.entries(EXECUTED))("leaves %s to graphql-js", async (_name, [query, variables]) => {
    const [fast, slow] = await Promise.all([compiled.post(query, variables), executed.post(query, variables)]);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    expect(fast.extensions!.diagnostics).toMatchObject({ compiled: false });
  });
});
