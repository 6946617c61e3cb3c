import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page, Route } from "playwright-core";
import * as operations from "../explorer/src/api/operations";
import { ARTIFACTS, ensureExplorerBuilt, launchBrowser } from "./support/explorer-browser";
import { startTestServer, TestServer } from "./support/test-server";

/*
 * Words for people, in Chromium on the real server: errors said in French with "Réessayer" when the
 * API is down (and the retry works once it is back), a failed graph change that keeps the graph drawn,
 * list filters as removable chips with names, the French spreadsheet export, a helpful empty search,
 * and no JSON, base64 id or enum code in the text of any page.
 */

let server: TestServer;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** While true, the API (/graphql and /exports) cannot be reached, as when its server is down. */
let apiDown = false;
/** Answers the next GraphQL request of an operation itself (a refusal), once. */
const nextAnswer = new Map<string, { status: number; headers?: Record<string, string>; body: unknown }>();

beforeAll(async () => {
  ensureExplorerBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer("explorer-words");
  base = server.url.replace(/\/graphql$/, "");
  browser = await launchBrowser();
  context = browser.context;
  const toApi = async (route: Route) => {
    if (apiDown) return route.abort("connectionrefused");
    const operation = /query (\w+)/.exec(JSON.parse(route.request().postData() ?? "{}").query ?? "")?.[1];
    const answer = operation ? nextAnswer.get(operation) : undefined;
    if (!answer) return route.continue();
    nextAnswer.delete(operation!);
    return route.fulfill({ status: answer.status, headers: { "content-type": "application/json", ...answer.headers }, body: JSON.stringify(answer.body) });
  };
  await context.route("**/graphql", toApi);
  await context.route("**/exports/**", toApi);
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(url: string): Promise<void> {
  await page.goto(base + url);
  await page.waitForFunction("document.body.dataset.page && document.body.dataset.page !== 'loading'");
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `mots-${name}.png`), fullPage: true });
}

async function api(query: string, variables?: Record<string, unknown>): Promise<any> {
  const { data, errors } = await server.post(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** The network head with the most members (the Fédération des centres sociaux de Seine-Saint-Denis in the demo data). */
async function networkHead(selection: string): Promise<any> {
  const heads = (await api(`{ associations(first: 100, filter: { groupings: [FEDERATION, UNION] }) { edges { node { ${selection} count: networkMembers(first: 1) { totalCount } } } } }`))
    .associations.edges.map((e: any) => e.node);
  return heads.sort((a: any, b: any) => b.count.totalCount - a.count.totalCount)[0];
}

/** French words a person can act on, never the API's or the browser's English. */
const ENGLISH = /Failed to fetch|is not a valid|NetworkError|HTTP \d{3}|Error:|Erreur :|undefined|\[object/;

describe("errors, in French, with a retry", () => {
  afterEach(() => {
    apiDown = false;
    nextAnswer.clear();
  });

  it("the map says the API is down (territories and map), and Réessayer brings it back", async () => {
    apiDown = true;
    await open("/?r=32&d=59");
    const pickerError = page.locator(".territory-picker [role=alert]");
    const mapError = page.locator(".map-summary [role=alert]");
    await pickerError.waitFor();
    await mapError.waitFor();
    await page.waitForSelector("#carte[data-state=error]");
    for (const box of [pickerError, mapError]) {
      const text = await box.innerText();
      expect(text).toMatch(/ne répond pas.*Vérifiez votre connexion, puis réessayez/s);
      expect(text).not.toMatch(ENGLISH);
      expect(await box.getByRole("button", { name: "Réessayer" }).count()).toBe(1);
    }
    await shot("api-coupee-carte");

    apiDown = false;
    await mapError.getByRole("button", { name: "Réessayer" }).click();
    await page.waitForSelector("#carte[data-state=ready]");
    expect(Number(await page.locator("[data-figure=associations]").innerText().then((t) => t.replace(/\D/g, "")))).toBeGreaterThan(0);
    await pickerError.getByRole("button", { name: "Réessayer" }).click();
    await page.waitForSelector('#territoire-d option[value="59"]', { state: "attached" });
    expect(await page.locator(".territory-picker [role=alert]").count()).toBe(0);
    expect(await page.inputValue("#territoire-d")).toBe("59");
  });

  it("a page that cannot load says so in French, and Réessayer loads it once the API is back", async () => {
    const { association } = await api(`{ association(rna: "W595021953") { id name } }`);
    apiDown = true;
    await open(`/organisation/${association.id}`);
    expect(await page.locator("h1").innerText()).toBe("Cette page n'a pas pu s'afficher");
    expect(await page.locator("main [role=alert]").innerText()).not.toMatch(ENGLISH);
    apiDown = false;
    await page.getByRole("button", { name: "Réessayer" }).click();
    await page.waitForSelector(`h1:has-text("${association.name}")`);
  });

  it("an address with a wrong id says so, in French, without the API's message", async () => {
    await open("/organisation/abc123");
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/désigne une fiche qui n'existe pas/);
    expect(text).not.toMatch(/abc123|not a valid id|INVALID_ID|BAD_USER_INPUT/);
    // No retry where trying again cannot help.
    expect(await page.getByRole("button", { name: "Réessayer" }).count()).toBe(0);
  });

  it("a rate limit says how long to wait, and Réessayer waits for its Retry-After", async () => {
    nextAnswer.set("Networks", {
      status: 429, headers: { "retry-after": "2" },
      body: { errors: [{ message: "Rate limit reached: retry in 2 s.", extensions: { code: "RATE_LIMITED", retryAfterSeconds: 2 } }] },
    });
    await open("/tableau-de-bord?r=32&d=59");
    const alert = page.locator("main [role=alert]");
    expect(await alert.innerText()).toMatch(/Trop de demandes.*Patientez 2 s, puis réessayez/s);
    const started = Date.now();
    await page.getByRole("button", { name: "Réessayer" }).click();
    await page.waitForSelector("[data-figure=associations-total]");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("a failed change of the cooperation graph keeps the graph drawn and says why beside it", async () => {
    const { association } = await api(`{ association(rna: "W595021953") { id } }`);
    await open(`/organisation/${association.id}`);
    await page.waitForSelector("#graphe[data-state=ready]");
    const drawn = await page.getAttribute("#graphe", "data-nodes");
    const links = await page.locator(".link-table tbody tr").count();
    apiDown = true;
    // click(), not check(): the page puts the depth back as soon as the change fails, which check() would take for a missed click.
    await page.getByLabel("Partenaires de ses partenaires").click();
    const error = page.locator(".graph-error [role=alert]");
    await error.waitFor();
    expect(await error.innerText()).toMatch(/Le réseau des partenaires de ses partenaires n'a pas pu être chargé\. Le graphe affiché reste celui des partenaires directs\./);
    expect(await page.getAttribute("#graphe", "data-state")).toBe("ready");
    expect(await page.getAttribute("#graphe", "data-nodes")).toBe(drawn);
    expect(await page.locator("#graphe canvas").count()).toBeGreaterThan(0);
    expect(await page.locator(".link-table tbody tr").count()).toBe(links);
    expect(await page.isChecked("#profondeur-1")).toBe(true);
    await page.locator(".network-section").screenshot({ path: path.join(ARTIFACTS, "mots-graphe-erreur.png") });

    apiDown = false;
    await error.getByRole("button", { name: "Réessayer" }).click();
    const depth2 = (await api(operations.CooperationGraph, { roots: [association.id], depth: 2 })).cooperationNetwork;
    await page.waitForSelector(`#graphe[data-state=ready][data-nodes="${depth2.nodes.length}"]`);
    expect(await page.isChecked("#profondeur-2")).toBe(true);
    expect(await page.locator(".graph-error").innerText()).toBe("");
  });
});

describe("lists, exports and search, for people", () => {
  const chipTexts = () => page.locator(".filter-chips .chip span").allInnerTexts();
  const listTotal = async () => Number((await page.locator("[data-figure=list-total]").innerText()).replace(/\D/g, ""));

  it("shows a list's filter as chips named by the API, each removable", async () => {
    const filter = { epciSirens: ["200093201"], federated: false, employerSizes: ["SMALL_EMPLOYER"] };
    await open(`/liste/associations?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    await page.waitForSelector(".filter-chips");
    expect(await chipTexts()).toEqual(["EPCI : Métropole Européenne de Lille", "Fédérée : non", "Taille employeur : Petit employeur (≤ 2 ETP)"]);
    const { associations } = await api(`query ($filter: AssociationFilter) { associations(first: 1, filter: $filter) { totalCount } }`, { filter });
    expect(await listTotal()).toBe(associations.totalCount);
    await shot("filtre-puces");

    await page.getByRole("link", { name: "Retirer le critère « Fédérée : non »" }).click();
    await page.waitForFunction("document.querySelectorAll('.filter-chips .chip').length === 2");
    const without = { epciSirens: ["200093201"], employerSizes: ["SMALL_EMPLOYER"] };
    expect(JSON.parse(new URL(page.url()).searchParams.get("filter")!)).toEqual(without);
    const rest = await api(`query ($filter: AssociationFilter) { associations(first: 1, filter: $filter) { totalCount } }`, { filter: without });
    await page.waitForFunction(`document.querySelector("[data-figure=list-total]")?.textContent?.startsWith("${rest.associations.totalCount} ")`);
    expect(await chipTexts()).toEqual(["EPCI : Métropole Européenne de Lille", "Taille employeur : Petit employeur (≤ 2 ETP)"]);
  });

  it("names a network's many participants in one chip, and QPVs, stakes and dates in words", async () => {
    const head = await networkHead(`id name networkMembers(first: 100) { edges { node { member { id name } } } }`);
    const ids = [head.id, ...head.networkMembers.edges.map((e: any) => e.node.member.id)];
    expect(ids.length).toBeGreaterThan(5);
    const filter = { participantIds: ids, qpvCodes: ["QN05981M"], stakeNumbers: [4], activeFrom: "2025-01-01" };
    await open(`/liste/projets?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    await page.waitForSelector(".filter-chips");
    const names = (await api(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Association { name } } }`, { ids: ids.slice(0, 3) })).nodes.map((n: any) => n.name);
    expect(await chipTexts()).toEqual([
      `Participants : ${names.join(", ")} et ${ids.length - 3} autres`,
      "QPV : Nouveau Roubaix",
      "Enjeu : 4. Mieux coopérer entre associations et acteurs de la politique de la ville.",
      "En cours à partir du : 1 janv. 2025",
    ]);
  });

  it("downloads the French spreadsheet form of a list (and offers the data form for programs)", async () => {
    const filter = { epciSirens: ["200093201"], federated: false };
    await open(`/liste/associations?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(await page.locator("[data-export]").allInnerTexts()).toEqual(["Tableur (Excel, LibreOffice)", "CSV (programmes)", "GeoJSON"]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tableur (Excel, LibreOffice)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^associations-tableur-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    fs.writeFileSync(path.join(ARTIFACTS, download.suggestedFilename()), bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0].startsWith("Nom;Sigle;RNA;SIREN;SIRET;Type;Taille employeur;")).toBe(true);
    expect(lines.length - 1).toBe(await listTotal());
    expect(lines.slice(1).every((line) => line.includes(";Non;"))).toBe(true);
    expect(lines.join("\n")).not.toMatch(/SMALL_EMPLOYER|EMPLOYER;|;true;|;false;/);
  });

  it("an empty search says what was searched and offers fewer words", async () => {
    await open(`/recherche?q=${encodeURIComponent("regie quartier zzzqqq")}`);
    const text = await page.locator("main").innerText();
    expect(text).toContain("Aucun résultat pour «\u00a0regie quartier zzzqqq\u00a0».");
    expect(text).toMatch(/Vérifiez l'orthographe/);
    await shot("recherche-vide");
    await page.getByRole("link", { name: "«\u00a0regie quartier\u00a0»" }).click();
    await page.waitForSelector(".results li");
    expect(await page.locator(".results li a").allInnerTexts()).toContain("Régie de quartier d'Hem");
  });
});

describe("no machine data on any page", () => {
  /** The schema's enum values that are no French word or acronym a page may show (ANCT, CAF, EPCI, DLA, FONJEP, QPV...). */
  const schema = fs.readFileSync(path.join(__dirname, "../schema/schema.graphql"), "utf8");
  const SHOWN_AS_IS = new Set(["ANCT", "CAF", "EPCI", "DLA", "FONJEP", "QPV", "RNA", "SIREN", "SIRET", "ETP"]);
  const enumCodes = [...schema.matchAll(/^enum \w+ \{([\s\S]*?)^\}/gm)]
    .flatMap((m) => m[1].replace(/"""[\s\S]*?"""/g, "").split("\n").map((l) => l.trim()).filter(Boolean))
    .filter((value) => value.length >= 3 && !SHOWN_AS_IS.has(value));
  const ENUM_CODE = new RegExp(`\\b(?:${[...new Set(enumCodes)].join("|")})\\b`);
  const JSON_TEXT = /[{[]\s*"[^"]*"\s*[:,\]]/;

  /** Whether a piece of text is a global id (base64 of "Type:key"). */
  const globalIds = (text: string) => (text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []).filter((token) => {
    try {
      return /^[A-Z][A-Za-z]+:[\w-]+$/.test(Buffer.from(token, "base64").toString("latin1"));
    } catch {
      return false;
    }
  });

  /** The visible text of the page: innerText, and the raw text of the visible text nodes (before CSS uppercasing). */
  async function pageText(): Promise<{ shown: string; raw: string }> {
    await page.waitForLoadState("networkidle");
    await page.waitForFunction("!/Chargement/.test(document.querySelector('main').innerText)");
    // Closed <details> (a chart's data table) are opened: their text counts too.
    return page.evaluate(`(() => {
      for (const details of document.querySelectorAll("details")) details.open = true;
      const raw = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (parent && !parent.closest("script, style") && parent.checkVisibility()) raw.push(walker.currentNode.data);
      }
      return { shown: document.body.innerText, raw: raw.join("\\n") };
    })()`);
  }

  it("holds for the map, search, organisation, record, list and dashboard pages", async () => {
    const network = (await networkHead("id")).id;
    const d = await api(`{
      association(rna: "W595021953") { id }
      partners(first: 1, filter: { partnerTypes: [CAF] }) { edges { node { id } } }
      projects(first: 1, filter: { qpvCodes: ["QN05981M"] }) { edges { node { id } } }
      events(first: 1, filter: { qpvCodes: ["QN05981M"] }) { edges { node { id } } }
      goodPractices(first: 1) { edges { node { id } } }
    }`);
    const list = (name: string, filter: object) => `/liste/${name}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
    const pages = [
      "/?r=32&d=59&e=200093201&c=59512&q=QN05981M",
      "/recherche?q=regie%20quartier",
      "/recherche?q=zzzqqq%20xwv",
      `/organisation/${d.association.id}`,
      `/organisation/${network}`,
      `/organisation/${d.partners.edges[0].node.id}`,
      "/qpv/QN05981M",
      `/projet/${d.projects.edges[0].node.id}`,
      `/evenement/${d.events.edges[0].node.id}`,
      `/bonne-pratique/${d.goodPractices.edges[0].node.id}`,
      "/tableau-de-bord?r=32&d=59",
      `/tableau-de-bord?reseau=${network}&annee=2025`,
      list("associations", { networkIds: [network], groupings: ["SIMPLE"], themeCodes: ["032000"] }),
      list("partenaires", { partnerTypes: ["CAF", "PREFECT_DELEGATE"], regionCodes: ["32"], departmentCodes: ["59"] }),
      list("projets", { statuses: ["ACTIVE"], communeInseeCodes: ["59512"], participantIds: [d.association.id] }),
      list("evenements", { kinds: ["WORKSHOP", "CONSEIL_CITOYEN"], organizerIds: [d.association.id], startsAfter: "2024-01-01T00:00:00+01:00" }),
      list("signatures", { qpvCodes: ["QN05981M"], signedFrom: "2020-01-01" }),
      "/organisation/abc123",
    ];
    const problems: string[] = [];
    for (const url of pages) {
      await open(url);
      const { shown, raw } = await pageText();
      if (JSON_TEXT.test(shown)) problems.push(`${url}: JSON ${JSON_TEXT.exec(shown)![0]}`);
      if (globalIds(shown).length) problems.push(`${url}: ids ${globalIds(shown).join(", ")}`);
      if (ENUM_CODE.test(raw)) problems.push(`${url}: code ${ENUM_CODE.exec(raw)![0]}`);
      if (ENGLISH.test(shown)) problems.push(`${url}: ${ENGLISH.exec(shown)![0]}`);
    }
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
