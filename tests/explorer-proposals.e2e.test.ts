import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS, ensureExplorerBuilt, launchBrowser } from "./support/explorer-browser";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/*
 * The dashboard's stake cards list the advocacy paper's proposals (issue 18): a French sentence until an
 * administrator loads them, then each proposal with its projects, linked to their list. The titles are
 * placeholders that say so: the proposals' real texts are never invented.
 */

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let admin: string;

beforeAll(async () => {
  ensureExplorerBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const issuer = await testIssuer();
  server = await startTestServer("explorer-proposals", issuer.settings);
  admin = await issuer.admin();
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function dashboard(): Promise<void> {
  await page.goto(`${server.url.replace(/\/graphql$/, "")}/tableau-de-bord?r=32&d=59`);
  await page.waitForSelector("[data-proposals='4']");
}

async function write(query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await server.post(query, variables, admin);
  expect(response.errors).toBeUndefined();
  const payload: any = Object.values(response.data)[0];
  expect(payload.errors).toEqual([]);
  return payload;
}

describe("the dashboard's stake cards", () => {
  it("say the proposals are not loaded yet, then list them with their projects, linked to the project list", async () => {
    await dashboard();
    for (const card of ["employeurs", "federation", "participation", "cooperation"]) {
      expect(await page.locator(`#carte-${card} .card-proposals`).innerText()).toContain("Les propositions du plaidoyer ne sont pas encore chargées");
    }

    const CREATE = `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { errors { code } } }`;
    await write(CREATE, { input: { number: 3, stakeNumber: 1, title: "Proposition 3 (intitulé à charger)" } });
    await write(CREATE, { input: { number: 7, stakeNumber: 4, title: "Proposition 7 (intitulé à charger)" } });
    const { projects } = (await server.post(`{ projects(first: 2, filter: { departmentCodes: ["59"] }) { edges { node { id version } } } }`)).data;
    for (const { node } of projects.edges) {
      await write(`mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { errors { code } } }`,
        { input: { id: node.id, version: node.version, proposalNumbers: [3] } });
    }

    await dashboard();
    expect(await page.locator("#carte-employeurs .card-proposals li").allInnerTexts())
      .toEqual(["n° 3 · Proposition 3 (intitulé à charger) : 2 projets, aucune bonne pratique"]);
    expect(await page.locator("#carte-cooperation .card-proposals li").allInnerTexts())
      .toEqual(["n° 7 · Proposition 7 (intitulé à charger) : aucun projet, aucune bonne pratique"]);
    expect(await page.locator("#carte-federation .card-proposals").innerText()).toContain("Aucune proposition du plaidoyer n'est chargée pour cet enjeu.");
    await page.locator("#carte-employeurs").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "proposals-stake-card.png") });

    // On a phone, the list wraps inside its card.
    await page.setViewportSize({ width: 320, height: 844 });
    await page.locator("#carte-employeurs .card-proposals").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "proposals-stake-card-320.png") });
    for (const block of await page.locator(".card-proposals").all()) {
      expect(await block.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.locator("[data-proposal-projects='3']").click();
    await page.waitForFunction("document.body.dataset.page === 'liste'");
    await page.waitForSelector("table.list tbody tr");
    expect(await page.locator("[data-figure=list-total]").innerText()).toMatch(/^2 résultat/);
  });
});
