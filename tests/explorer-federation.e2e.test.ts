import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import * as operations from "../explorer/src/api/operations";
import { ARTIFACTS, CHROMIUM, ensureExplorerBuilt } from "./support/explorer-browser";
import { startTestServer, TestServer } from "./support/test-server";

/*
 * A federation in the explorer, on a desktop and on a 390 px phone (Chromium's mobile emulation):
 * from the network head's page to its members' list and to its dashboard, whose heading names the
 * network; every cell of the member list is checked against the API's answer.
 */

const UNION_LILLOISE = "W595038535";
const HEADINGS = ["Nom", "Commune", "QPV", "Projets", "Habitants touchés (déclarés par ses projets)", "Dernière activité", "Charte signée", "Taille employeur"];
const SIZES: Record<string, string> = { NONE: "Sans salarié", SMALL_EMPLOYER: "Petit employeur (≤ 2 ETP)", EMPLOYER: "Employeur (> 2 ETP)" };

let server: TestServer;
let base: string;
let browser: Browser;
let network: { id: string; name: string };
const pageErrors: string[] = [];

/** Text as the page shows it, spaces normalised (French numbers group with narrow no-break spaces). */
const squash = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, " ").trim();
const number = (n: number) => squash(new Intl.NumberFormat("fr-FR").format(n));
const day = (iso: string) => squash(new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "Europe/Paris" }).format(new Date(`${iso}T12:00:00Z`)));

/** The cells a member's row must show, from the API's answer. */
function expectedRow(m: any): string[] {
  const qpvs = m.qpvs.map((p: any) => p.qpv.name);
  return [
    m.name,
    m.commune?.name ?? "–",
    qpvs.length ? [...qpvs.slice(0, 3), ...(qpvs.length > 3 ? [`et ${qpvs.length - 3} autre${qpvs.length > 4 ? "s" : ""}`] : [])].join(" ") : "Aucun",
    number(m.projects.totalCount),
    m.residentsReached === null ? "Non déclaré" : number(m.residentsReached),
    m.lastActivityOn ? day(m.lastActivityOn) : "Aucune",
    m.charterSignature ? `Oui, le ${day(m.charterSignature.signedOn)}` : "Non",
    SIZES[m.employerSize],
  ];
}

async function api(query: string, variables?: Record<string, unknown>): Promise<any> {
  const { data, errors } = await server.post(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

async function shown(page: Page, kind: string): Promise<void> {
  await page.waitForFunction(`document.body.dataset.page === ${JSON.stringify(kind)}`);
}

/** Every link and button inside `scope`: at least 24 × 24 px and inside the viewport's width. */
async function checkTargets(page: Page, scope: string, width: number): Promise<void> {
  const boxes = await page.locator(`${scope} a:visible, ${scope} button:visible`).evaluateAll((elements) =>
    elements.map((e) => ({ text: (e.textContent ?? "").trim(), ...JSON.parse(JSON.stringify(e.getBoundingClientRect())) })));
  expect(boxes.length).toBeGreaterThanOrEqual(2);
  for (const box of boxes) {
    expect({ text: box.text, small: box.width < 24 || box.height < 24, outside: box.left < 0 || box.right > width }).toEqual({ text: box.text, small: false, outside: false });
  }
}

beforeAll(async () => {
  ensureExplorerBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer("explorer-federation");
  base = server.url.replace(/\/graphql$/, "");
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  network = (await api(`{ association(rna: "${UNION_LILLOISE}") { id name } }`)).association;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each([
  ["desktop", { viewport: { width: 1366, height: 768 } }],
  ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
] as const)("a federation on a %s", (device, options) => {
  let page: Page;
  const width = options.viewport.width;

  beforeAll(async () => {
    const context = await browser.newContext({ ...options, locale: "fr-FR", timezoneId: "Europe/Paris" });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it("goes from the network head's page to its members: every cell as the API says, no federated column", async () => {
    const { associations: members } = await api(operations.NetworkMemberList, { networkId: network.id, direction: "ASC" });
    expect(members.totalCount).toBeGreaterThan(10);
    expect(members.pageInfo.hasNextPage).toBe(false);

    await page.goto(`${base}/organisation/${network.id}`);
    await shown(page, "organisation");
    const toMembers = page.getByRole("link", { name: `Voir les ${members.totalCount} membres` });
    await expect(toMembers.isVisible()).resolves.toBe(true);
    await expect(page.getByRole("navigation", { name: "Son réseau" }).getByRole("link", { name: "Tableau de bord du réseau" }).isVisible()).resolves.toBe(true);
    // Prominent: right under the heading, within the first screen, a large target.
    const box = (await toMembers.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(options.viewport.height);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await checkTargets(page, "nav.network-links", width);
    await page.screenshot({ path: path.join(ARTIFACTS, `federation-${device}-1-tete-de-reseau.png`) });

    await toMembers.click();
    await shown(page, "reseau");
    expect(new URL(page.url()).pathname).toBe(`/reseau/${network.id}/membres`);
    expect(await page.locator("h1").innerText()).toBe(`Membres — ${network.name}`);
    expect(await page.locator("[data-figure=members-total]").innerText()).toBe(`${members.totalCount} membres actuels`);
    const headings = await page.locator("table.member-table thead th").evaluateAll((ths) => ths.map((th) => th.textContent!.replace(/, trié.*$/, "").replace(/[▲▼]/g, "").trim()));
    expect(headings).toEqual(HEADINGS);
    const rows = await page.locator("table.member-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((cell) => (cell as unknown as { innerText: string }).innerText)));
    expect(rows.map((r) => r.map(squash))).toEqual(members.edges.map((e: any) => expectedRow(e.node)));
    // The sample shows every kind of value: signed and not, declared and not, dated and not.
    const cells = (i: number) => rows.map((r) => squash(r[i]));
    expect(cells(6).some((c) => c.startsWith("Oui, le"))).toBe(true);
    expect(cells(6)).toContain("Non");
    expect(cells(4)).toContain("Non déclaré");
    expect(cells(5)).toContain("Aucune");
    expect(await page.locator("main").innerText()).not.toMatch(/SMALL_EMPLOYER|EMPLOYER\b|Fédérée|QXNz/);
    // The names lead to the members' pages.
    const first = members.edges[0].node;
    expect(await page.locator("table.member-table tbody tr").first().getByRole("link", { name: first.name }).getAttribute("href")).toBe(`/organisation/${first.id}`);
    await expect(page.locator("button.more").isVisible()).resolves.toBe(false);
    await checkTargets(page, "main", width);
    await page.screenshot({ path: path.join(ARTIFACTS, `federation-${device}-2-membres.png`), fullPage: true });

    // Sorted by name, Z to A, as the API sorts.
    const { associations: reversed } = await api(operations.NetworkMemberList, { networkId: network.id, direction: "DESC" });
    await page.locator("table.member-table thead").getByRole("link", { name: /^Nom/ }).click();
    await page.waitForFunction("document.querySelector('table.member-table thead th')?.getAttribute('aria-sort') === 'descending'");
    const names = await page.locator("table.member-table tbody th").allInnerTexts();
    expect(names).toEqual(reversed.edges.map((e: any) => e.node.name));
    expect(names).toEqual(members.edges.map((e: any) => e.node.name).reverse());
  });

  it("goes from the network head's page to its dashboard, whose heading names the network and links back", async () => {
    await page.goto(`${base}/organisation/${network.id}`);
    await shown(page, "organisation");
    await page.getByRole("navigation", { name: "Son réseau" }).getByRole("link", { name: "Tableau de bord du réseau" }).click();
    await shown(page, "tableau-de-bord");
    await page.waitForSelector("[data-figure=associations-total]");
    expect(new URL(page.url()).searchParams.get("reseau")).toBe(network.id);
    expect(await page.locator("h1").innerText()).toBe(`Tableau de bord — ${network.name}`);
    const { dashboard } = await api(operations.StakesDashboard, { scope: { networkId: network.id } });
    expect(Number((await page.locator("[data-figure=associations-total]").innerText()).replace(/\D/g, ""))).toBe(dashboard.employerSizes.total);
    await checkTargets(page, "main .network-links", width);
    await page.screenshot({ path: path.join(ARTIFACTS, `federation-${device}-3-tableau-de-bord.png`) });

    await page.getByRole("link", { name: "Membres du réseau" }).click();
    await shown(page, "reseau");
    await page.getByRole("link", { name: "Tableau de bord du réseau" }).click();
    await shown(page, "tableau-de-bord");
    await page.getByRole("link", { name: "Fiche du réseau" }).click();
    await shown(page, "organisation");
    expect(new URL(page.url()).pathname).toBe(`/organisation/${network.id}`);
    expect(await page.locator("h1").innerText()).toContain(network.name);
  });
});

describe("the member list of an address that names no network", () => {
  it("says so in French, and an association without members says it has none", async () => {
    const page = await browser.newPage();
    const { associations, projects } = await api(`{
      associations(first: 1, filter: { groupings: [SIMPLE] }) { edges { node { id name } } }
      projects(first: 1) { edges { node { id } } }
    }`);
    for (const id of ["abc123", projects.edges[0].node.id]) {
      await page.goto(`${base}/reseau/${id}/membres`);
      await shown(page, "reseau");
      expect(await page.locator("h1").innerText()).toBe("Réseau introuvable");
      expect(await page.locator("main").innerText()).toContain("Cherchez la fédération ou l'union dans la barre de recherche");
    }
    const simple = associations.edges[0].node;
    await page.goto(`${base}/reseau/${simple.id}/membres`);
    await shown(page, "reseau");
    expect(await page.locator("h1").innerText()).toBe(`Membres — ${simple.name}`);
    expect(await page.locator("[data-figure=members-total]").innerText()).toMatch(/^Aucun membre actuel/);
    expect(await page.locator("table.member-table").isVisible()).toBe(false);
    await page.close();
  });

  it("left no error in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});
