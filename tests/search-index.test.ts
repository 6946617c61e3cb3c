import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/*
 * Search follows the writes: a record created or renamed through the API is found at once by its new
 * words, and by a typo of a word no record had before (the word list the typo fallback reads is kept by
 * the writes too). Searches are made with a token, so that no cached response answers them.
 */

let server: TestServer;
let admin: string;

beforeAll(async () => {
  const issuer = await testIssuer();
  server = await startTestServer("search-index", issuer.settings);
  admin = await issuer.admin();
});

afterAll(async () => {
  await server?.stop();
});

async function names(text: string): Promise<string[]> {
  const { data, errors } = await server.post(
    `query ($text: String!) { search(text: $text, first: 10, kinds: [ASSOCIATION]) { edges { node { ... on Organization { name } } } } }`, { text }, admin);
  expect(errors).toBeUndefined();
  return data.search.edges.map((e: { node: { name: string } }) => e.node.name);
}

it("finds a new association by its new words and their typos, then by its new name only once renamed", async () => {
  // Words that no record of the test data has.
  expect(await names("zythologie")).toEqual([]);
  expect(await names("quokkas")).toEqual([]);

  const { data, errors } = await server.post(`mutation ($input: CreateAssociationInput!) {
    createAssociation(input: $input) { association { id version } errors { code } } }`,
  { input: { name: "Cercle de zythologie de Roubaix", rna: "W595888001", communeInseeCode: "59512", purpose: "Découvrir les bières artisanales." } }, admin);
  expect(errors).toBeUndefined();
  expect(data.createAssociation.errors).toEqual([]);
  const { id, version } = data.createAssociation.association;

  expect(await names("zythologie")).toEqual(["Cercle de zythologie de Roubaix"]);
  expect(await names("Zythologie roubaix")).toEqual(["Cercle de zythologie de Roubaix"]);
  expect(await names("zitologie")).toContain("Cercle de zythologie de Roubaix");
  expect(await names("bières artisanales")).toContain("Cercle de zythologie de Roubaix");

  const renamed = await server.post(`mutation ($input: UpdateAssociationInput!) {
    updateAssociation(input: $input) { association { name } errors { code } } }`,
  { input: { id, version, name: "Les Amis des quokkas" } }, admin);
  expect(renamed.errors).toBeUndefined();
  expect(renamed.data.updateAssociation.errors).toEqual([]);

  expect(await names("quokka")).toEqual(["Les Amis des quokkas"]);
  expect(await names("qokkas")).toContain("Les Amis des quokkas");
  expect(await names("zythologie")).toEqual([]);
});
