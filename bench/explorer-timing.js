/*
 * Time to usable of the explorer's pages, in Debian's Chromium (headless), against a running server:
 *   node bench/explorer-timing.js [http://127.0.0.1:4000]
 * For each page: a cold load (empty cache) and a warm one, from navigation start until the page's
 * data is on screen (map drawn, graph drawn, dashboard figures shown, search results listed); and
 * the bytes of the cold load: as sent (compressed when the server compresses) and decoded.
 */
const { chromium } = require("playwright-core");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const base = process.argv[2] ?? "http://127.0.0.1:4000";
const pages = [
  ["carte (QPV Nouveau Roubaix)", "/?q=QN05981M", "#carte[data-state=ready]"],
  ["carte (département du Nord)", "/?r=32&d=59", "#carte[data-state=ready]"],
  ["recherche « regie quartier »", "/recherche?q=regie%20quartier", ".results li"],
  ["organisation (graphe, profondeur 1)", null, "#graphe[data-state=ready]"],
  ["tableau de bord (Nord)", "/tableau-de-bord?r=32&d=59", "[data-figure=associations-total]"],
];

(async () => {
  const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: '{ association(rna: "W595021953") { id } }' }) });
  pages[3][1] = `/organisation/${(await response.json()).data.association.id}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-timing-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MAILLAGE_CHROMIUM ?? "/usr/bin/chromium", headless: true, viewport: { width: 1280, height: 860 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await context.newPage();
  /** Responses of the load being measured: their body as sent and decoded. */
  let responses = [];
  page.on("response", (response) => responses.push(response));
  const kb = (bytes) => `${(bytes / 1024).toFixed(0).padStart(5)} KB`;
  for (const [name, url, ready] of pages) {
    const times = [];
    let sent = 0;
    let decoded = 0;
    for (const cold of [true, false]) {
      if (cold) await context.clearCookies(), await page.goto("about:blank"), await (await context.newCDPSession(page)).send("Network.clearBrowserCache");
      responses = [];
      const started = Date.now();
      await page.goto(base + url);
      await page.waitForSelector(ready, { timeout: 30000 });
      times.push(Date.now() - started);
      if (!cold) continue;
      await page.waitForLoadState("networkidle");
      for (const response of responses) {
        if (!response.url().startsWith(base)) continue;
        sent += (await response.request().sizes()).responseBodySize;
        decoded += (await response.body().catch(() => Buffer.alloc(0))).length;
      }
    }
    console.log(`${name.padEnd(40)} cold ${String(times[0]).padStart(5)} ms   warm ${String(times[1]).padStart(5)} ms   bytes ${kb(sent)} sent, ${kb(decoded)} decoded`);
  }
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
})();
