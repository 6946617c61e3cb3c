import { startTestServer, TestServer } from "./support/test-server";
import { send, WireResponse } from "./support/http-graphql";
import { observeStatements } from "../server/database/sql-session";

/**
 * The read engine (issue 17): statements sent as named prepared statements, the statement count per
 * level kept, and each operation's cache policy planned from the policy table rather than collected
 * field by field; asserted over HTTP, on both engines. This is graphql-js's path, the one of every
 * operation the compiled read path does not answer (server/queries/compiled): the server runs with it
 * off, so that these reads take that path (tests/compiled-reads.test.ts compares the two).
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("read_engine", { compiledReads: false });
});

afterAll(async () => {
  await server?.stop();
});

const READS: Record<string, string> = {
  "projects with participants and their organisations": `{ projects(first: 50) { edges { node { id title participants { role organization { id name } } } } } }`,
  "associations with themes and QPV presences": `{ associations(first: 100) { edges { node { id name themes { code label } qpvs { presence qpv { code name } } } } } }`,
  "a QPV, its associations and their projects": `{ qpv(code: "QN05981M") { name associations(first: 20) { totalCount edges { node { name projects(first: 5) { edges { node { title } } } } } } } }`,
  "search": `{ search(text: "jardin", first: 5) { totalCount edges { node { __typename ... on Association { name } } } } }`,
};

const cacheControl = (response: WireResponse) => response.headers.get("cache-control");

describe("read engine", () => {
  it.each(Object.entries(READS))("sends every statement of a read as a named prepared statement: %s", async (_name, query) => {
    for (let round = 0; round < 2; round += 1) {
      const answer = await server.post(query);
      expect(answer.errors).toBeUndefined();
      const diagnostics = answer.extensions!.diagnostics!;
      expect(diagnostics.sqlStatements).toBeGreaterThan(0);
      expect(diagnostics.preparedStatements).toBe(diagnostics.sqlStatements);
    }
  });

  it("answers the same page whatever its size, through one prepared statement text (LIMIT is a parameter)", async () => {
    const pages = await Promise.all([3, 7].map((first) => server.post(`{ projects(first: ${first}) { edges { node { id } } } }`)));
    expect(pages[0].data.projects.edges).toHaveLength(3);
    expect(pages[1].data.projects.edges).toHaveLength(7);
    expect(pages[1].data.projects.edges.slice(0, 3)).toEqual(pages[0].data.projects.edges);
  });

  it("keeps one statement per level for 5 and for 50 parents", async () => {
    // The projects, then their participants with each participant's organisation read in the same statement.
    const query = `query ($n: Int!) { projects(first: $n) { edges { node { title participants { role organization { name } } } } } }`;
    const small = await server.post(query, { n: 5 });
    const large = await server.post(query, { n: 50 });
    expect(small.extensions!.diagnostics!.sqlStatements).toBe(2);
    expect(large.extensions!.diagnostics!.sqlStatements).toBe(2);
  });

  describe("reads the to-one relations an operation selects with the rows they hang from", () => {
    const MOBILE_DETAIL = `query ($id: ID!) { association(id: $id) {
      id name commune { inseeCode name }
      cooperationLinks(first: 10) { totalCount edges { node { weight partner { id name commune { name } } } } }
      events(first: 5) { totalCount edges { node { id title qpv { code name } commune { inseeCode } } } }
    } }`;

    it("answers an association, its links with their partners and its events with their QPVs in three statements", async () => {
      const top = await server.post(`{ associations(first: 100) { edges { node { id cooperationLinks(first: 1) { totalCount } events(first: 1) { totalCount } } } } }`);
      const chosen = top.data.associations.edges.map((e: { node: { id: string; cooperationLinks: { totalCount: number }; events: { totalCount: number } } }) => e.node)
        .find((n: { cooperationLinks: { totalCount: number }; events: { totalCount: number } }) => n.cooperationLinks.totalCount > 1 && n.events.totalCount > 0);
      expect(chosen).toBeDefined();
      const answer = await server.post(MOBILE_DETAIL, { id: chosen.id });
      expect(answer.errors).toBeUndefined();
      // The association with its commune; the links with their partners and the partners' communes (a lookup of a
      // lookup); the events with their QPVs and communes.
      expect(answer.extensions!.diagnostics!.sqlStatements).toBe(3);
      const detail = answer.data.association;
      expect(detail.commune).not.toBeNull();
      expect(detail.cooperationLinks.edges.length).toBeGreaterThan(1);

      // What was read with the rows is what a lookup of each record on its own answers.
      const partnerIds = detail.cooperationLinks.edges.map((e: { node: { partner: { id: string } } }) => e.node.partner.id);
      const alone = await server.post(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Organization { id name commune { name } } } }`, { ids: partnerIds });
      expect(alone.errors).toBeUndefined();
      expect(detail.cooperationLinks.edges.map((e: { node: { partner: unknown } }) => e.node.partner)).toEqual(alone.data.nodes);
      const communes = await server.post(`query ($code: String!) { commune(inseeCode: $code) { inseeCode name } }`, { code: detail.commune.inseeCode });
      expect(detail.commune).toEqual(communes.data.commune);
      for (const { node } of detail.events.edges) {
        if (!node.qpv) continue;
        const qpv = await server.post(`query ($code: String!) { qpv(code: $code) { code name } }`, { code: node.qpv.code });
        expect(node.qpv).toEqual(qpv.data.qpv);
      }
    });

    it("reads the QPVs of associations' QPV presences with the presences (a statement of its own, not a concept's list)", async () => {
      const answer = await server.post(`{ associations(first: 100) { edges { node { id themes { code } qpvs { presence qpv { code name } } } } } }`);
      expect(answer.errors).toBeUndefined();
      // The associations, their themes, their presences with the QPVs.
      expect(answer.extensions!.diagnostics!.sqlStatements).toBe(3);
      const presences = answer.data.associations.edges.flatMap((e: { node: { qpvs: { qpv: { code: string; name: string } }[] } }) => e.node.qpvs);
      expect(presences.length).toBeGreaterThan(0);
      const [first] = presences;
      const alone = await server.post(`query ($code: String!) { qpv(code: $code) { code name } }`, { code: first.qpv.code });
      expect(first.qpv).toEqual(alone.data.qpv);
    });
  });

  describe("reads only the columns an operation selects", () => {
    /** The statements a request sends (observed in the server's process, as the bench's EXPLAIN does). */
    const statementsOf = async (query: string, variables?: Record<string, unknown>) => {
      const texts: string[] = [];
      const stop = observeStatements((text) => void texts.push(text));
      try {
        const answer = await server.post(query, variables);
        expect(answer.errors).toBeUndefined();
        return { answer, texts };
      } finally {
        stop();
      }
    };
    const reading = (texts: string[], table: string) => texts.filter((t) => t.includes(`FROM ${table} `));
    const column = (name: string) => new RegExp(`\\.${name}\\b`);

    it("leaves out the columns of the plain fields it does not select, keys and foreign keys kept", async () => {
      const narrow = await statementsOf(`{ associations(first: 5) { edges { node { id name } } } }`);
      const [page] = reading(narrow.texts, "organization");
      expect(page).toMatch(column("name"));
      expect(page).toMatch(column("id"));
      expect(page).toMatch(column("commune_insee_code"));
      for (const left of ["purpose", "website", "short_name", "siret"]) expect(page).not.toMatch(column(left));

      const wide = await statementsOf(`{ associations(first: 5) { edges { node { id name purpose website } } } }`);
      const [widePage] = reading(wide.texts, "organization");
      for (const read of ["name", "purpose", "website"]) expect(widePage).toMatch(column(read));
      expect(widePage).not.toMatch(column("siret"));
      expect(wide.answer.data.associations.edges.map((e: { node: { id: string; name: string } }) => ({ id: e.node.id, name: e.node.name })))
        .toEqual(narrow.answer.data.associations.edges.map((e: { node: unknown }) => e.node));
    });

    it("reads a record the same way on every path of an operation, so what one path caches serves the others", async () => {
      const links = `cooperationLinks(first: 5) { edges { node { partner { id name } } } }`;
      const top = await server.post(`{ associations(first: 50) { edges { node { id ${links} } } } }`);
      const holder = top.data.associations.edges.map((e: { node: { id: string; cooperationLinks: { edges: unknown[] } } }) => e.node)
        .find((n: { cooperationLinks: { edges: unknown[] } }) => n.cooperationLinks.edges.length > 0);
      expect(holder).toBeDefined();
      const partnerId = holder.cooperationLinks.edges[0].node.partner.id;
      // The partner read with the links (name only on that path) and by id (website, siret on this one).
      const both = await statementsOf(`query ($holder: ID!, $partner: ID!) {
        association(id: $holder) { ${links} }
        node(id: $partner) { ... on Organization { id name website siret shortName } }
      }`, { holder: holder.id, partner: partnerId });
      const alone = await server.post(`query ($partner: ID!) { node(id: $partner) { ... on Organization { id name website siret shortName } } }`, { partner: partnerId });
      expect(alone.data.node.name).toEqual(expect.any(String));
      expect(both.answer.data.node).toEqual(alone.data.node);
      expect(both.answer.data.association.cooperationLinks.edges[0].node.partner).toEqual({ id: partnerId, name: alone.data.node.name });
      // Every statement reading organisations in that operation reads the union of what its paths select.
      for (const text of reading(both.texts, "organization")) expect(text).toMatch(column("website"));
    });
  });

  describe("plans each operation's cache policy from the policy table", () => {
    const url = () => server.url;

    it("takes the strictest hint of every field an operation may resolve, fragments on every type included", async () => {
      const [association] = (await server.post(`{ associations(first: 1) { edges { node { id } } } }`)).data.associations.edges;
      const id = association.node.id;
      // Reference data only: a day.
      expect(cacheControl(await send(url(), { query: `{ regions(first: 2) { edges { node { name } } } }` }))).toBe("max-age=86400, public");
      // Reference data and the public graph: a minute.
      expect(cacheControl(await send(url(), { query: `{ regions(first: 1) { totalCount } associations(first: 1) { totalCount } }` }))).toBe("max-age=60, public");
      // Contacts are personal data, even asked through a fragment on one type of an interface: never stored.
      const contacts = await send(url(), { query: `query ($id: ID!) { node(id: $id) { id ... on Association { contacts { fullName } } } }`, variables: { id } });
      expect(contacts.body.errors).toBeUndefined();
      expect(cacheControl(contacts)).toBe("no-store");
      // The same through a named fragment, and under a list.
      const listed = await send(url(), {
        query: `{ associations(first: 2) { edges { node { ...Contacts } } } } fragment Contacts on Organization { name contacts { fullName } }`,
      });
      expect(listed.body.errors).toBeUndefined();
      expect(cacheControl(listed)).toBe("no-store");
    });

    it("gives the same policy to an operation sent again, and to each operation of one document", async () => {
      const document = `query Regions { regions(first: 1) { totalCount } } query Viewer { viewer { role } }`;
      for (let round = 0; round < 2; round += 1) {
        expect(cacheControl(await send(url(), { query: document, operationName: "Regions" }))).toBe("max-age=86400, public");
        expect(cacheControl(await send(url(), { query: document, operationName: "Viewer" }))).toBe("no-store");
      }
    });

    it("never stores an answer with errors, whatever its plan", async () => {
      const answer = await send(url(), { query: `{ regions(first: 1) { totalCount } project(id: "bm90IGFuIGlk") { title } }` });
      expect(answer.body.errors).toBeDefined();
      expect(cacheControl(answer)).toBe("no-store");
    });
  });
});
