import fs from "node:fs";
import { fold } from "./support/folded-text";
import path from "node:path";
import { GraphQLClient } from "graphql-request";
import { App, startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { GraphQLResponse, postGraphQL } from "./support/test-server";
import { cloneTemplate } from "./support/test-database";

/*
 * Search quality over HTTP: the hand-written test set of tests/fixtures/search-queries.json (a text and the
 * records a user expects at the top), scored as recall@5 (the share of a query's expected records found in the
 * first 5 results, at most 5 expected counted) and MRR (1 / rank of the first expected record in the first 10
 * results, 0 when none), each averaged over the queries. Both scores are printed; recall@5 must reach 0.9.
 */

type Expected = { kind: string; name?: string; inseeCode?: string; code?: string };
type Query = { why: string; text?: string; codeOf?: { name: string; field: "rna" | "siret" | "siren"; lower?: boolean }; expect: Expected[] };
type Hit = { kind: string; node: { name?: string; title?: string; code?: string; inseeCode?: string } };

const FIXTURE: { queries: Query[] } = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures/search-queries.json"), "utf8"));
const DEPTH = 10;

let app: App;
let client: GraphQLClient;
let drop: () => Promise<void>;

function post(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  return postGraphQL(client, query, variables);
}

beforeAll(async () => {
  const database = await cloneTemplate("search-quality");
  drop = database.drop;
  app = await startApp({
    ...loadConfig({}), port: 0, host: "127.0.0.1", databaseUrl: database.databaseUrl, dataDir: database.dataDir, demoData: false, diagnostics: true,
  });
  client = new GraphQLClient(app.url);
});

afterAll(async () => {
  await app?.stop();
  await drop?.();
});


const isExpected = (hit: Hit, expected: Expected) =>
  hit.kind === expected.kind &&
  (expected.inseeCode !== undefined ? hit.node.inseeCode === expected.inseeCode
    : expected.code !== undefined ? hit.node.code === expected.code
      : fold(hit.node.name ?? hit.node.title ?? "") === fold(expected.name!));

type Identified = { name: string; rna: string | null; siren: string | null; siret: string | null };

/** Every association's identifiers, page by page (to turn a `codeOf` into a searched text). */
async function associationCodes(): Promise<Identified[]> {
  const nodes: Identified[] = [];
  let after: string | null = null;
  do {
    const { data, errors } = await post(`query ($after: String) { associations(first: 100, after: $after) {
      edges { node { name siren siret ... on Association { rna } } } pageInfo { hasNextPage endCursor } } }`, { after });
    expect(errors).toBeUndefined();
    nodes.push(...data.associations.edges.map((e: { node: Identified }) => e.node));
    after = data.associations.pageInfo.hasNextPage ? data.associations.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

it(`scores recall@5 >= 0.9 on the ${FIXTURE.queries.length} queries of the test set, and prints recall@5 and MRR`, async () => {
  expect(FIXTURE.queries.length).toBeGreaterThanOrEqual(40);
  const codes = await associationCodes();
  const lines: string[] = [];
  let recallSum = 0;
  let reciprocalSum = 0;
  for (const query of FIXTURE.queries) {
    let text = query.text;
    if (query.codeOf) {
      const owner = codes.find((a) => fold(a.name) === fold(query.codeOf!.name));
      const code = owner?.[query.codeOf.field];
      expect({ query: query.codeOf, code }).toEqual({ query: query.codeOf, code: expect.any(String) });
      text = query.codeOf.lower ? code!.toLowerCase() : code!;
    }
    const { data, errors } = await post(
      `query ($text: String!) { search(text: $text, first: ${DEPTH}) { edges { kind node { ... on Organization { name }
        ... on CooperationProject { title } ... on ParticipationEvent { title } ... on GoodPractice { title } ... on Qpv { name code }
        ... on Commune { name inseeCode } } } } }`,
      { text },
    );
    expect({ text, errors }).toEqual({ text, errors: undefined });
    const hits: Hit[] = data.search.edges;
    const top = hits.slice(0, 5);
    const found = query.expect.filter((e) => top.some((hit) => isExpected(hit, e))).length;
    const recall = found / Math.min(query.expect.length, 5);
    const first = hits.findIndex((hit) => query.expect.some((e) => isExpected(hit, e)));
    recallSum += recall;
    reciprocalSum += first < 0 ? 0 : 1 / (first + 1);
    const shown = top.map((hit) => `${hit.kind}:${hit.node.name ?? hit.node.title}`).join(" | ");
    lines.push(`${recall === 1 ? "ok  " : "MISS"} ${JSON.stringify(text)} (${query.why}): recall@5 ${recall.toFixed(2)}, first expected at ${first < 0 ? "-" : first + 1} :: ${shown}`);
  }
  const recallAt5 = recallSum / FIXTURE.queries.length;
  const mrr = reciprocalSum / FIXTURE.queries.length;
  console.log(`[search quality] ${FIXTURE.queries.length} queries: recall@5 ${recallAt5.toFixed(3)}, MRR ${mrr.toFixed(3)}\n${lines.join("\n")}`);
  expect(recallAt5).toBeGreaterThanOrEqual(0.9);
});
