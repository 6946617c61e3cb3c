import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

/**
 * Searches with several texts (common words, a word of many commune names, rare texts, typos) against
 * running Maillage servers, side by side. Two measures:
 * - `--cpu N`: N requests in a row per text and server, after six to warm the connection past its custom
 *   plans; prints the CPU per request of the server process and of its PostgreSQL backends (from /proc,
 *   so the servers must run on this machine, their database on 127.0.0.1:5432), a steadier figure than
 *   latency on a shared machine;
 * - `--rate R --seconds S --rounds K` (default): R requests/s at a fixed rate (open loop), the texts in turn,
 *   the servers in turn for each round; prints p50/p95/p99 per server and per text, and the load average.
 * Usage:
 *   node -r @swc-node/register bench/search-mix.ts [--cpu N | --rate 20 --seconds 20 --rounds 2]
 *     name=url[=pid] ... [-- "text" ...]
 * Servers: e.g. `PORT=4712 MAILLAGE_RATE_LIMIT=false MAILLAGE_RESPONSE_CACHE=false npm start` from each checkout.
 */
const DEFAULT_TEXTS = ["football", "association", "reseau", "saint denis", "saint", "jardins Drancy", "jardin partage lille",
  "centre sosial roubais", "Roubiax", "centre social roubaix"];
const QUERY = `query ($text: String!) { search(text: $text, first: 20) { totalCount totalCountIsExact edges { kind score matches { field similarity words } node { __typename } } } }`;

interface Server { name: string; url: string; pid?: string }

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dash = args.indexOf("--");
const named = (dash < 0 ? args : args.slice(0, dash)).filter((a, i, all) => a.includes("=") && !all[i - 1]?.startsWith("--"));
const servers: Server[] = named.map((spec) => {
  const [name, ...rest] = spec.split("=");
  const pid = /^\d+$/.test(rest[rest.length - 1]) ? rest.pop() : undefined;
  return { name, url: rest.join("="), pid };
});
const texts = dash < 0 ? DEFAULT_TEXTS : args.slice(dash + 1);

async function search(url: string, text: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY, variables: { text } }) });
    const body = (await response.json()) as { errors?: unknown };
    return !body.errors;
  } catch {
    return false;
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
};

/** CPU time of a process so far, ms (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving a process's connections (its local ports, matched in pg_stat_activity). */
function backends(pid: string): string[] {
  const ports = execFileSync("ss", ["-tnpH", "state", "established", "( dport = :5432 )"]).toString().split("\n")
    .filter((line) => line.includes(`pid=${pid},`)).map((line) => line.trim().split(/\s+/)[2].split(":").pop());
  if (!ports.length) return [];
  const sql = `select pid from pg_stat_activity where client_port in (${ports.join(",")})`;
  return execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-Atc", sql, "postgres"]).toString().trim().split("\n").filter(Boolean);
}

async function cpu(requests: number): Promise<void> {
  for (const text of texts) {
    const cells: string[] = [];
    for (const server of servers) {
      if (!server.pid) throw new Error(`--cpu needs each server's pid: ${server.name}=url=pid`);
      for (let i = 0; i < 6; i++) await search(server.url, text);
      const pids = [server.pid, ...backends(server.pid)];
      const before = pids.map(cpuMs);
      const started = performance.now();
      for (let i = 0; i < requests; i++) await search(server.url, text);
      const wall = (performance.now() - started) / requests;
      const used = pids.map(cpuMs).map((ms, i) => ms - before[i]);
      const total = used.reduce((a, b) => a + b, 0) / requests;
      cells.push(`${server.name} CPU ${total.toFixed(1)} ms (server ${(used[0] / requests).toFixed(1)}), wall ${wall.toFixed(1)} ms`);
    }
    console.log(`${JSON.stringify(text).padEnd(26)} ${cells.join("  |  ")}`);
  }
}

async function fixedRate(rate: number, seconds: number, rounds: number): Promise<void> {
  const results = new Map(servers.map((s) => [s.name, { all: [] as number[], byText: new Map<string, number[]>(), errors: 0, loads: [] as number[] }]));
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) {
      for (const text of texts) await search(server.url, text);
      const result = results.get(server.name)!;
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let i = 0; i < rate * seconds; i++) {
        const wait = started + (i * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const text = texts[next++ % texts.length];
        const sent = performance.now();
        pending.push(search(server.url, text).then((ok) => {
          const ms = performance.now() - sent;
          if (!ok) result.errors++;
          result.all.push(ms);
          result.byText.set(text, [...(result.byText.get(text) ?? []), ms]);
        }));
      }
      await Promise.all(pending);
      result.loads.push(os.loadavg()[0]);
    }
  }
  for (const [name, r] of results) {
    console.log(`${name}: ${r.all.length} requests at ${rate}/s, ${r.errors} errors, p50 ${percentile(r.all, 0.5)} ms, p95 ${percentile(r.all, 0.95)} ms, ` +
      `p99 ${percentile(r.all, 0.99)} ms; load average ${r.loads.map((l) => l.toFixed(1)).join(", ")}`);
    for (const [text, values] of r.byText) console.log(`  ${JSON.stringify(text).padEnd(26)} p50 ${percentile(values, 0.5)} ms, p95 ${percentile(values, 0.95)} ms`);
  }
}

async function main(): Promise<void> {
  if (!servers.length) throw new Error('usage: search-mix.ts [--cpu N | --rate R --seconds S --rounds K] name=url[=pid] ... [-- "text" ...]');
  const requests = option("--cpu");
  if (requests) await cpu(Number(requests));
  else await fixedRate(Number(option("--rate") ?? 20), Number(option("--seconds") ?? 20), Number(option("--rounds") ?? 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
