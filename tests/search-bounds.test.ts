import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config";
import { startTestServer, TestServer } from "./support/test-server";

/*
 * The bounds on a search's work (MAILLAGE_SEARCH_COUNTED, MAILLAGE_SEARCH_RANKED): a server whose bounds
 * are lowered (20 matches counted, 5 ranked per kind) against one with the defaults, on the same demo data.
 * Below the bounds the answers are the same; above them the total says it stopped counting, the pages end
 * after the ranked matches, and those are name matches, scored as the unbounded search scores them.
 */

const COUNTED = 20;
const RANKED = 5;

let full: TestServer;
let bounded: TestServer;

beforeAll(async () => {
  full = await startTestServer("search-bounds-full");
  bounded = await startTestServer("search-bounds", { search: { counted: COUNTED, ranked: RANKED } });
});

afterAll(async () => {
  await full?.stop();
  await bounded?.stop();
});

type Hit = { kind: string; score: number; matches: { field: string; words: string[] }[]; node: { id: string; name?: string } };
type Page = { totalCount: number; totalCountIsExact: boolean; edges: (Hit & { cursor: string })[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const SEARCH = `query ($text: String!, $first: Int!, $after: String, $kinds: [SearchKind!]) {
  search(text: $text, first: $first, after: $after, kinds: $kinds) {
    totalCount totalCountIsExact pageInfo { hasNextPage endCursor }
    edges { cursor kind score matches { field words } node { ... on Node { id } ... on Organization { name } } } } }`;

async function page(server: TestServer, text: string, first: number, kinds?: string[], after: string | null = null): Promise<Page> {
  const { data, errors } = await server.post(SEARCH, { text, first, after, kinds });
  expect(errors).toBeUndefined();
  return data.search;
}

/** Every result, page by page (pages of 2, so that the bounded server pages several times). */
async function all(server: TestServer, text: string, kinds?: string[]) {
  const hits: Hit[] = [];
  const totals = new Set<string>();
  let after: string | null = null;
  do {
    const p: Page = await page(server, text, kinds ? 2 : 100, kinds, after);
    totals.add(`${p.totalCount} ${p.totalCountIsExact}`);
    hits.push(...p.edges.map(({ cursor: _, ...hit }) => hit));
    after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
  } while (after);
  return { hits, totals: [...totals] };
}

it("answers as the unbounded search when no kind has more matches than are ranked", async () => {
  let compared = 0;
  for (const [text, kinds] of [["regie quartier", ["ASSOCIATION"]], ["centre sosial roubais", undefined], ["diagnostic en marchant", ["GOOD_PRACTICE"]]] as const) {
    const expected = await all(full, text, kinds ? [...kinds] : undefined);
    expect(expected.hits.length).toBeGreaterThan(0);
    expect(expected.totals).toEqual([`${expected.hits.length} true`]);
    const kindCounts = new Map<string, number>();
    for (const hit of expected.hits) kindCounts.set(hit.kind, (kindCounts.get(hit.kind) ?? 0) + 1);
    if ([...kindCounts.values()].some((n) => n > RANKED)) continue;
    expect({ text, ...(await all(bounded, text, kinds ? [...kinds] : undefined)) }).toEqual({ text, ...expected });
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(2);
});

it("stops counting past the bound and says so, ranks only the best matches by name, scored as without bounds", async () => {
  // "roubaix": associations named after Roubaix, and many more based there (found through their commune).
  const expected = await all(full, "roubaix", ["ASSOCIATION"]);
  expect(expected.totals).toEqual([`${expected.hits.length} true`]);
  const named = expected.hits.filter((hit) => hit.matches.some((m) => m.field === "NAME" || m.field === "SHORT_NAME"));
  expect(expected.hits.length).toBeGreaterThan(COUNTED);
  // More name matches than are ranked, all of them within the visited ones (names are visited first).
  expect(named.length).toBeGreaterThan(RANKED);
  expect(named.length).toBeLessThanOrEqual(COUNTED);

  const found = await all(bounded, "roubaix", ["ASSOCIATION"]);
  // The total is a lower bound: the count stopped at the bound.
  expect(found.totals).toEqual([`${COUNTED} false`]);
  // Pages end after the ranked matches, without gap or overlap, best first.
  expect(found.hits).toHaveLength(RANKED);
  expect(new Set(found.hits.map((h) => h.node.id)).size).toBe(RANKED);
  for (let i = 1; i < found.hits.length; i++) expect(found.hits[i].score).toBeLessThanOrEqual(found.hits[i - 1].score);
  // Each is a match by name, with the score and matches of the unbounded search; names first, the shortest first.
  for (const hit of found.hits) {
    expect(named.find((h) => h.node.id === hit.node.id)).toEqual(hit);
  }
  const longest = Math.max(...found.hits.map((h) => h.node.name!.length));
  const shorter = named.filter((h) => h.node.name!.length < longest).map((h) => h.node.id);
  expect(found.hits.map((h) => h.node.id)).toEqual(expect.arrayContaining(shorter));
});

it("counts each kind up to the bound: the total of several kinds adds their capped counts", async () => {
  const kinds = ["ASSOCIATION", "EVENT", "COMMUNE", "QPV"];
  const perKind = await Promise.all(kinds.map(async (kind) => (await page(full, "roubaix", 1, [kind])).totalCount));
  const { totalCount, totalCountIsExact, edges } = await page(bounded, "roubaix", 100, kinds);
  expect(totalCount).toBe(perKind.reduce((sum, n) => sum + Math.min(n, COUNTED), 0));
  expect(totalCountIsExact).toBe(perKind.some((n) => n > COUNTED) ? false : true);
  expect(perKind.some((n) => n > COUNTED)).toBe(true);
  for (const kind of kinds) expect(edges.filter((e) => e.kind === kind).length).toBeLessThanOrEqual(RANKED);
  // The default server counts them exactly.
  const unbounded = await page(full, "roubaix", 1, kinds);
  expect(unbounded).toMatchObject({ totalCount: perKind.reduce((sum, n) => sum + n, 0), totalCountIsExact: true });
});

it("has the defaults docs/operations.md gives, and refuses a bound out of range at start", () => {
  const operations = fs.readFileSync(path.resolve(__dirname, "../docs/operations.md"), "utf8");
  const documented = (variable: string) => new RegExp(`^\\| \`${variable}\` \\| \`([^\`]+)\``, "m").exec(operations)?.[1];
  const { search } = loadConfig({});
  expect(search).toEqual({ counted: 1000, ranked: 200 });
  expect([documented("MAILLAGE_SEARCH_COUNTED"), documented("MAILLAGE_SEARCH_RANKED")]).toEqual([String(search.counted), String(search.ranked)]);
  expect(loadConfig({ MAILLAGE_SEARCH_COUNTED: "50", MAILLAGE_SEARCH_RANKED: "10" }).search).toEqual({ counted: 50, ranked: 10 });
  expect(() => loadConfig({ MAILLAGE_SEARCH_RANKED: "0" })).toThrow(/MAILLAGE_SEARCH_RANKED/);
  expect(() => loadConfig({ MAILLAGE_SEARCH_COUNTED: "lots" })).toThrow(/MAILLAGE_SEARCH_COUNTED/);
});
