import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import * as operations from "../explorer/src/api/operations";
import { ARTIFACTS, ensureExplorerBuilt, launchBrowser } from "./support/explorer-browser";
import { startTestServer, TestServer } from "./support/test-server";

/*
 * The explorer end to end: the real server on the demo data serves the built explorer at /, and
 * Debian's Chromium (headless, through playwright-core) uses it as an officer would. Figures read on
 * the pages are checked against the API's own answers; screenshots go to .tmp/artifacts/explorer.
 */

let server: TestServer;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
/** Every request the pages sent to the API, to check they are anonymous POSTs of JSON. */
const apiRequests: { method: string; contentType?: string; authorization?: string; operation?: string }[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureExplorerBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer("explorer");
  base = server.url.replace(/\/graphql$/, "");
  browser = await launchBrowser();
  context = browser.context;
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("request", (request) => {
    if (new URL(request.url()).pathname !== "/graphql") return;
    const headers = request.headers();
    apiRequests.push({ method: request.method(), contentType: headers["content-type"], authorization: headers.authorization,
      operation: /query (\w+)/.exec(JSON.parse(request.postData() ?? "{}").query ?? "")?.[1] });
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The page's main content is rendered (the router marks <body data-page>). */
async function open(url: string): Promise<void> {
  await page.goto(base + url);
  await page.waitForFunction("document.body.dataset.page && document.body.dataset.page !== 'loading'");
}

/** Waits for the router to have rendered a page of this kind (`<body data-page>`). */
async function pageShown(kind: string): Promise<void> {
  await page.waitForFunction(`document.body.dataset.page === ${JSON.stringify(kind)}`);
}

async function shot(name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** A figure as the page shows it (French grouping: 9 314), as a number. */
async function figure(selector: string): Promise<number> {
  const text = await page.locator(selector).first().innerText();
  return Number(text.replace(/[\s\u202f\u00a0]/g, ""));
}

async function api(query: string, variables?: Record<string, unknown>): Promise<any> {
  const { data, errors } = await server.post(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

describe("the explorer, in Chromium", () => {
  it("searches without accents, then opens an association's page", async () => {
    await open("/");
    await page.getByLabel("Rechercher").fill("regie quartier");
    await page.getByLabel("Rechercher").press("Enter");
    await page.waitForSelector(".results li");
    const expected = (await api(operations.SearchEverything, { text: "regie quartier", first: 50 })).search;
    const names = await page.locator(".results li a").allInnerTexts();
    expect(names).toEqual(expected.edges.map((e: any) => e.node.name ?? e.node.title));
    expect(names).toContain("Régie de quartier d'Hem");
    await shot("1-recherche");

    await page.getByRole("link", { name: "Régie de quartier d'Hem", exact: true }).click();
    await page.waitForSelector("h1:has-text(\"Régie de quartier d'Hem\")");
    await pageShown("organisation");
    const { association } = await api(`{ search(text: "Régie de quartier d'Hem", first: 1, kinds: [ASSOCIATION]) { edges { node { ... on Association { id rna } } } } }`)
      .then((d) => ({ association: d.search.edges[0].node }));
    expect(new URL(page.url()).pathname).toBe(`/organisation/${association.id}`);
    expect(await page.locator(".identity dt:text-is('RNA') + dd").innerText()).toBe(association.rna);
    await shot("2-organisation");
  });

  it("picks a QPV in the territory picker and draws its real contour on the map; a point opens its record", async () => {
    await open("/");
    const choose = async (level: string, value: string) => {
      await page.waitForSelector(`#territoire-${level} option[value="${value}"]`, { state: "attached" });
      await page.selectOption(`#territoire-${level}`, value);
    };
    await choose("r", "32");
    await choose("d", "59");
    await choose("e", "200093201");
    await choose("c", "59512");
    await choose("q", "QN05981M");
    await page.waitForSelector("#carte[data-state=ready]");
    await page.waitForSelector("path.qpv-QN05981M.selected");
    expect(new URL(page.url()).searchParams.get("q")).toBe("QN05981M");
    // The contour drawn is the QPV's real geometry: as many rings as the API's MultiPolygon.
    const { qpv } = await api(`{ qpv(code: "QN05981M") { geometry } }`);
    const rings = (qpv.geometry.coordinates as number[][][][]).reduce((n, polygon) => n + polygon.length, 0);
    const drawnRings = await page.locator("path.qpv-QN05981M").getAttribute("d").then((d) => (d!.match(/M/g) ?? []).length);
    expect(drawnRings).toBe(rings);
    // The points are the associations and events the exports place in the QPV.
    const points: any = await (await fetch(`${base}/exports/associations.geojson?filter=${encodeURIComponent(JSON.stringify({ qpvCodes: ["QN05981M"] }))}`)).json();
    expect(await page.locator("path.point-association").count()).toBe(points.features.length);
    expect(await figure("[data-figure=associations]")).toBe(points.features.length);
    await shot("3-carte-qpv");

    await page.locator("path.point-association").first().dispatchEvent("click");
    await page.getByRole("link", { name: "Ouvrir la fiche" }).click();
    await pageShown("organisation");
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
    expect(points.features.map((f: any) => f.id)).toContain(id);
  });

  it("draws an organisation's cooperation network at depth 1 and 2, with its partner suggestions", async () => {
    const { association } = await api(`{ association(rna: "W595021953") { id name } }`);
    await open(`/organisation/${association.id}`);
    await page.waitForSelector("#graphe[data-state=ready]");
    const depth1 = (await api(operations.CooperationGraph, { roots: [association.id], depth: 1 })).cooperationNetwork;
    expect(Number(await page.getAttribute("#graphe", "data-nodes"))).toBe(depth1.nodes.length);
    expect(Number(await page.getAttribute("#graphe", "data-edges"))).toBe(depth1.edges.length);
    expect(await page.locator("#graphe canvas").count()).toBeGreaterThan(0);
    const direct = depth1.edges.filter((e: any) => e.source === association.id || e.target === association.id);
    expect(await page.locator(".link-table tbody tr").count()).toBe(direct.length);

    const suggestions = (await api(operations.PartnerSuggestions, { organizationId: association.id })).partnerSuggestions;
    await page.waitForSelector(".suggestion-list, .suggestions p:not(:has-text('Chargement'))");
    expect(await page.locator(".suggestion-list > li > a").allInnerTexts()).toEqual(suggestions.map((s: any) => s.organization.name));
    await page.locator("#graphe").scrollIntoViewIfNeeded();
    await shot("4-reseau");

    await page.getByLabel("Partenaires de ses partenaires").check();
    const depth2 = (await api(operations.CooperationGraph, { roots: [association.id], depth: 2 })).cooperationNetwork;
    await page.waitForSelector(`#graphe[data-state=ready][data-nodes="${depth2.nodes.length}"]`);
    expect(depth2.nodes.length).toBeGreaterThan(depth1.nodes.length);
    await page.locator("#graphe").scrollIntoViewIfNeeded();
    await shot("5-reseau-profondeur-2");
  });

  it("shows the dashboard of a département with the API's figures, links to the matching list and exports a CSV", async () => {
    await open("/tableau-de-bord?r=32&d=59");
    await page.waitForSelector("[data-figure=associations-total]");
    const { dashboard } = await api(operations.StakesDashboard, { scope: { departmentCodes: ["59"] } });
    expect(await figure("[data-figure=associations-total]")).toBe(dashboard.employerSizes.total);
    expect(await figure("[data-figure=small-employers]")).toBe(dashboard.employerSizes.smallEmployer);
    expect(await figure("[data-figure=federated]")).toBe(dashboard.federation.federated);
    expect(await figure("[data-figure=non-federated]")).toBe(dashboard.federation.nonFederated);
    expect(await figure("[data-figure=residents]")).toBe(dashboard.participation.residents);
    expect(await figure("[data-figure=projects]")).toBe(dashboard.projects.total);
    expect(await figure("[data-figure=links]")).toBe(dashboard.cooperation.links);
    expect(await figure("[data-figure=charter-cumulative]")).toBe(dashboard.charterSignatures.cumulative);
    expect(await page.locator(".cards canvas").count()).toBe(6);
    await shot("6-tableau-de-bord", true);

    // Each chart's export: the associations of the Nord as CSV, one line per association of the figure.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#carte-employeurs").getByRole("link", { name: "CSV (programmes)" }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    fs.writeFileSync(path.join(ARTIFACTS, download.suggestedFilename()), csv);
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0].startsWith("id,name,")).toBe(true);
    expect(lines.length - 1).toBe(dashboard.employerSizes.total);

    // The figure's list: the same filter, the same count.
    await page.locator("#carte-federation").getByRole("link", { name: "Liste des non fédérées" }).click();
    await pageShown("liste");
    expect(await page.locator("[data-figure=list-total]").innerText()).toMatch(new RegExp(`^${dashboard.federation.nonFederated} résultat`));
    expect(await page.locator("table.list tbody tr").count()).toBe(Math.min(50, dashboard.federation.nonFederated));
    await shot("7-liste");
  });

  it("is keyboard-usable: a skip link, labelled controls, and the search reachable by Tab", async () => {
    await open("/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Aller au contenu");
    for (const id of ["territoire-r", "territoire-d", "territoire-e", "territoire-c", "territoire-q", "recherche-texte"]) {
      expect(await page.locator(`label[for=${id}]`).count()).toBe(1);
    }
    expect(await page.getAttribute("html", "lang")).toBe("fr");
  });

  it("asked the API only anonymously, with POST application/json and named operations of operations.ts", () => {
    expect(apiRequests.length).toBeGreaterThan(10);
    const names = new Set(Object.keys(operations));
    for (const request of apiRequests) {
      expect(request).toMatchObject({ method: "POST", contentType: "application/json" });
      expect(request.authorization).toBeUndefined();
      expect(names.has(request.operation!)).toBe(true);
    }
    expect(pageErrors).toEqual([]);
  });
});

describe("serving the explorer", () => {
  it("answers its pages with index.html (never cached), its hashed assets as immutable, and leaves the API's routes alone", async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    expect(html).toContain('<html lang="fr">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    const deepLink = await fetch(`${base}/organisation/QXNzb2NpYXRpb246OTE`, { headers: { accept: "text/html" } });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    const unknownExport = await fetch(`${base}/exports/nothing.csv`, { headers: { accept: "text/html" } });
    expect(unknownExport.status).toBe(404);
    expect(unknownExport.headers.get("content-type")).toMatch(/json/);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    for (const apiPath of ["/graphql", "/graphql/sub", "/exports", "/metrics", "/readyz/x"]) {
      const response = await fetch(`${base}${apiPath}`, { headers: { accept: "text/html" } });
      expect(await response.text()).not.toBe(html);
    }
  });
});
