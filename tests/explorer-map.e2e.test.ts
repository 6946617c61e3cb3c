import fs from "node:fs";
import path from "node:path";
import { Browser, BrowserContext, chromium, Page } from "playwright-core";
import * as operations from "../explorer/src/api/operations";
import { ARTIFACTS, CHROMIUM, ensureExplorerBuilt } from "./support/explorer-browser";
import { startStubGeocoder, StubGeocoder } from "./support/stub-geocoder";
import { startTestServer, TestServer } from "./support/test-server";

/*
 * The map's basemap and "Cette adresse est-elle en QPV ?" in Chromium, on the real server whose
 * geocoder is a local stub answering as the Base Adresse Nationale does. The basemap is the default
 * one (Plan IGN): its tiles are aborted here, as offline, and the map must work without them.
 */

const INSIDE = { label: "12 Rue de l'Épeule 59100 Roubaix", latitude: 50.674, longitude: 3.1873 };
const OUTSIDE = { label: "3 Place aux Oignons 59800 Lille", latitude: 50.6404, longitude: 3.0628, citycode: "59350", postcode: "59800", city: "Lille" };
const ROUBAIX = "/?r=32&d=59&e=200093201&c=59512";

let stub: StubGeocoder;
let server: TestServer;
let base: string;
let browser: Browser;
const pageErrors: string[] = [];
const tileRequests: string[] = [];
/** Requests to any other site than the server and the basemap's: there must be none. */
const otherRequests: string[] = [];
const apiOperations: string[] = [];

beforeAll(async () => {
  ensureExplorerBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  stub = await startStubGeocoder({
    "12 rue de l'Épeule Roubaix": INSIDE,
    "3 place aux Oignons Lille": OUTSIDE,
    "rue de la gare lille": { ...OUTSIDE, label: "Rue de la Gare 59800 Lille", type: "street", score: 0.62 },
    "une adresse en panne": { fault: "status", status: 503 },
  });
  server = await startTestServer("explorer-map", { geocoder: { url: stub.url, timeoutMs: 2000 } });
  base = server.url.replace(/\/graphql$/, "");
  // A browser rather than a persistent profile: each page gets its own context, desktop or phone.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stub?.close();
});

/** A page (desktop, or a phone in Chromium's mobile emulation) whose basemap tiles cannot be reached. */
async function newPage(phone?: { width: number }): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    locale: "fr-FR", timezoneId: "Europe/Paris",
    ...phone ? { viewport: { width: phone.width, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1280, height: 860 } },
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    const url = route.request().url();
    (url.startsWith("https://data.geopf.fr/") ? tileRequests : otherRequests).push(url);
    void route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("request", (request) => {
    if (new URL(request.url()).pathname !== "/graphql") return;
    apiOperations.push(/query (\w+)/.exec(JSON.parse(request.postData() ?? "{}").query ?? "")?.[1] ?? "?");
  });
  return { page, context };
}

async function mapReady(page: Page, url: string): Promise<void> {
  await page.goto(base + url);
  // "empty" before a territory is chosen, "ready" once its layers are drawn.
  await page.waitForSelector("#carte[data-state=ready], #carte[data-state=empty]");
}

async function askAddress(page: Page, text: string): Promise<void> {
  await page.getByLabel("Adresse", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await page.waitForSelector(".address-result .answer, .address-result .error");
}

/** The API's own answer, to check the page against. */
async function addressQpv(address: string): Promise<any> {
  const { data, errors } = await server.post(operations.AddressQpv, { address });
  expect(errors).toBeUndefined();
  return data.addressQpv;
}

describe("the map without its basemap (tiles unreachable)", () => {
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => {
    ({ page, context } = await newPage());
  });
  afterAll(async () => {
    await context?.close();
  });

  it("still draws contours and points, lists the QPVs, credits Plan IGN and says discreetly that the basemap is missing", async () => {
    await mapReady(page, ROUBAIX);
    // The basemap was asked for, as Plan IGN's WMTS tiles, and could not be had.
    await page.waitForSelector(".map-note");
    expect(tileRequests.length).toBeGreaterThan(0);
    for (const url of tileRequests) {
      expect(url).toMatch(/^https:\/\/data\.geopf\.fr\/wmts\?SERVICE=WMTS&REQUEST=GetTile&VERSION=1\.0\.0&LAYER=GEOGRAPHICALGRIDSYSTEMS\.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image\/png&TILEMATRIX=\d+&TILEROW=\d+&TILECOL=\d+$/);
    }
    expect(await page.locator(".map-note").innerText()).toBe("Fond de carte indisponible : contours et points restent affichés.");
    expect(await page.locator(".leaflet-control-attribution").innerText()).toContain("Fond de carte : Plan IGN © IGN");

    // Everything else is there: every QPV of Roubaix drawn and listed, the associations as points.
    const qpvs: any = await (await fetch(`${base}/exports/qpvs.geojson?filter=${encodeURIComponent(JSON.stringify({ communeInseeCodes: ["59512"] }))}`)).json();
    expect(qpvs.features.length).toBeGreaterThanOrEqual(3);
    for (const f of qpvs.features) expect(await page.locator(`path.qpv-${f.properties.code}`).count()).toBe(1);
    expect(await page.locator(".qpv-list > ul li").count()).toBe(qpvs.features.length);
    const points: any = await (await fetch(`${base}/exports/associations.geojson?filter=${encodeURIComponent(JSON.stringify({ communeInseeCodes: ["59512"] }))}`)).json();
    expect(points.features.length).toBeGreaterThan(0);
    expect(await page.locator("path.point-association").count()).toBe(points.features.length);
    expect(await page.locator("[role=alert], .error").count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "carte-sans-fond.png") });
  });

  it("answers an address inside a QPV: the QPV with a link to its page, its contour and a marker on the map", async () => {
    const expected = await addressQpv("12 rue de l'Épeule Roubaix");
    expect(expected.qpv.code).toBe("QN05981M");
    await askAddress(page, "12 rue de l'Épeule Roubaix");
    const answer = page.locator(".address-result .answer");
    expect(await answer.getAttribute("data-answer")).toBe("inside");
    expect(await answer.innerText()).toBe("Oui : cette adresse est dans le QPV Nouveau Roubaix (QN05981M).");
    expect(await page.locator(".address-result .found").innerText()).toBe(`Adresse reconnue : ${INSIDE.label}`);
    expect(await page.locator("path.address-marker").count()).toBe(1);
    expect(await page.locator("path.address-qpv-QN05981M").count()).toBe(1);
    // The marker is where the geocoder put the address.
    const markerBox = (await page.locator("path.address-marker").boundingBox())!;
    const marker = { x: markerBox.x + markerBox.width / 2, y: markerBox.y + markerBox.height / 2 };
    const mapBox = (await page.locator("#carte").boundingBox())!;
    expect(marker.x).toBeGreaterThan(mapBox.x);
    expect(marker.x).toBeLessThan(mapBox.x + mapBox.width);
    expect(marker.y).toBeGreaterThan(mapBox.y);
    expect(marker.y).toBeLessThan(mapBox.y + mapBox.height);
    await page.screenshot({ path: path.join(ARTIFACTS, "adresse-en-qpv.png") });

    await answer.getByRole("link", { name: "Nouveau Roubaix" }).click();
    await page.waitForFunction("document.body.dataset.page === 'qpv'");
    expect(new URL(page.url()).pathname).toBe("/qpv/QN05981M");
  });

  it("says when only the street was found, when nothing was, and when the geocoder is down (in French, with a retry)", async () => {
    await mapReady(page, "/");
    await askAddress(page, "rue de la gare lille");
    expect(await page.locator(".address-result .note").first().innerText()).toMatch(/^Seule la rue a été trouvée, pas le numéro/);

    await askAddress(page, "12 rue inconnue 99999 Nulle-Part");
    expect(await page.locator(".address-result .answer").innerText()).toMatch(/^Adresse introuvable dans la Base Adresse Nationale : vérifiez l'orthographe/);
    expect(await page.locator("path.address-marker").count()).toBe(0);

    await askAddress(page, "une adresse en panne");
    const error = page.locator(".address-result .error");
    expect(await error.innerText()).toMatch(/^La Base Adresse Nationale ne répond pas pour le moment\. Réessayez dans quelques instants\./);
    const before = stub.requests.length;
    // The retry replaces the message at once ("Recherche de l'adresse…"), then says it again.
    await error.getByRole("button", { name: "Réessayer" }).click();
    await page.waitForSelector(".address-result .error");
    expect(stub.requests.length).toBe(before + 1);

    // Too short: said at once, nothing sent.
    await page.getByLabel("Adresse", { exact: true }).fill(" a ");
    await page.getByRole("button", { name: "Vérifier" }).click();
    expect(await page.locator(".address-result .error").innerText()).toMatch(/^Saisissez une adresse : le numéro, la rue et la commune/);
    expect(stub.requests.length).toBe(before + 1);
  });
});

describe("on a phone", () => {
  it.each([390, 320])("at %i px: the address box fits and answers with the nearest QPVs and their distance", async (width) => {
    const { page, context } = await newPage({ width });
    try {
      await mapReady(page, "/");
      const expected = await addressQpv("3 place aux Oignons Lille");
      expect(expected.qpv).toBeNull();
      expect(expected.nearestQpvs.length).toBeGreaterThan(1);
      await askAddress(page, "3 place aux Oignons Lille");
      expect(await page.locator(".address-result .answer").innerText()).toBe("Non : cette adresse n'est dans aucun QPV.");
      const items = await page.locator(".address-result .nearest li").allInnerTexts();
      expect(items).toEqual(expected.nearestQpvs.map((n: any) => {
        const m = n.distanceMeters;
        const distance = m < 1000 ? `${Math.max(10, Math.round(m / 10) * 10)} m` : `${(m / 1000).toFixed(1).replace(".", ",")} km`;
        return `${n.qpv.name} (${n.qpv.code}), à ${distance}`;
      }));
      for (const n of expected.nearestQpvs) expect(await page.locator(`path.address-qpv-${n.qpv.code}`).count()).toBe(1);
      expect(await page.locator("path.address-marker").count()).toBe(1);
      // Within the screen, and large enough to tap (WCAG 2.2 target size: 24 x 24 px).
      for (const selector of [".address-check", "#adresse-qpv", ".address-check button[type=submit]"]) {
        const box = (await page.locator(selector).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        expect(box.height).toBeGreaterThanOrEqual(24);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, `adresse-hors-qpv-${width}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe("a server without basemap", () => {
  it("makes no request to a tile server, and shows no note", async () => {
    const { page, context } = await newPage();
    try {
      const before = tileRequests.length;
      await page.route("**/explorer-config.json", (route) => route.fulfill({ json: { basemap: null, addressLookup: true } }));
      await mapReady(page, ROUBAIX);
      await page.waitForTimeout(300);
      expect(tileRequests.length).toBe(before);
      expect(await page.locator(".map-note").count()).toBe(0);
      expect(await page.locator(".leaflet-control-attribution").innerText()).not.toContain("IGN");
      expect(await page.locator("path.qpv").count()).toBeGreaterThanOrEqual(3);
    } finally {
      await context.close();
    }
  });
});

describe("all along", () => {
  it("no page error, no request to a third site but the basemap's, the address asked with the named operation", () => {
    expect(pageErrors).toEqual([]);
    expect(otherRequests).toEqual([]);
    expect(apiOperations).toContain("AddressQpv");
    const names = new Set(Object.keys(operations));
    for (const name of apiOperations) expect(names.has(name)).toBe(true);
  });
});
