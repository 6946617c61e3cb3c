// Builds what `npm start` serves: the server (TypeScript transpiled by SWC into dist/) and the
// explorer (Vite, into dist/explorer). With --if-stale, builds only the parts whose sources changed
// since their last build, so that a start with nothing changed costs a few milliseconds here;
// --only server|explorer builds one part.
//
// Plain JavaScript on purpose: it runs before anything is compiled. Types are checked by
// `npm run typecheck` (CI), not here: transpiling alone takes about a second where tsc takes ~20 s.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(root, "dist");
const stampFile = path.join(dist, ".build-stamp.json");

/** The parts of the build: their sources (what makes them stale) and how to build them. */
const PARTS = {
  server: {
    sources: ["server", "schema", "entities", "resolvers", "package-lock.json"],
    build: buildServer,
  },
  explorer: {
    // The explorer also bundles the French words of the enum values, shared with the exports.
    sources: ["explorer", "schema/french-labels.ts", "package-lock.json"],
    build: buildExplorer,
  },
};
const SERVER_DIRS = ["server", "schema", "entities", "resolvers"];

/** Every file under `entries`, recursively (relative paths, sorted). */
function filesOf(entries) {
  const files = [];
  const walk = (relative) => {
    const absolute = path.join(root, relative);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) return;
    if (!stat.isDirectory()) return void files.push(relative);
    for (const name of fs.readdirSync(absolute)) if (name !== "node_modules") walk(path.join(relative, name));
  };
  entries.forEach(walk);
  return files.sort();
}

/** A fingerprint of a part's sources: names, sizes and modification times (no file is read). */
function fingerprint(entries) {
  const hash = crypto.createHash("sha256");
  for (const file of filesOf(entries)) {
    const { size, mtimeMs } = fs.statSync(path.join(root, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest("hex");
}

async function buildServer() {
  const swc = await import("@swc/core");
  const options = {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: "es2022",
    },
    module: { type: "commonjs" },
    sourceMaps: true,
  };
  for (const dir of SERVER_DIRS) fs.rmSync(path.join(dist, dir), { recursive: true, force: true });
  const files = filesOf(SERVER_DIRS);
  await Promise.all(files.map(async (file) => {
    const target = path.join(dist, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!file.endsWith(".ts") || file.endsWith(".d.ts")) {
      // Reference data, the SDL: read at run time next to the code.
      if (!file.endsWith(".d.ts") && !file.endsWith(".mjs")) fs.copyFileSync(path.join(root, file), target);
      return;
    }
    const output = await swc.transformFile(path.join(root, file), { ...options, filename: file, sourceFileName: path.relative(path.dirname(target), path.join(root, file)) });
    const js = target.replace(/\.ts$/, ".js");
    fs.writeFileSync(js, `${output.code}\n//# sourceMappingURL=${path.basename(js)}.map\n`);
    if (output.map) fs.writeFileSync(`${js}.map`, output.map);
  }));
  return `${files.length} files`;
}

async function buildExplorer() {
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "explorer/vite.config.mts"), logLevel: "warn" });
  return "dist/explorer";
}

/**
 * Builds the parts (all, or `only` one); with `ifStale`, only those whose sources changed since
 * their last build. Reports each build on stderr (stdout may be a pipe a client reads).
 */
export async function build({ ifStale = false, only = undefined } = {}) {
  if (only !== undefined && !(only in PARTS)) throw new Error(`--only takes one of: ${Object.keys(PARTS).join(", ")}`);
  // The other parts' stamps are kept whatever is built: building one part leaves the others fresh.
  const stamps = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, "utf8")) : {};
  for (const [name, part] of Object.entries(PARTS)) {
    if (only !== undefined && name !== only) continue;
    const current = fingerprint(part.sources);
    if (ifStale && stamps[name] === current) continue;
    const started = Date.now();
    const what = await part.build();
    stamps[name] = current;
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(stampFile, JSON.stringify(stamps, null, 2));
    console.error(`built the ${name} (${what}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  await build({ ifStale: argv.includes("--if-stale"), only: argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined });
}
