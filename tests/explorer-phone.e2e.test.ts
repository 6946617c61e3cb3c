import fs from "node:fs";
import path from "node:path";
import { Browser, BrowserContext, chromium, Page } from "playwright-core";
import * as operations from "../explorer/src/api/operations";
import { ARTIFACTS, CHROMIUM, ensureExplorerBuilt } from "./support/explorer-browser";
import { startTestServer, TestServer } from "./support/test-server";

/*
 * The explorer on a phone (Chromium's mobile emulation at 320 and 390 px: touch, coarse pointer,
 * device scale 2) and on a desktop (1366 px): no page scrolls sideways, controls are at least
 * 24×24 px (WCAG 2.2, 2.5.8), the map and the dashboard come first, and the network graph lets the
 * page scroll until asked to move, comes back with "Recentrer", and stays readable at depth 2.
 * Screenshots go to .tmp/artifacts/explorer/phone-*.png.
 */

// What page.evaluate and waitForFunction run is in the page, where these exist (the tests' tsconfig has no DOM types).
declare const document: any, window: any, location: any;
type HTMLElement = any;

let server: TestServer;
let base: string;
let browser: Browser;
const pageErrors: string[] = [];
/** Ids read from the API: the association of the other explorer tests and a network head with a big network. */
let association: { id: string; name: string };
let federation: { id: string; name: string };
let pages: [string, string, string?][];

const PHONE = (width: number) => ({ viewport: { width, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "fr-FR", timezoneId: "Europe/Paris" });
const DESKTOP = { viewport: { width: 1366, height: 768 }, locale: "fr-FR", timezoneId: "Europe/Paris" };

async function api(query: string, variables?: Record<string, unknown>): Promise<any> {
  const { data, errors } = await server.post(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

async function newPage(options: Parameters<Browser["newContext"]>[0]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { context, page };
}

/** Opens an address and waits for its page, and for what it loads afterwards (`ready`, a selector). */
async function open(page: Page, url: string, ready?: string): Promise<void> {
  await page.goto(base + url);
  await page.waitForFunction("document.body.dataset.page && document.body.dataset.page !== 'loading'");
  if (ready) await page.waitForSelector(ready, { state: "attached" });
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `phone-${name}.png`), fullPage });
}

beforeAll(async () => {
  ensureExplorerBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer("explorer_phone");
  base = server.url.replace(/\/graphql$/, "");
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  association = (await api(`{ association(rna: "W595021953") { id name } }`)).association;
  federation = (await api(`{ search(text: "Ligue de l'enseignement du Nord", first: 1, kinds: [ASSOCIATION]) { edges { node { ... on Association { id name } } } } }`)).search.edges[0].node;
  const firsts = await api(`{ projects(first: 1) { edges { node { id } } } events(first: 1) { edges { node { id } } } goodPractices(first: 1) { edges { node { id } } } }`);
  const nord = encodeURIComponent(JSON.stringify({ departmentCodes: ["59"] }));
  pages = [
    ["recherche", "/recherche?q=regie%20quartier", ".results li"],
    ["carte", "/", "#carte[data-state=empty]"],
    ["carte-region", "/?r=32", "#carte[data-state=ready]"],
    ["carte-departement", "/?r=32&d=59", "#carte[data-state=ready]"],
    ["carte-qpv", "/?r=32&d=59&e=200093201&c=59512&q=QN05981M", "#carte[data-state=ready]"],
    ["organisation", `/organisation/${association.id}`, "#graphe[data-state=ready]"],
    ["reseau", `/organisation/${federation.id}`, "#graphe[data-state=ready]"],
    ["tableau-de-bord-territoire", "/tableau-de-bord?r=32&d=59", "[data-ready=true]"],
    ["tableau-de-bord-reseau", `/tableau-de-bord?reseau=${encodeURIComponent(federation.id)}`, "[data-ready=true]"],
    ["liste-associations", `/liste/associations?filter=${nord}`, "table.list tbody tr"],
    ["liste-evenements", `/liste/evenements?filter=${nord}`, "table.list tbody tr"],
    ["qpv", "/qpv/QN05981M"],
    ["projet", `/projet/${encodeURIComponent(firsts.projects.edges[0].node.id)}`],
    ["evenement", `/evenement/${encodeURIComponent(firsts.events.edges[0].node.id)}`],
    ["bonne-pratique", `/bonne-pratique/${encodeURIComponent(firsts.goodPractices.edges[0].node.id)}`],
    ["introuvable", "/nulle-part"],
  ];
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every control outside running text smaller than 24×24 px on the page, as "what width×height". */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => ([...document.querySelectorAll(".site-header a, button, select, input:not([type=hidden]), summary, .leaflet-control-zoom a")] as HTMLElement[])
    .map((e) => [e, e.getBoundingClientRect()] as const)
    .filter(([, r]) => r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24))
    .map(([e, r]) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""} «${(e.textContent ?? "").trim().slice(0, 30)}» ${Math.round(r.width)}×${Math.round(r.height)}`));
}

describe("every page, from 320 px to a desktop", () => {
  it.each([["a 320 px phone", PHONE(320)], ["a 390 px phone", PHONE(390)], ["a 1366 px desktop", DESKTOP]])(
    "never scrolls sideways, and gives every menu link, button, checkbox, select and summary at least 24×24 px, on %s", async (_name, options) => {
      const { context, page } = await newPage(options);
      const wide: string[] = [];
      const small: string[] = [];
      for (const [label, url, ready] of pages) {
        await open(page, url, ready);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        if (scrollWidth > clientWidth) wide.push(`${label}: ${scrollWidth} > ${clientWidth}`);
        // Unfolded too: the territory's lists count.
        for (const fold of await page.locator("details.picker-fold:not([open]) > summary").all()) await fold.click();
        small.push(...(await smallTargets(page)).map((s) => `${label}: ${s}`));
      }
      await context.close();
      expect(wide).toEqual([]);
      expect(small).toEqual([]);
    }, 90_000);
});

describe("on a 390 px phone, one-handed", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await newPage(PHONE(390))));
  afterAll(() => context.close());

  it("shows the map of a chosen territory in the first screen, the territory folded to one line that unfolds", async () => {
    await open(page, "/?r=32&d=59&e=200093201&c=59512&q=QN05981M", "#carte[data-state=ready]");
    await page.waitForSelector(".territory-picker[data-loaded]");
    await shot(page, "390-carte-qpv");
    const map = (await page.locator("#carte").boundingBox())!;
    expect(map.y).toBeLessThan(844 / 2);
    expect(map.width).toBeGreaterThan(390 - 40);
    expect(await page.locator(".picker-fold > summary").innerText()).toMatch(/QPV : Nouveau Roubaix \(QN05981M\)/);
    expect(await page.locator("#territoire-q").isVisible()).toBe(false);
    await page.locator(".picker-fold > summary").tap();
    expect(await page.locator("#territoire-q").isVisible()).toBe(true);
    expect(await page.locator("#territoire-q").inputValue()).toBe("QN05981M");
  });

  it("shows a territory's dashboard cards in one column, the first in the first screen", async () => {
    await open(page, "/tableau-de-bord?r=32&d=59", "[data-ready=true]");
    await shot(page, "390-tableau-de-bord");
    const cards = await page.locator(".card").evaluateAll((list) => list.map((c) => c.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width })));
    expect(cards).toHaveLength(6);
    expect(cards[0].y).toBeLessThan(844);
    for (const card of cards) expect(card).toMatchObject({ x: cards[0].x, width: cards[0].width });
    expect(cards[0].width).toBeGreaterThan(390 - 40);
    expect(cards[0].x + cards[0].width).toBeLessThanOrEqual(390);
  });
});

const graphInMiddle = (page: Page) => page.evaluate(() => document.getElementById("graphe")!.scrollIntoView({ block: "center" }));

/** State of the graph the page exposes on its box: pan, zoom, focus, names shown. */
function graphState(page: Page): Promise<Record<string, string | undefined>> {
  return page.evaluate(() => ({ ...document.getElementById("graphe")!.dataset }));
}

/** Where a node is drawn on the screen (Cytoscape's registry on its container). */
function nodeOnScreen(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const box = document.getElementById("graphe") as HTMLElement & { _cyreg: { cy: import("cytoscape").Core } };
    const position = box._cyreg.cy.getElementById(nodeId).renderedPosition();
    const rect = box.getBoundingClientRect();
    return { x: rect.x + position.x, y: rect.y + position.y };
  }, id);
}

/** The neighbours of an organisation through the links of a network answer (kinds: the links shown). */
function neighbours(network: any, id: string, kinds?: string[]): string[] {
  return (network.edges as any[]).filter((e) => (e.source === id || e.target === id) && (!kinds || e.kinds.some((k: string) => kinds.includes(k))))
    .map((e) => (e.source === id ? e.target : e.source)).sort();
}

describe("the network graph on a 390 px phone", () => {
  let context: BrowserContext;
  let page: Page;
  let network: any;
  beforeAll(async () => {
    ({ context, page } = await newPage(PHONE(390)));
    network = (await api(operations.CooperationGraph, { roots: [federation.id], depth: 1 })).cooperationNetwork;
  });
  afterAll(() => context.close());

  /** A one-finger swipe upwards over the middle of the graph, as a thumb scrolls a page. */
  async function swipeUp(): Promise<void> {
    const box = (await page.locator("#graphe").boundingBox())!;
    const x = box.x + box.width / 2;
    const [from, to] = [box.y + box.height * 0.75, box.y + box.height * 0.35];
    const cdp = await context.newCDPSession(page);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: from }] });
    for (let i = 1; i <= 10; i++) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: from + ((to - from) * i) / 10 }] });
      await page.waitForTimeout(16);
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
    await page.waitForTimeout(300);
  }
  const scrollY = () => page.evaluate(() => Math.round(window.scrollY));

  it("scrolls the page under a swipe, moves the graph only once « Déplacer le graphe » is on, and « Recentrer » brings it back", async () => {
    await open(page, `/organisation/${federation.id}`, "#graphe[data-state=ready]");
    expect(Number(await page.getAttribute("#graphe", "data-nodes"))).toBe(network.nodes.length);
    const toggle = page.getByRole("button", { name: "Déplacer le graphe" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await graphInMiddle(page);
    await shot(page, "390-reseau");
    const initial = await graphState(page);
    expect(initial).toMatchObject({ moving: "false", pan: expect.any(String), zoom: expect.any(String) });

    const before = await scrollY();
    await swipeUp();
    expect(await scrollY()).toBeGreaterThan(before + 50);
    expect(await graphState(page)).toMatchObject({ pan: initial.pan, zoom: initial.zoom });

    await toggle.tap();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    await graphInMiddle(page);
    const still = await scrollY();
    await swipeUp();
    expect(await scrollY()).toBe(still);
    const moved = await graphState(page);
    expect(moved.pan).not.toBe(initial.pan);

    await page.getByRole("button", { name: "Recentrer" }).tap();
    await page.waitForTimeout(100);
    expect(await graphState(page)).toMatchObject({ pan: initial.pan, zoom: initial.zoom });
    await toggle.tap();
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
  });

  it("lights an organisation's neighbours on a tap, and opens its page on a second tap", async () => {
    const labelled = (await graphState(page)).labelled!.split(" ");
    const target = labelled.find((id) => id !== federation.id)!;
    const name = network.nodes.find((n: any) => n.organization.id === target).organization.name;
    await graphInMiddle(page);
    const point = await nodeOnScreen(page, target);
    await page.touchscreen.tap(point.x, point.y);
    await page.waitForFunction((id) => document.getElementById("graphe")!.dataset.focus === id, target);
    const state = await graphState(page);
    expect(state.highlighted!.split(" ")).toEqual(neighbours(network, target));
    expect(await page.locator(".graph-selection").innerText()).toContain(name);
    await shot(page, "390-reseau-voisins");
    expect(new URL(page.url()).pathname).toBe(`/organisation/${federation.id}`);

    await page.touchscreen.tap(point.x, point.y);
    await page.waitForFunction((id) => location.pathname === `/organisation/${id}`, encodeURIComponent(target));
    await page.waitForSelector(`h1:has-text(${JSON.stringify(name)})`);
  });
});

describe("the network graph at depth 2 on a desktop", () => {
  let context: BrowserContext;
  let page: Page;
  let network: any;
  beforeAll(async () => {
    ({ context, page } = await newPage(DESKTOP));
    network = (await api(operations.CooperationGraph, { roots: [association.id], depth: 2 })).cooperationNetwork;
  });
  afterAll(() => context.close());

  it("groups the organisations and names only the strongest ones", async () => {
    await open(page, `/organisation/${association.id}`, "#graphe[data-state=ready]");
    // A mouse moves the graph as before.
    expect(await page.getByRole("button", { name: "Déplacer le graphe" }).getAttribute("aria-pressed")).toBe("true");
    await page.getByLabel("Partenaires de ses partenaires").check();
    await page.waitForSelector(`#graphe[data-state=ready][data-nodes="${network.nodes.length}"]`);
    expect(network.nodes.length).toBeGreaterThan(60);
    await graphInMiddle(page);
    await shot(page, "1366-reseau-profondeur-2");

    const state = await graphState(page);
    expect(Number(state.groups)).toBeGreaterThan(2);
    const labelled = state.labelled!.split(" ");
    // Strength: the sum of the weights of an organisation's links.
    const strength = new Map<string, number>();
    for (const e of network.edges) for (const end of [e.source, e.target]) strength.set(end, (strength.get(end) ?? 0) + e.weight);
    const others = [...strength].filter(([id]) => id !== association.id).map(([, s]) => s).sort((a, b) => b - a);
    const twelfth = others[11];
    expect(labelled).toContain(association.id);
    expect(labelled.length).toBeGreaterThanOrEqual(6);
    expect(labelled.length).toBeLessThanOrEqual(13);
    for (const id of labelled.filter((id) => id !== association.id)) expect(strength.get(id)).toBeGreaterThanOrEqual(twelfth);
  });

  it("hides the links of an unticked kind, as cooperationNetwork gives their kinds (a link of several kinds stays while one is ticked)", async () => {
    expect(Number(await page.getAttribute("#graphe", "data-edges-shown"))).toBe(network.edges.length);
    const shown = (kinds: string[]) => network.edges.filter((e: any) => e.kinds.some((k: string) => kinds.includes(k))).length;
    await page.getByLabel("Projets partagés").uncheck();
    const withoutProjects = shown(["EVENT", "FUNDING", "MEMBERSHIP"]);
    expect(withoutProjects).toBeLessThan(network.edges.length);
    expect(Number(await page.getAttribute("#graphe", "data-edges-shown"))).toBe(withoutProjects);
    await page.getByLabel("Financements").uncheck();
    expect(shown(["EVENT", "MEMBERSHIP"])).toBeLessThan(withoutProjects);
    expect(Number(await page.getAttribute("#graphe", "data-edges-shown"))).toBe(shown(["EVENT", "MEMBERSHIP"]));
    await graphInMiddle(page);
    await shot(page, "1366-reseau-evenements-adhesions");

    // A node's neighbours through the links shown only.
    const hub = network.nodes.map((n: any) => n.organization.id).find((id: string) => id !== association.id && neighbours(network, id, ["EVENT", "MEMBERSHIP"]).length > 0);
    const point = await nodeOnScreen(page, hub);
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction((id) => document.getElementById("graphe")!.dataset.focus === id, hub);
    expect((await graphState(page)).highlighted!.split(" ")).toEqual(neighbours(network, hub, ["EVENT", "MEMBERSHIP"]));

    await page.getByLabel("Financements").check();
    await page.getByLabel("Projets partagés").check();
    expect(Number(await page.getAttribute("#graphe", "data-edges-shown"))).toBe(network.edges.length);
  });

  it("opens an organisation with a click, as before", async () => {
    await graphInMiddle(page);
    const target = (await graphState(page)).labelled!.split(" ").find((id) => id !== association.id)!;
    const point = await nodeOnScreen(page, target);
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction((id) => location.pathname === `/organisation/${id}`, encodeURIComponent(target));
  });

  it("raised no script error on any page", () => {
    expect(pageErrors).toEqual([]);
  });
});
