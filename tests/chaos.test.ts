import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runChaos } from "../chaos/chaos-run";
import { pgUnavailableReason } from "../chaos/pg-cluster";
import { FaultKind, writeReport } from "../chaos/report";
import { SERVER_URL, templateDir } from "./support/test-database";

/**
 * The short chaos run (the long one is `npm run chaos`): a few cycles on the engine of this test
 * run (a PostgreSQL cluster of its own when TEST_DATABASE_URL is set, a PGlite folder otherwise),
 * every fault of that engine at least once, and not one invariant violated. On PostgreSQL the
 * server also reads through a streaming replica (`--replica`), which one cycle kills under readers.
 * Its results go to a temporary file, never to tests/RELIABILITY.md.
 */
const engine = SERVER_URL ? "postgres" : "pglite";
const unavailable = engine === "postgres" ? pgUnavailableReason() : null;
if (unavailable) console.warn(`[chaos] the PostgreSQL chaos run is skipped: ${unavailable}`);
const kinds: FaultKind[] = engine === "postgres" ? ["sigkill", "pg-stop", "saturate", "replica-stop"] : ["sigkill", "saturate"];

(unavailable ? it.skip : it)(`${engine}: through SIGKILL, ${engine === "postgres" ? "PostgreSQL stopped abruptly, its read replica killed, " : ""}and a flood, every acknowledged write is kept and no invariant is violated`, async () => {
  const lines: string[] = [];
  const summary = await runChaos({
    engine,
    replica: engine === "postgres",
    cycles: kinds.length + 1,
    seed: 20261126,
    clients: 3,
    cycleSeconds: 8,
    // A copy of this run's template (migrated, reference and demo data), rather than 25 s of loading.
    pgliteTemplate: engine === "pglite" ? templateDir() : undefined,
    rssBoundMb: 1536,
    command: "jest tests/chaos.test.ts",
    print: (line) => lines.push(line),
  });
  // The run's progress (faults, kills from outside the run, violations) when something went wrong.
  if (summary.violations.total || summary.aborted) console.log(lines.join("\n"));
  const report = path.join(os.tmpdir(), `maillage-chaos-${process.pid}.md`);
  writeReport(report, summary);
  try {
    expect({ aborted: summary.aborted, violations: summary.violations.samples }).toEqual({ aborted: undefined, violations: [] });
    expect(summary.violations.total).toBe(0);
    expect(summary.cyclesRun).toBe(kinds.length + 1);
    for (const kind of kinds) expect(summary.faults[kind]).toBeGreaterThanOrEqual(1);
    expect(summary.log.counts.acknowledged).toBeGreaterThan(100);
    expect(summary.log.counts.unresolved).toBe(0);
    expect(summary.lostUpdate).toEqual({ rounds: kinds.length + 1, winners: kinds.length + 1, conflicts: (kinds.length + 1) * 2 });
    expect(fs.readFileSync(report, "utf8")).toContain("**zero violations**");
  } finally {
    fs.rmSync(report, { force: true });
  }
}, 300_000);
