import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { cleanUpNow, faultKinds, runChaos } from "./chaos-run";
import { pgUnavailableReason } from "./pg-cluster";
import { Engine, FaultKind, writeReport } from "./report";

const USAGE = `Usage: npm run chaos -- [--engine postgres|pglite] [--cycles N] [options]

Fault-injection run: concurrent clients write while the server is killed (SIGKILL), PostgreSQL is
stopped abruptly (a cluster of the run's own, made with initdb) and the server is flooded beyond
its limits; invariants are checked after every cycle. Results go to tests/RELIABILITY.md.

  --engine E          postgres (default) or pglite (the embedded default)
  --cycles N          fault cycles (default 10; the reliability record is 100 on PostgreSQL, 30 on PGlite)
  --cycle-seconds S   write phase of a cycle, fault included (default 10)
  --clients N         concurrent writers (default 4)
  --faults LIST       only these faults, e.g. pg-stop or sigkill,saturate (default: all of the engine's)
  --replica           postgres only: the server also reads through a streaming replica of the run's
                      cluster (pg_basebackup -R), every request sends the highest consistency token
                      seen, and the fault replica-stop (the replica killed under reads) joins the others
  --seed N            random seed (default: from the clock); the same seed replays the same schedule
  --report FILE       where to write the results (default tests/RELIABILITY.md)
  --rss-bound-mb N    resident memory the flooded server must stay under (default 1536)

Exit code: 0 when no invariant was violated, 1 otherwise, 2 for a usage error.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      engine: { type: "string", default: "postgres" },
      cycles: { type: "string", default: "10" },
      "cycle-seconds": { type: "string", default: "10" },
      clients: { type: "string", default: "4" },
      faults: { type: "string" },
      seed: { type: "string" },
      report: { type: "string", default: path.resolve(__dirname, "../tests/RELIABILITY.md") },
      "rss-bound-mb": { type: "string", default: "1536" },
      replica: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const engine = values.engine as Engine;
  const numbers = { cycles: Number(values.cycles), cycleSeconds: Number(values["cycle-seconds"]), clients: Number(values.clients), rssBoundMb: Number(values["rss-bound-mb"]) };
  if (engine !== "postgres" && engine !== "pglite") throw new UsageError(`--engine must be postgres or pglite, not "${engine}".`);
  for (const [name, value] of Object.entries(numbers)) if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a positive integer.`);
  if (numbers.cycleSeconds < 6) throw new UsageError("--cycle-seconds must be at least 6 (a fault and its recovery fit in a cycle).");
  if (engine === "postgres") {
    const reason = pgUnavailableReason();
    if (reason) {
      console.error(`Cannot run on PostgreSQL: ${reason}. Install PostgreSQL's server package (e.g. apt-get install postgresql) or run --engine pglite.`);
      return 2;
    }
  }
  const faults = values.faults?.split(",").map((f) => f.trim()) as FaultKind[] | undefined;
  const replica = values.replica === true;
  if (replica && engine !== "postgres") throw new UsageError("--replica needs --engine postgres: the embedded database has no replicas.");
  const unknown = faults?.filter((f) => !faultKinds(engine, replica).includes(f));
  if (unknown?.length) throw new UsageError(`--faults: ${unknown.join(", ")} is not a fault on ${engine}${replica ? " with --replica" : ""} (${faultKinds(engine, replica).join(", ")}).`);
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000;
  const command = `npm run chaos -- ${process.argv.slice(2).join(" ")}`.trim();
  const ackLogFile = path.resolve(__dirname, `../.tmp/chaos/${engine}-acknowledged.jsonl`);
  fs.mkdirSync(path.dirname(ackLogFile), { recursive: true });
  const summary = await runChaos({ engine, ...numbers, faults, replica, seed, command, ackLogFile, diagnosticsDir: path.dirname(ackLogFile), print: (line) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`) });
  writeReport(values.report!, summary);
  const c = summary.log.counts;
  console.log(`${summary.cyclesRun} cycles on ${engine}, faults ${JSON.stringify(summary.faults)}, ${c.acknowledged} writes acknowledged, ` +
    `${c.unknown} unknown, ${summary.violations.total} violations${summary.aborted ? `, stopped early: ${summary.aborted}` : ""}; written to ${values.report}; the acknowledgement log is ${ackLogFile}`);
  return summary.violations.total === 0 && !summary.aborted ? 0 : 1;
}

class UsageError extends Error {}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and the PostgreSQL cluster, removing the run's folder`);
    cleanUpNow();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    cleanUpNow();
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
