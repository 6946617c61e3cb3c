import { GraphQLClient } from "graphql-request";
import { fold } from "./support/folded-text";
import { toGlobalId } from "../schema/global-id";
import { App, startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { openDatabase } from "../server/database/data-source";
import { GraphQLResponse, postGraphQL } from "./support/test-server";
import { cloneTemplate } from "./support/test-database";

/*
 * `search` over HTTP. Expectations come from other queries of the API (lists, lookups) and a folding of
 * accents, case and punctuation written here, never from the search's own SQL. The database is a copy of
 * the demo one where one record of each archivable kind has been archived, to check search leaves them out.
 */

let app: App;
let client: GraphQLClient;
let drop: () => Promise<void>;
let archived: { id: string; kind: string; text: string }[];

function post(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  return postGraphQL(client, query, variables);
}

beforeAll(async () => {
  const database = await cloneTemplate("search");
  drop = database.drop;
  // Archive one record of each kind that can be archived (the newest, or a "Régie ..." association) before the server starts.
  const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  try {
    const archive = async (kind: string, type: Parameters<typeof toGlobalId>[0], table: string, text: string, where: string) => {
      const [row] = await db.dataSource.query(
        `WITH a AS (UPDATE ${table} SET archived_at = now() WHERE id = (SELECT max(id) FROM ${table} WHERE ${where}) RETURNING id, ${text} AS text)
         SELECT * FROM a`,
      );
      return { id: toGlobalId(type, row.id), kind, text: row.text as string };
    };
    archived = [
      await archive("ASSOCIATION", "Association", "organization", "name", "kind = 'ASSOCIATION' AND name LIKE 'Régie%'"),
      await archive("PARTNER", "Partner", "organization", "name", "kind = 'PARTNER'"),
      await archive("PROJECT", "CooperationProject", "project", "title", "true"),
      await archive("EVENT", "ParticipationEvent", "participation_event", "title", "true"),
      await archive("GOOD_PRACTICE", "GoodPractice", "good_practice", "title", "true"),
    ];
  } finally {
    await db.close();
  }
  app = await startApp({
    ...loadConfig({}), port: 0, host: "127.0.0.1", databaseUrl: database.databaseUrl, dataDir: database.dataDir, demoData: false, diagnostics: true,
  });
  client = new GraphQLClient(app.url);
});

afterAll(async () => {
  await app?.stop();
  await drop?.();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** Whether a name contains each of the words, whole, once folded. */
const hasWords = (name: string, words: string[]) => words.every((word) => ` ${fold(name)} `.includes(` ${word} `));

type Hit = {
  cursor: string; kind: string; score: number; matches: { field: string; similarity: number; words: string[] }[];
  node: { __typename: string; id: string; name?: string; title?: string; code?: string; inseeCode?: string };
};
const label = (hit: Hit) => hit.node.name ?? hit.node.title ?? "";

const HIT = `cursor kind score matches { field similarity words } node { __typename ... on Node { id }
  ... on Organization { name } ... on CooperationProject { title } ... on ParticipationEvent { title } ... on GoodPractice { title }
  ... on Qpv { name code } ... on Commune { name inseeCode } }`;

const SEARCH = `query ($text: String!, $first: Int!, $after: String, $kinds: [SearchKind!], $filter: SearchFilter) {
  search(text: $text, first: $first, after: $after, kinds: $kinds, filter: $filter) {
    totalCount edges { ${HIT} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

interface SearchOptions { kinds?: string[]; filter?: object; first?: number }

/** One page of a search. */
async function search(text: string, options: SearchOptions = {}, after: string | null = null) {
  const { data, errors } = await post(SEARCH, { text, first: options.first ?? 20, after, kinds: options.kinds, filter: options.filter });
  expect(errors).toBeUndefined();
  return data.search as { totalCount: number; edges: Hit[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Every result of a search, page by page, with the totalCount each page gave. */
async function searchAll(text: string, options: SearchOptions = {}) {
  const hits: Hit[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  do {
    const page = await search(text, { first: 100, ...options }, after);
    totals.add(page.totalCount);
    hits.push(...page.edges);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { hits, totals: [...totals] };
}

/** Every node of a top-level list, page by page. */
async function listAll<T>(field: string, selection: string, filter?: object): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const filterType = { communes: "CommuneFilter", associations: "AssociationFilter" }[field] ?? "AssociationFilter";
    const { data, errors } = await post(
      `query ($after: String, $filter: ${filterType}) { list: ${field}(first: 100, after: $after, filter: $filter) {
        edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { after, filter },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data.list.edges.map((e: { node: T }) => e.node));
    after = data.list.pageInfo.hasNextPage ? data.list.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

type Association = { id: string; name: string; rna: string | null; commune: { inseeCode: string; name: string } | null };
let associationsRead: Promise<Association[]> | undefined;
/** Every (non-archived) association, read once. */
const associations = () => (associationsRead ??= listAll<Association>("associations", "id name ... on Association { rna } commune { inseeCode name }"));

const ids = (hits: Hit[]) => hits.map((hit) => hit.node.id);

// ---------------------------------------------------------------------------------------------

describe("search: what it finds", () => {
  it("finds \"Ligue de l'enseignement\" from \"ligue enseignement\", and despite a typo in a long word", async () => {
    const expected = (await associations()).filter((a) => hasWords(a.name, ["ligue", "enseignement"]));
    expect(expected.length).toBeGreaterThan(0);
    const { hits } = await searchAll("ligue enseignement");
    expect(ids(hits)).toEqual(expect.arrayContaining(expected.map((a) => a.id)));
    expect(expected.map((a) => a.id)).toContain(hits[0].node.id);
    expect(hits[0].matches[0]).toMatchObject({ field: "NAME", words: ["ligue", "enseignement"] });

    const typo = await searchAll("enseignemnt", { kinds: ["ASSOCIATION"] });
    expect(expected.map((a) => a.id)).toContain(typo.hits[0].node.id);
  });

  it("finds \"Régie de quartier\" from \"regie quartier\", the same whatever the accents and case, best match first", async () => {
    const expected = (await associations()).filter((a) => hasWords(a.name, ["regie", "quartier"]));
    expect(expected.length).toBeGreaterThan(0);
    const plain = await searchAll("regie quartier");
    expect(ids(plain.hits)).toEqual(expect.arrayContaining(expected.map((a) => a.id)));
    expect(fold(label(plain.hits[0]))).toContain("regie de quartier");
    for (const variant of ["Régie Quartier", "RÉGIE QUARTIER", "régie, quartier !"]) {
      const { hits } = await searchAll(variant);
      expect(hits.map((h) => [h.node.id, h.score])).toEqual(plain.hits.map((h) => [h.node.id, h.score]));
    }
  });

  it("ignores hyphens and apostrophes: \"saint denis\" finds Saint-Denis, \"l'abergement\" finds L'Abergement-...", async () => {
    const communes93 = await listAll<{ inseeCode: string; name: string }>("communes", "inseeCode name", { departmentCodes: ["93"] });
    const saintDenis = communes93.find((c) => fold(c.name) === "saint denis");
    expect(saintDenis).toBeDefined();
    const plain = await search("saint denis", { kinds: ["COMMUNE"], first: 30 });
    const exact = plain.edges.filter((h) => h.score === 1);
    expect(exact.map((h) => h.node.inseeCode)).toContain(saintDenis!.inseeCode);
    for (const hit of exact) expect(fold(hit.node.name!)).toBe("saint denis");
    for (const variant of ["Saint-Denis", "SAINT  DENIS", "saint–denis"]) {
      const page = await search(variant, { kinds: ["COMMUNE"], first: 30 });
      expect(page.edges.map((h) => [h.node.id, h.score])).toEqual(plain.edges.map((h) => [h.node.id, h.score]));
    }

    const communes01 = await listAll<{ inseeCode: string; name: string }>("communes", "inseeCode name", { departmentCodes: ["01"] });
    const abergement = communes01.filter((c) => hasWords(c.name, ["l", "abergement"]));
    expect(abergement.length).toBeGreaterThan(0);
    const found = await searchAll("l'abergement", { kinds: ["COMMUNE"], filter: { departmentCodes: ["01"] } });
    expect(found.hits.map((h) => h.node.inseeCode)).toEqual(expect.arrayContaining(abergement.map((c) => c.inseeCode)));
    expect(abergement.map((c) => c.inseeCode)).toContain(found.hits[0].node.inseeCode);
    for (const variant of ["L’Abergement", "l abergement", "L'ABERGEMENT"]) {
      const { hits } = await searchAll(variant, { kinds: ["COMMUNE"], filter: { departmentCodes: ["01"] } });
      expect(hits.map((h) => [h.node.id, h.score])).toEqual(found.hits.map((h) => [h.node.id, h.score]));
    }
  });

  it("finds Roubaix and the associations based there from the misspelt \"Roubiax\"", async () => {
    const based = (await associations()).filter((a) => a.commune?.name === "Roubaix");
    expect(based.length).toBeGreaterThan(0);
    const roubaixCode = based[0].commune!.inseeCode;

    const communes = await searchAll("Roubiax", { kinds: ["COMMUNE"] });
    expect(communes.hits.map((h) => h.node.inseeCode)).toContain(roubaixCode);

    const found = await searchAll("Roubiax", { kinds: ["ASSOCIATION"] });
    expect(ids(found.hits)).toEqual(expect.arrayContaining(based.map((a) => a.id)));
    for (const hit of found.hits.filter((h) => based.some((a) => a.id === h.node.id))) {
      expect(hit.matches).toContainEqual(expect.objectContaining({ field: "COMMUNE", words: ["Roubiax"] }));
    }
  });

  it("tells what matched: which texts, how closely, and which words were found in each", async () => {
    const { hits } = await searchAll("centre social roubaix", { kinds: ["ASSOCIATION"] });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      // Every word is found somewhere; each match names the words found there, with a similarity in 0..1.
      const found = new Set(hit.matches.flatMap((m) => m.words));
      expect([...found].sort()).toEqual(["centre", "roubaix", "social"]);
      for (const match of hit.matches) {
        expect(match.similarity).toBeGreaterThan(0);
        expect(match.similarity).toBeLessThanOrEqual(1);
      }
    }
    // A "Centre social ..." based in Roubaix without Roubaix in its name: found by its name and its commune.
    const expected = (await associations()).filter((a) => hasWords(a.name, ["centre", "social"]) && !hasWords(a.name, ["roubaix"]) && a.commune?.name === "Roubaix");
    expect(expected.length).toBeGreaterThan(0);
    for (const association of expected) {
      const hit = hits.find((h) => h.node.id === association.id);
      expect(hit?.matches).toContainEqual(expect.objectContaining({ field: "NAME", similarity: 1, words: ["centre", "social"] }));
      expect(hit?.matches).toContainEqual(expect.objectContaining({ field: "COMMUNE", similarity: 1, words: ["roubaix"] }));
    }
  });

  it("finds the records of a text of more than three words, some of them only in the commune's name", async () => {
    const three = await searchAll("centre social roubaix", { kinds: ["ASSOCIATION"] });
    // A "Centre social ..." based in Roubaix, Roubaix not in its name: another word of its name makes four.
    const hit = three.hits.find((h) => !fold(label(h)).split(" ").includes("roubaix") && fold(label(h)).split(" ").some((w) => /^[a-z]{4,}$/.test(w) && !["centre", "social"].includes(w)))!;
    expect(hit).toBeDefined();
    const fourth = fold(label(hit)).split(" ").find((w) => /^[a-z]{4,}$/.test(w) && !["centre", "social"].includes(w))!;
    for (const text of [`centre social ${fourth} roubaix`, `roubaix centre ${fourth} social`, `centre social ${fourth} roubaix nord hem`.split(" ").slice(0, 4).join(" ")]) {
      const four = await searchAll(text, { kinds: ["ASSOCIATION"] });
      expect({ text, found: four.hits.some((h) => h.node.id === hit.node.id) }).toEqual({ text, found: true });
      // Every word found in the name, but for "roubaix", in the commune's name.
      expect(four.hits.find((h) => h.node.id === hit.node.id)!.matches).toContainEqual(expect.objectContaining({ field: "COMMUNE", words: ["roubaix"] }));
      // Each of them is a match of three of its words.
      const ofThree = new Set(three.hits.map((h) => h.node.id));
      for (const h of four.hits) expect(ofThree.has(h.node.id)).toBe(true);
    }
    // Words each in the name of some commune (none only in a document): found through the communes.
    const communes = await searchAll("roubaix tourcoing lille villeneuve", { kinds: ["ASSOCIATION"] });
    for (const h of communes.hits) expect(h.matches.flatMap((m) => m.words).sort()).toEqual(["lille", "roubaix", "tourcoing", "villeneuve"]);
  });

  it("ranks an exact name first, with score 1, and never a better score after a worse one", async () => {
    const all = await associations();
    const unique = all.filter((a) => fold(a.name).split(" ").length >= 3 && all.filter((b) => fold(b.name) === fold(a.name)).length === 1);
    for (const association of unique.slice(0, 3)) {
      const { edges } = await search(association.name, { first: 10 });
      expect(edges[0]).toMatchObject({ score: 1, kind: "ASSOCIATION", node: { id: association.id } });
      for (const hit of edges.slice(1)) expect(hit.node.id).not.toBe(association.id);
      for (let i = 1; i < edges.length; i++) expect(edges[i].score).toBeLessThanOrEqual(edges[i - 1].score);
    }
  });

  it("finds a record by an identifier given exactly: RNA, QPV code, INSEE code", async () => {
    const withRna = (await associations()).find((a) => a.rna)!;
    const byRna = await search(withRna.rna!.toLowerCase(), { first: 5 });
    expect(byRna.edges[0]).toMatchObject({ score: 1, node: { id: withRna.id }, matches: [{ field: "CODE", similarity: 1, words: [] }] });

    const { data } = await post(`{ qpvs(first: 1, filter: { departmentCodes: ["59"] }) { edges { node { id code } } } }`);
    const qpv = data.qpvs.edges[0].node;
    expect((await search(qpv.code, { first: 5 })).edges[0]).toMatchObject({ score: 1, kind: "QPV", node: { id: qpv.id } });
    const commune = withRna.commune!;
    expect((await search(commune.inseeCode, { first: 5 })).edges[0]).toMatchObject({ score: 1, kind: "COMMUNE", node: { inseeCode: commune.inseeCode } });
  });
});

describe("search: the records it returns", () => {
  const FIELDS = `__typename ... on Node { id }
    ... on Organization { name shortName siren siret address postalCode website email phone createdAt updatedAt version archivedAt location { latitude longitude } }
    ... on Association { rna purpose grouping createdOn dissolvedOn staffEtp volunteers members employerSize }
    ... on Partner { partnerType }
    ... on CooperationProject { title summary status startDate endDate residentsReached createdAt updatedAt version archivedAt }
    ... on ParticipationEvent { title description kind startsAt endsAt venueName venueAddress accessibility attendance { residents associations total }
      location { latitude longitude } createdAt archivedAt }
    ... on GoodPractice { title practiceSummary: summary body publishedOn createdAt archivedAt }
    ... on Qpv { code name center { latitude longitude } boundingBox { minLongitude minLatitude maxLongitude maxLatitude } }
    ... on Commune { inseeCode name postalCodes location { latitude longitude } }`;

  it("are the same as a lookup by id gives, whatever their kind (read in the page statement itself)", async () => {
    const found = new Map<string, { id: string }>();
    for (const text of ["roubaix", "ligue enseignement", "diagnostic en marchant", "conseil citoyen"]) {
      const { data, errors } = await post(`query ($text: String!) { search(text: $text, first: 100) { edges { node { ${FIELDS} } } } }`, { text });
      expect(errors).toBeUndefined();
      for (const { node } of data.search.edges) if (!found.has(node.__typename)) found.set(node.__typename, node);
    }
    expect([...found.keys()].sort()).toEqual(["Association", "Commune", "CooperationProject", "GoodPractice", "ParticipationEvent", "Partner", "Qpv"]);
    for (const node of found.values()) {
      const { data } = await post(`query ($id: ID!) { node(id: $id) { ${FIELDS} } }`, { id: node.id });
      expect(node).toEqual(data.node);
    }
  });
});

describe("search: kinds, territory, pages, archived records", () => {
  const KINDS = { ASSOCIATION: "Association", PARTNER: "Partner", PROJECT: "CooperationProject", EVENT: "ParticipationEvent",
    GOOD_PRACTICE: "GoodPractice", QPV: "Qpv", COMMUNE: "Commune" } as const;

  it("searches only the kinds asked for, and the kinds' totals add up to the search's", async () => {
    const aliases = Object.keys(KINDS).map((kind) => `${kind}: search(text: "roubaix", first: 100, kinds: [${kind}]) { totalCount edges { kind node { __typename } } }`);
    const { data, errors } = await post(`{ all: search(text: "roubaix", first: 1) { totalCount } ${aliases.join(" ")} }`);
    expect(errors).toBeUndefined();
    let sum = 0;
    for (const [kind, typename] of Object.entries(KINDS)) {
      sum += data[kind].totalCount;
      for (const edge of data[kind].edges) expect(edge).toEqual({ kind, node: { __typename: typename } });
    }
    expect(sum).toBe(data.all.totalCount);
    expect(data.ASSOCIATION.totalCount).toBeGreaterThan(0);
    expect(data.EVENT.totalCount).toBeGreaterThan(0);
    const none = await search("roubaix", { kinds: [] });
    expect(none).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("keeps to the territory of the filter", async () => {
    const everywhere = await searchAll("centre social", { kinds: ["ASSOCIATION", "EVENT", "COMMUNE"] });
    const { data, errors } = await post(`query ($after: String) { search(text: "centre social", first: 100, after: $after,
      kinds: [ASSOCIATION, EVENT, COMMUNE], filter: { departmentCodes: ["59"] }) { totalCount edges { node {
        ... on Node { id } ... on Association { office: commune { department { code } } } ... on ParticipationEvent { venue: commune { department { code } } }
        ... on Commune { department { code } } } } } }`);
    expect(errors).toBeUndefined();
    type Placed = { id: string; office?: { department: { code: string } }; venue?: { department: { code: string } }; department?: { code: string } };
    const inNord: Placed[] = data.search.edges.map((e: { node: Placed }) => e.node);
    expect(inNord.length).toBeGreaterThan(0);
    for (const node of inNord) expect((node.office ?? node.venue ?? node).department!.code).toBe("59");
    expect(data.search.totalCount).toBeLessThan(everywhere.hits.length);
    // The filtered results are those of the whole search that lie in the Nord, in the same order.
    const order = ids(everywhere.hits);
    const positions = inNord.map((n: { id: string }) => order.indexOf(n.id));
    expect(positions.every((p: number) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("pages without gap or overlap, in the order of one big page, with a totalCount that matches the pages", async () => {
    const whole = await searchAll("roubaix");
    expect(whole.totals).toEqual([whole.hits.length]);
    expect(whole.hits.length).toBeGreaterThan(20);
    const paged = await searchAll("roubaix", { first: 7 });
    expect(paged.totals).toEqual([whole.hits.length]);
    expect(new Set(ids(paged.hits)).size).toBe(paged.hits.length);
    expect(paged.hits.map((h) => [h.node.id, h.score])).toEqual(whole.hits.map((h) => [h.node.id, h.score]));
    for (let i = 1; i < whole.hits.length; i++) expect(whole.hits[i].score).toBeLessThanOrEqual(whole.hits[i - 1].score);
  });

  it("leaves archived records out, though they can still be looked up", async () => {
    for (const record of archived) {
      const { data, errors } = await post(`query ($id: ID!) { node(id: $id) { ... on Organization { archivedAt } ... on CooperationProject { archivedAt }
        ... on ParticipationEvent { archivedAt } ... on GoodPractice { archivedAt } } }`, { id: record.id });
      expect(errors).toBeUndefined();
      expect({ record, node: data.node }).toEqual({ record, node: { archivedAt: expect.any(String) } });
      const { hits } = await searchAll(record.text, { kinds: [record.kind] });
      expect(ids(hits)).not.toContain(record.id);
    }
    // The archived association is also left out of what its commune's name finds.
    const regies = await searchAll("regie", { kinds: ["ASSOCIATION"] });
    expect(ids(regies.hits)).not.toContain(archived[0].id);
  });

  it("reads a page and its total in one SQL statement, the total being that of the whole search on every page", async () => {
    const query = (count: boolean) => `query ($after: String, $first: Int!) { search(text: "regie quartier", first: $first, after: $after) {
      ${count ? "totalCount" : ""} edges { ${HIT} } pageInfo { endCursor hasNextPage } } }`;
    const first = await post(query(false), { first: 3 });
    expect(first.extensions?.diagnostics?.sqlStatements).toBe(1);
    const next = await post(query(false), { first: 3, after: first.data.search.pageInfo.endCursor });
    expect(next.extensions?.diagnostics?.sqlStatements).toBe(1);
    const counted = await post(query(true), { first: 3 });
    expect(counted.extensions?.diagnostics?.sqlStatements).toBe(1);
    // Every hit in one page, then the (empty) page after the last one: both carry the same total.
    const all = await post(query(true), { first: 100 });
    expect(all.data.search.pageInfo.hasNextPage).toBe(false);
    expect(all.data.search.totalCount).toBe(all.data.search.edges.length);
    expect(counted.data.search.totalCount).toBe(all.data.search.totalCount);
    const past = await post(query(true), { first: 3, after: all.data.search.pageInfo.endCursor });
    expect(past.data.search.edges).toEqual([]);
    expect(past.data.search.totalCount).toBe(all.data.search.totalCount);
    expect(past.extensions?.diagnostics?.sqlStatements).toBe(1);
  });
});

describe("search: texts with little to search", () => {
  const SEARCH_COUNTED = `query ($text: String!, $first: Int!, $kinds: [SearchKind!]) { search(text: $text, first: $first, kinds: $kinds) {
    totalCount totalCountIsExact edges { ${HIT} } pageInfo { hasNextPage } } }`;

  async function answer(text: string, kinds?: string[]) {
    const response = await post(SEARCH_COUNTED, { text, first: 20, kinds });
    expect({ text, errors: response.errors }).toEqual({ text, errors: undefined });
    return { ...(response.data.search as { totalCount: number; totalCountIsExact: boolean; edges: Hit[]; pageInfo: { hasNextPage: boolean } }),
      statements: response.extensions?.diagnostics?.sqlStatements };
  }

  it.each(["de la", "le", "les des", "à la", "du", "De LA", " l'un de la ", "Nous sommes", "a-t-on"])(
    "answers %j, stop words only, by the names that are that text: none here, an empty result", async (text) => {
    expect(await answer(text)).toEqual({ totalCount: 0, totalCountIsExact: true, edges: [], pageInfo: { hasNextPage: false }, statements: 1 });
  });

  it("finds a commune whose name is stop words only (Eu, Le Pas), first, with score 1, and what is there", async () => {
    for (const [text, inseeCode] of [["eu", "76255"], ["Le Pas", "53176"], ["EU", "76255"], ["le-pas", "53176"]]) {
      const communes = await answer(text, ["COMMUNE"]);
      expect({ text, edges: communes.edges.map((h) => [h.node.inseeCode, h.score, h.matches]) })
        .toEqual({ text, edges: [[inseeCode, 1, [{ field: "NAME", similarity: 1, words: [] }]]] });
      const all = await answer(text);
      expect(all.edges[0]).toMatchObject({ kind: "COMMUNE", score: 1, node: { inseeCode } });
      expect(all.totalCount).toBe(all.edges.length);
      // Anything else found is there (its commune's name is the text).
      for (const hit of all.edges.slice(1)) expect(hit.matches).toContainEqual(expect.objectContaining({ field: "COMMUNE", similarity: 1 }));
    }
  });

  it.each(["?!", "-- ... --", "«»", "% _ %", "''"])("answers %j, without a letter or digit, by an empty result without asking the database", async (text) => {
    expect(await answer(text)).toEqual({ totalCount: 0, totalCountIsExact: true, edges: [], pageInfo: { hasNextPage: false }, statements: 0 });
  });

  it("answers single letters, digits, repeated words, 20 words and 200 characters in one bounded statement", async () => {
    for (const text of ["a b", "x y z", "12", "2024", "00000", "0123456789", "ab".repeat(100), "azertyuiopqsdfghjklmwxcvbn".repeat(7).slice(0, 200),
      "jardin ".repeat(28).trim(), Array.from({ length: 20 }, (_, i) => `mot${i} roubaix`).join(" ").slice(0, 200),
      "association sportive culturelle jeunesse quartier nord sud est ouest centre ville maison jardin partage solidarite emploi insertion sante education famille"]) {
      const found = await answer(text);
      expect({ text, statements: found.statements }).toEqual({ text, statements: 1 });
      expect(found.totalCount).toBeGreaterThanOrEqual(found.edges.length);
      if (found.totalCountIsExact && !found.pageInfo.hasNextPage) expect(found.totalCount).toBe(found.edges.length);
    }
  });

  it("answers a repeated word as the word once, in the same order with the same scores", async () => {
    const once = await searchAll("roubaix");
    expect(once.hits.length).toBeGreaterThan(0);
    for (const text of ["roubaix roubaix roubaix", "Roubaix, ROUBAIX ; roubaix"]) {
      const repeated = await searchAll(text);
      expect({ text, hits: repeated.hits.map((h) => [h.node.id, h.score]) }).toEqual({ text, hits: once.hits.map((h) => [h.node.id, h.score]) });
      expect(repeated.totals).toEqual(once.totals);
    }
  });
});

describe("search: bad input", () => {
  async function expectBadInput(variables: Record<string, unknown>, reason: string, argument: string) {
    const response = await post(SEARCH, { first: 5, ...variables });
    // An out-of-range `first` is refused before execution (server/limits): HTTP 400, no data at all.
    const early = argument === "first";
    expect(response.status).toBe(early ? 400 : 200);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason, argument });
    if (early) expect(response.data).toBeUndefined();
    else expect(response.data).toBeNull();
  }

  it.each([["empty", ""], ["blank", "   "], ["one letter", "a"], ["one letter once trimmed", " é "], ["201 characters", "x".repeat(201)]])(
    "rejects a text that is %s as OUT_OF_RANGE", async (_, text) => {
    await expectBadInput({ text }, "OUT_OF_RANGE", "text");
  });

  it("accepts 2 and 200 characters once trimmed", async () => {
    expect((await post(SEARCH, { text: "  Hem  ", first: 1 })).errors).toBeUndefined();
    expect((await post(SEARCH, { text: `${"roubaix ".repeat(25)}`.slice(0, 200), first: 1 })).errors).toBeUndefined();
  });

  it.each([0, -1, 101])("rejects first: %i as OUT_OF_RANGE", async (first) => {
    await expectBadInput({ text: "roubaix", first }, "OUT_OF_RANGE", "first");
  });

  it("rejects cursors of another list, of another search and forged ones", async () => {
    const { data } = await post(`{ associations(first: 1) { pageInfo { endCursor } } }`);
    await expectBadInput({ text: "roubaix", after: data.associations.pageInfo.endCursor }, "INVALID_CURSOR", "after");
    const other = await search("regie quartier", { first: 1 });
    await expectBadInput({ text: "roubaix", after: other.pageInfo.endCursor }, "INVALID_CURSOR", "after");
    const own = await search("roubaix", { first: 1 });
    await expectBadInput({ text: "roubaix", after: own.pageInfo.endCursor, kinds: ["COMMUNE"] }, "INVALID_CURSOR", "after");
    await expectBadInput({ text: "roubaix", after: own.pageInfo.endCursor, filter: { departmentCodes: ["59"] } }, "INVALID_CURSOR", "after");
    await expectBadInput({ text: "roubaix", after: "not a cursor!" }, "INVALID_CURSOR", "after");
    const [list, signature] = JSON.parse(Buffer.from(own.pageInfo.endCursor!, "base64url").toString("utf8"));
    for (const forged of [[list, signature, "1; DROP TABLE commune", "x", 1, "1"], [list, signature, "0.5", "x", 1.5, "1"], [list, signature, "0.5"]]) {
      await expectBadInput({ text: "roubaix", after: Buffer.from(JSON.stringify(forged)).toString("base64url") }, "INVALID_CURSOR", "after");
    }
    // The cursor of the same search still works.
    expect((await post(SEARCH, { text: "roubaix", first: 5, after: own.pageInfo.endCursor })).errors).toBeUndefined();
  });

  it("rejects unknown territory codes", async () => {
    await expectBadInput({ text: "roubaix", filter: { departmentCodes: ["00"] } }, "UNKNOWN_REFERENCE", "filter.departmentCodes");
  });
});
