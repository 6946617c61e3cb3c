// Times a restart of `npm start` on an existing embedded database folder: from spawn of
// `node server/commands/start.mjs` until `POST /graphql { __typename }` answers 200, then the first
// real request (a search and a dashboard, which read the database), then a clean stop (SIGTERM).
//
//   node bench/restart-timing.mjs [--runs N] [--data-dir DIR] [--port P] [--vs OTHER_CHECKOUT]
//
// The folder must exist (a first `npm start` with the same MAILLAGE_DATA_DIR creates it); the build
// must be current (`npm run build`), or the first run pays for it. Prints each run and the medians.
// --vs: also times another checkout (built, on the same folder), the two in turn, so that both see
// the same machine load; the ratio is this checkout's median over the other's.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", "5"));
const dataDir = path.resolve(option("--data-dir", path.join(root, ".data")));
const port = Number(option("--port", "4790"));
const url = `http://127.0.0.1:${port}/graphql`;
const other = option("--vs", undefined);

const FIRST_REQUEST = `{ search(text: "roubaix", first: 5) { edges { node { __typename } } }
  dashboard(scope: { departmentCodes: ["59"] }) { __typename } }`;

async function post(query) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(30_000) });
  const body = await response.json();
  return { status: response.status, body };
}

async function once(checkout) {
  const started = performance.now();
  const child = spawn(process.execPath, ["server/commands/start.mjs"], {
    cwd: checkout,
    env: { ...process.env, MAILLAGE_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let startupMs;
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
    const match = /"startupMs":(\d+)/.exec(output);
    if (match && startupMs === undefined) startupMs = Number(match[1]);
  });
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  let readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await post("{ __typename }")).status === 200) { readyMs = performance.now() - started; break; }
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const firstStarted = performance.now();
  const first = await post(FIRST_REQUEST);
  const firstRequestMs = performance.now() - firstStarted;
  if (first.status !== 200 || first.body.errors) throw new Error(`first request failed: ${JSON.stringify(first.body)}`);
  const secondStarted = performance.now();
  await post(FIRST_REQUEST.replace("roubaix", "lille"));
  const secondRequestMs = performance.now() - secondStarted;
  child.kill("SIGTERM");
  const code = child.exitCode ?? (await exited);
  if (code !== 0) throw new Error(`the server did not stop cleanly (${code})`);
  return { readyMs, startupMs, firstRequestMs, secondRequestMs };
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const checkouts = other ? [root, path.resolve(other)] : [root];
const results = new Map(checkouts.map((checkout) => [checkout, []]));
await once(root); // warm-up: the file system cache, a stale build
for (let i = 0; i < runs; i++) {
  for (const checkout of checkouts) {
    const result = await once(checkout);
    results.get(checkout).push(result);
    console.log(`${checkout} run ${i + 1}: ready ${result.readyMs.toFixed(0)} ms (startupMs ${result.startupMs}), first request ${result.firstRequestMs.toFixed(0)} ms, next ${result.secondRequestMs.toFixed(0)} ms`);
  }
}
for (const checkout of checkouts) {
  const figure = (key) => median(results.get(checkout).map((r) => r[key])).toFixed(0);
  console.log(`${checkout}: median of ${runs}: spawn to ready ${figure("readyMs")} ms, startupMs ${figure("startupMs")}, first request ${figure("firstRequestMs")} ms, next ${figure("secondRequestMs")} ms`);
}
if (other) {
  const ratios = results.get(root).map((r, i) => r.readyMs / results.get(checkouts[1])[i].readyMs);
  console.log(`spawn to ready, this checkout / the other, pair by pair: median ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);
}
