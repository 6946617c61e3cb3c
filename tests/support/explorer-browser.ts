import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BrowserContext, chromium } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");

/** Builds the explorer (as `npm start` does) when its sources changed since its last build. */
export function ensureExplorerBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, "server/commands/build.mjs"), "--if-stale", "--only", "explorer"], { cwd: ROOT, stdio: "inherit" });
}

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it), never a downloaded browser. */
export const CHROMIUM = process.env.MAILLAGE_CHROMIUM ?? "/usr/bin/chromium";

/** Headless Chromium with a fresh profile and no background traffic (the network is closed). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 860 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where the end-to-end tests leave their screenshots (git-ignored). */
export const ARTIFACTS = path.join(ROOT, ".tmp/artifacts/explorer");
