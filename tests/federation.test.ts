import fs from "node:fs";
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLClient } from "graphql-request";
import { parse } from "graphql";
import { buildGraphSchema } from "../server/build-schema";
import { loadConfig } from "../server/config";
import { SUBGRAPH_SDL_PATH } from "../server/federation/subgraph-schema";
import { sirenWithLuhn, siretWithLuhn } from "../server/validation/identifiers";
import { GraphQLResponse, postGraphQL, startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/**
 * Maillage as an Apollo Federation 2 subgraph (MAILLAGE_SUBGRAPH=true), composed by @apollo/gateway with a
 * small "grants" subgraph that extends Association by its RNA number, all over HTTP in this process.
 */
let maillage: TestServer;
let issuer: TestIssuer;
const stops: (() => Promise<void>)[] = [];
let gateway: GraphQLClient;

const ROUBAIX = "W595009301";
const SAINT_DENIS = "W933008740";
const UNKNOWN_RNA = "W999999999";

/** The grants service: a subgraph another team could run, knowing associations only by RNA. */
const GRANTS = [
  { id: "g1", amountEur: 12000, rna: ROUBAIX },
  { id: "g2", amountEur: 8000, rna: SAINT_DENIS },
  { id: "g3", amountEur: 3000, rna: ROUBAIX },
  { id: "g4", amountEur: 500, rna: UNKNOWN_RNA },
];

async function startGrants(): Promise<string> {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { grants: [Grant!]! }
    type Grant { id: ID! amountEur: Int! association: Association }
    type Association @key(fields: "rna") { rna: String grants: [Grant!]! }
  `);
  const resolvers = {
    Query: { grants: () => GRANTS },
    Grant: { association: (grant: { rna: string }) => ({ __typename: "Association", rna: grant.rna }) },
    Association: {
      __resolveReference: (reference: { rna: string }) => ({ rna: reference.rna }),
      grants: (association: { rna: string }) => GRANTS.filter((g) => g.rna === association.rna),
    },
  };
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  stops.push(() => server.stop());
  return url;
}

/** A self-hosted gateway: composes both subgraphs from their `_service { sdl }`, forwards the caller's bearer token. */
async function startGateway(subgraphs: { name: string; url: string }[]): Promise<string> {
  const apolloGateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ url }) => new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request, context }: { request: any; context: { authorization?: string } }) {
        if (context.authorization) request.http.headers.set("authorization", context.authorization);
      },
    }),
  });
  // @apollo/gateway 2 implements @apollo/server-gateway-interface 1, which Apollo Server 5 runs unchanged.
  const server = new ApolloServer({ gateway: apolloGateway as any });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  stops.push(() => server.stop());
  return url;
}

function throughGateway(query: string, token?: string): Promise<GraphQLResponse> {
  return postGraphQL(gateway, query, {}, token);
}

/** What the tests read of each entity. */
const SELECTION = `
  __typename
  ... on Association { name rna siret commune { name } contacts { fullName } }
  ... on Partner { name siret }
  ... on Qpv { code name }
  ... on Commune { inseeCode name }
  ... on Department { code name }
  ... on Region { code name }
  ... on Epci { siren name }`;

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${SELECTION} } }`;

beforeAll(async () => {
  issuer = await testIssuer();
  maillage = await startTestServer("federation", { ...issuer.settings, subgraph: true });
  const grants = await startGrants();
  gateway = new GraphQLClient(await startGateway([{ name: "maillage", url: maillage.url }, { name: "grants", url: grants }]));
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await maillage?.stop();
});

describe("Maillage as a federation subgraph", () => {
  it("publishes the committed schema/subgraph.graphql as its _service SDL; the plain schema has no federation field", async () => {
    const { data, errors } = await maillage.post("{ _service { sdl } }");
    expect(errors).toBeUndefined();
    expect(data._service.sdl).toBe(fs.readFileSync(SUBGRAPH_SDL_PATH, "utf8"));
    expect(data._service.sdl).toContain('type Association implements Node & Organization @key(fields: "id") @key(fields: "rna") @key(fields: "siret")');
    expect(loadConfig({ MAILLAGE_SUBGRAPH: "true" }).subgraph).toBe(true);
    expect(loadConfig({}).subgraph).toBe(false);
    // Federation's own types and fields are described like the rest of the graph.
    const described = await maillage.post(`{ any: __type(name: "_Any") { description } entity: __type(name: "_Entity") { description possibleTypes { name } }
      service: __type(name: "_Service") { description fields { description } } query: __type(name: "Query") { fields { name description args { description } } } }`);
    for (const type of [described.data.any, described.data.entity, described.data.service]) expect(type.description).toEqual(expect.any(String));
    expect(described.data.service.fields[0].description).toEqual(expect.any(String));
    expect(described.data.entity.possibleTypes.map((t: any) => t.name).sort()).toEqual(["Association", "Commune", "Department", "Epci", "Partner", "Qpv", "Region"]);
    for (const field of described.data.query.fields.filter((f: any) => f.name.startsWith("_"))) {
      expect(field.description).toEqual(expect.any(String));
      for (const arg of field.args) expect(arg.description).toEqual(expect.any(String));
    }
    const plain = (await buildGraphSchema()).getQueryType()!.getFields();
    expect(plain._service).toBeUndefined();
    expect(plain._entities).toBeUndefined();
  });

  it("runs a query across both subgraphs through the gateway, both ways", async () => {
    const direct = await maillage.post(`{ a: association(rna: "${ROUBAIX}") { name commune { name } } b: association(rna: "${SAINT_DENIS}") { name } }`);
    const grants = await throughGateway(`{ grants { id amountEur association { rna name ... on Association { commune { name } } } } }`);
    expect(grants.errors).toBeUndefined();
    expect(grants.data.grants.slice(0, 3)).toEqual([
      { id: "g1", amountEur: 12000, association: { rna: ROUBAIX, name: direct.data.a.name, commune: direct.data.a.commune } },
      { id: "g2", amountEur: 8000, association: { rna: SAINT_DENIS, name: direct.data.b.name, commune: expect.any(Object) } },
      { id: "g3", amountEur: 3000, association: { rna: ROUBAIX, name: direct.data.a.name, commune: direct.data.a.commune } },
    ]);
    // An RNA Maillage does not know: its `_entities` item is null, so the association (whose name is non-null) is null.
    expect(grants.data.grants[3]).toEqual({ id: "g4", amountEur: 500, association: null });
    const back = await throughGateway(`{ association(rna: "${ROUBAIX}") { name grants { amountEur } } }`);
    expect(back.errors).toBeUndefined();
    expect(back.data.association).toEqual({ name: direct.data.a.name, grants: [{ amountEur: 12000 }, { amountEur: 3000 }] });
  });

  it("applies the caller's access through the gateway as on Maillage itself (contact people: responsible viewers only)", async () => {
    const ids = (await maillage.post(`{ association(rna: "${ROUBAIX}") { id } }`)).data.association;
    const editor = await issuer.editor(ids.id, "editor-federation@test");
    const query = (root: string) => `{ ${root} { contacts { fullName } } }`;
    for (const token of [undefined, editor]) {
      const direct = await maillage.post(query(`association(rna: "${ROUBAIX}")`), {}, token);
      const federated = await throughGateway(`{ grants { association { rna ... on Association { contacts { fullName } } } } }`, token);
      expect(federated.errors).toBeUndefined();
      const roubaix = federated.data.grants.find((g: any) => g.association.rna === ROUBAIX).association;
      expect(roubaix.contacts).toEqual(direct.data.association.contacts);
    }
    expect((await maillage.post(query(`association(rna: "${ROUBAIX}")`))).data.association.contacts).toBeNull();
    expect((await maillage.post(query(`association(rna: "${ROUBAIX}")`), {}, editor)).data.association.contacts).toEqual(expect.any(Array));
  });
});

describe("_entities", () => {
  beforeAll(async () => {
    // The demo partners have no SIRET: give one to a partner, to look it up by SIRET.
    const siren = sirenWithLuhn("13000123");
    const { data } = await maillage.post(`{ partners(first: 1) { edges { node { id version } } } }`);
    const partner = data.partners.edges[0].node;
    const updated = await maillage.post(`mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { errors { code } partner { siret } } }`,
      { input: { id: partner.id, version: partner.version, siren, siret: siretWithLuhn(siren, "0001") } }, await issuer.admin());
    expect(updated.data.updatePartner).toEqual({ errors: [], partner: { siret: siretWithLuhn(siren, "0001") } });
  });

  /** Representations of every entity type and key, from the graph itself. */
  async function representations(count: number): Promise<Record<string, string>[]> {
    const { data } = await maillage.post(`{
      associations(first: 100) { edges { node { id ... on Association { rna siret } } } }
      partners(first: 100) { edges { node { id siret } } }
      qpvs(first: 20) { edges { node { id code } } }
      communes(first: 20) { edges { node { id inseeCode } } }
      departments(first: 10) { edges { node { id code } } }
      regions(first: 5) { edges { node { id code } } }
      epcis(first: 5) { edges { node { id siren } } }
    }`);
    const nodes = (list: any) => list.edges.map((e: any) => e.node);
    const kinds: Record<string, string>[][] = [
      nodes(data.associations).filter((a: any) => a.rna).map((a: any) => ({ __typename: "Association", rna: a.rna })),
      nodes(data.associations).filter((a: any) => a.siret).map((a: any) => ({ __typename: "Association", siret: a.siret })),
      nodes(data.associations).map((a: any) => ({ __typename: "Association", id: a.id })),
      nodes(data.partners).filter((p: any) => p.siret).map((p: any) => ({ __typename: "Partner", siret: p.siret })),
      nodes(data.partners).map((p: any) => ({ __typename: "Partner", id: p.id })),
      nodes(data.qpvs).map((q: any) => ({ __typename: "Qpv", code: q.code })),
      nodes(data.qpvs).map((q: any) => ({ __typename: "Qpv", id: q.id })),
      nodes(data.communes).map((c: any) => ({ __typename: "Commune", inseeCode: c.inseeCode })),
      nodes(data.departments).map((d: any) => ({ __typename: "Department", code: d.code })),
      nodes(data.departments).map((d: any) => ({ __typename: "Department", id: d.id })),
      nodes(data.regions).map((r: any) => ({ __typename: "Region", code: r.code })),
      nodes(data.epcis).map((e: any) => ({ __typename: "Epci", siren: e.siren })),
    ];
    for (const kind of kinds) expect(kind.length).toBeGreaterThan(0);
    // Round the kinds, each time the next record of each.
    return Array.from({ length: count }, (_, i) => kinds[i % kinds.length][Math.floor(i / kinds.length) % kinds[i % kinds.length].length]);
  }

  it("resolves 100 representations of every entity and key in a small, constant number of statements", async () => {
    const many = await representations(100);
    // One representation of each type and key: the same statements as the 100.
    const kind = (r: Record<string, string>) => `${r.__typename}.${Object.keys(r)[1]}`;
    const few = [...new Map(many.map((r) => [kind(r), r])).values()];
    expect(few.length).toBe(12);
    const small = await maillage.post(ENTITIES, { representations: few });
    const large = await maillage.post(ENTITIES, { representations: many });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data._entities).toHaveLength(100);
    large.data._entities.forEach((entity: any, i: number) => {
      expect(entity.__typename).toBe(many[i].__typename);
      const [key, value] = Object.entries(many[i])[1];
      if (key !== "id") expect(entity[key]).toBe(value);
    });
    // One statement per table and key (organisations by id, by RNA, by SIRET; QPVs, by id or code alike;
    // communes; départements; régions; EPCI), then the organisations found by RNA or SIRET read as every
    // organisation lookup reads them, with their communes (one statement, two if the RNA and SIRET look-ups
    // come back apart on a PostgreSQL pool), and the contact people of each of the two rounds of
    // organisations: 11 on PGlite, 10 or 11 on PostgreSQL, for 12 representations (one of each) as for 100.
    for (const response of [small, large]) expect(response.extensions!.diagnostics!.sqlStatements).toBeLessThanOrEqual(12);
  });

  it("answers what nodes(ids:) answers, for each viewer", async () => {
    const withIds = (await representations(40)).filter((r) => r.id);
    const editor = await issuer.editor(withIds.find((r) => r.__typename === "Association")!.id, "editor-entities@test");
    for (const token of [undefined, editor]) {
      const viaNodes = await maillage.post(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${SELECTION} } }`, { ids: withIds.map((r) => r.id) }, token);
      const viaEntities = await maillage.post(ENTITIES, { representations: withIds }, token);
      expect(viaEntities.errors).toBeUndefined();
      expect(viaEntities.data._entities).toEqual(viaNodes.data.nodes);
    }
    // The editor's own association shows its contact people; the others' stay hidden.
    const shown = (await maillage.post(ENTITIES, { representations: withIds }, editor)).data._entities.filter((e: any) => e.contacts);
    expect(shown).toHaveLength(1);
  });

  it("shows a draft project under an association only to the viewers responsible for it, as on Maillage itself", async () => {
    const roubaix = (await maillage.post(`{ association(rna: "${ROUBAIX}") { id } }`)).data.association.id;
    const created = await maillage.post(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } errors { code } } }`, {
      input: { title: "Brouillon fédéré", draft: true, qpvCodes: ["QN05981M"], participants: [{ organizationId: roubaix, role: "LEAD" }] },
    }, await issuer.admin());
    expect(created.data.createProject.errors).toEqual([]);
    const draft = created.data.createProject.project.id;
    const projects = "projects(first: 100) { edges { node { id } } }";
    const seen = async (token?: string) => {
      const viaEntities = await maillage.post(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Association { ${projects} } } }`,
        { r: [{ __typename: "Association", rna: ROUBAIX }] }, token);
      const direct = await maillage.post(`{ association(rna: "${ROUBAIX}") { ${projects} } }`, {}, token);
      expect(viaEntities.data._entities[0]).toEqual(direct.data.association);
      return viaEntities.data._entities[0].projects.edges.some((e: any) => e.node.id === draft);
    };
    expect(await seen()).toBe(false);
    expect(await seen(await issuer.officer(["department:93"], "officer93-federation@test"))).toBe(false);
    expect(await seen(await issuer.officer(["commune:59512"], "roubaix-federation@test"))).toBe(true);
  });

  it("refuses malformed representations item by item with BAD_USER_INPUT, never a 500; an unknown record is null", async () => {
    const { data } = await maillage.post(`{ association(rna: "${ROUBAIX}") { id } partners(first: 1) { edges { node { id } } } }`);
    const representations = [
      { __typename: "Association", rna: ROUBAIX },
      { __typename: "Grant", id: "g1" },
      { __typename: "Association" },
      { __typename: "Association", id: "not-an-id" },
      { __typename: "Association", id: data.partners.edges[0].node.id },
      { __typename: "Qpv", code: "XX" },
      { __typename: "Association", rna: 12 },
      "Association",
      { rna: ROUBAIX },
      { __typename: "Qpv", code: "QN09999Z" },
      { __typename: "Association", id: data.association.id, rna: "ignored: the id comes first" },
    ];
    const response = await maillage.post(ENTITIES, { representations });
    expect(response.status).toBe(200);
    expect(response.data._entities).toHaveLength(representations.length);
    expect(response.data._entities[0]).toMatchObject({ __typename: "Association", rna: ROUBAIX });
    expect(response.data._entities[9]).toBeNull();
    expect(response.data._entities[10]).toMatchObject({ __typename: "Association", rna: ROUBAIX });
    const byItem = Object.fromEntries(response.errors!.map((e) => [e.path![1], { code: e.extensions!.code, reason: e.extensions!.reason, message: e.message }]));
    expect(Object.keys(byItem).map(Number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8]) expect(response.data._entities[i]).toBeNull();
    expect(byItem[1]).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNKNOWN_REFERENCE", message: expect.stringContaining('"Grant" is not an entity of this subgraph') });
    expect(byItem[2]).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED", message: expect.stringContaining("give one of id, rna, siret") });
    expect(byItem[3]).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_ID" });
    expect(byItem[4]).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_ID", message: expect.stringContaining("is the id of a record of type Partner, not Association") });
    expect(byItem[5]).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED", message: expect.stringContaining("is not a QPV code") });
    expect(byItem[6]).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED", message: expect.stringContaining("must be a string") });
    expect(byItem[7]).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED", message: expect.stringContaining("is not an object") });
    expect(byItem[8]).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED", message: expect.stringContaining("has no __typename") });
  });

  it("costs each representation as a record looked up, and refuses more than 1,000 at once", async () => {
    const empty = await maillage.post(ENTITIES, { representations: [] });
    expect(empty.data._entities).toEqual([]);
    const tooMany = await maillage.post(`query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, {
      r: Array.from({ length: 1001 }, () => ({ __typename: "Region", code: "32" })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "OUT_OF_RANGE", argument: "representations" });
  });
});
