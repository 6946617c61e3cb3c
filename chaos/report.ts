import fs from "node:fs";
import os from "node:os";
import { AckLog } from "./ack-log";
import { percentile, SaturationFigures } from "./saturation";
import { INVARIANTS, Violations } from "./violations";

export type FaultKind = "sigkill" | "pg-stop" | "saturate" | "replica-stop";
export type Engine = "postgres" | "pglite";

/** Everything a run measured, for the report. */
export interface RunSummary {
  engine: Engine;
  command: string;
  seed: number;
  startedAt: Date;
  durationMs: number;
  cyclesPlanned: number;
  cyclesRun: number;
  clients: number;
  faults: Record<FaultKind, number>;
  log: AckLog;
  violations: Violations;
  lostUpdate: { rounds: number; winners: number; conflicts: number };
  /** Server start after a SIGKILL (ms), readiness after a PostgreSQL restart (ms). */
  restartMs: number[];
  pgReadyMs: number[];
  saturations: SaturationFigures[];
  /** Times the server was killed by a signal from outside the run (not a fault the run injected). */
  externalKills: number;
  /** Why the run stopped early, if it did. */
  aborted?: string;
}

const ms = (value: number | null) => (value === null ? "n/a" : `${Math.round(value)} ms`);
const mib = (bytes: number | null) => (bytes === null ? "n/a" : `${Math.round(bytes / 2 ** 20)} MiB`);
const merge = (list: Record<string, number>[]) => list.reduce<Record<string, number>>((all, one) => {
  for (const [k, v] of Object.entries(one)) all[k] = (all[k] ?? 0) + v;
  return all;
}, {});
const counts = (record: Record<string, number>) => Object.entries(record).sort().map(([k, v]) => `${k}: ${v}`).join(", ") || "none";

/** The run's section of RELIABILITY.md, in Markdown. */
export function renderSection(run: RunSummary): string {
  const c = run.log.counts;
  const sat = run.saturations;
  const refusals = sat.flatMap((s) => s.refusalMs);
  const admitted = sat.flatMap((s) => s.admittedMs);
  const recoveries = sat.flatMap((s) => (s.recoveryMs === null ? [] : [s.recoveryMs]));
  const rssPeak = sat.reduce<number | null>((max, s) => (s.rssPeakBytes === null ? max : Math.max(max ?? 0, s.rssPeakBytes)), null);
  const rssBefore = sat.reduce<number | null>((max, s) => (s.rssBeforeBytes === null ? max : Math.max(max ?? 0, s.rssBeforeBytes)), null);
  const verdict = run.violations.total === 0 && !run.aborted ? "**zero violations**" : `**${run.violations.total} violations**${run.aborted ? ` (stopped early: ${run.aborted})` : ""}`;
  const lines = [
    `## ${run.engine === "postgres" ? "PostgreSQL" : "PGlite (embedded default)"}`,
    "",
    `${verdict} in ${run.cyclesRun} of ${run.cyclesPlanned} cycles.`,
    "",
    "| | |",
    "|---|---|",
    `| command | \`${run.command}\` |`,
    `| date | ${run.startedAt.toISOString()} (${Math.round(run.durationMs / 1000)} s) |`,
    `| machine | ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version} |`,
    `| seed, clients | ${run.seed}, ${run.clients} concurrent writers |`,
    `| faults injected | ${counts(run.faults)}${run.externalKills ? `; and ${run.externalKills} kills of the server by a signal from outside the run, each an extra crash the invariants held through` : ""} |`,
    `| writes acknowledged | ${c.acknowledged} (of which ${c.replays} deliberate replays) |`,
    `| writes refused as expected | ${c.rejected} (invalid input, stale version, lost races) |`,
    `| answers lost (unknown) | ${c.unknown}: resent with their key, ${c.unknownCommitted} had committed (answered \`replayed\`), ${c.unknownNotCommitted} had not |`,
    `| writes never answered | ${c.unresolved} |`,
    `| records checked | ${run.log.expected.size} |`,
    `| lost-update races | ${run.lostUpdate.rounds} rounds: ${run.lostUpdate.winners} winners, ${run.lostUpdate.conflicts} VERSION_CONFLICT |`,
    `| server start after SIGKILL | median ${ms(percentile(run.restartMs, 50))}, max ${ms(percentile(run.restartMs, 100))} |`,
    ...(run.engine === "postgres" ? [`| ready again after PostgreSQL restart | median ${ms(percentile(run.pgReadyMs, 50))}, max ${ms(percentile(run.pgReadyMs, 100))} |`] : []),
    "",
    "Invariants, checked after every cycle (violations):",
    "",
    "| invariant | violations |",
    "|---|---|",
    ...Object.entries(INVARIANTS).map(([name, text]) => `| ${text} | ${run.violations.counts[name as keyof typeof INVARIANTS]} |`),
    "",
    `Overload (${sat.length} saturations of ${sat.length ? Math.round(sat.reduce((s, x) => s + x.requests, 0) / sat.length) : 0} requests on average):`,
    "",
    "| | |",
    "|---|---|",
    `| status codes | ${counts(merge(sat.map((s) => s.statuses)))} |`,
    `| time to refuse (429, or 400 over the cost limit) | p50 ${ms(percentile(refusals, 50))}, p95 ${ms(percentile(refusals, 95))}, max ${ms(percentile(refusals, 100))} |`,
    `| time to answer an admitted request | p50 ${ms(percentile(admitted, 50))}, p95 ${ms(percentile(admitted, 95))}, max ${ms(percentile(admitted, 100))} |`,
    `| /healthz during saturation | ${counts(merge(sat.map((s) => s.health.healthz)))} |`,
    `| /readyz during saturation | ${counts(merge(sat.map((s) => s.health.readyz)))} (slowest health answer ${ms(sat.reduce((m, s) => Math.max(m, s.health.maxMs), 0))}) |`,
    `| resident memory | ${mib(rssBefore)} before, peak ${mib(rssPeak)} |`,
    `| recovery (first anonymous request served after the flood) | median ${ms(percentile(recoveries, 50))}, max ${ms(percentile(recoveries, 100))} |`,
    "",
  ];
  if (run.violations.samples.length) {
    lines.push("Violations found (first ones):", "", ...run.violations.samples.map((s) => `- cycle ${s.cycle}, ${s.invariant}: ${s.message.replace(/\|/g, "\\|")}`), "");
  }
  return lines.join("\n");
}

const HEADER = `# Reliability runs

Written by \`npm run chaos\` (see docs/operations.md, "Reliability"): clients write a steady mix while the
server is killed (SIGKILL), PostgreSQL is stopped abruptly (\`pg_ctl stop -m immediate\`, on a
cluster the run makes for itself) and the server is flooded beyond its rate and cost limits; the
invariants are checked after every cycle. Each engine's section is replaced by its latest run.
`;

/** Writes (or replaces) the engine's section of the report file. */
export function writeReport(file: string, run: RunSummary): void {
  const begin = `<!-- chaos:${run.engine} -->`;
  const end = `<!-- /chaos:${run.engine} -->`;
  const section = `${begin}\n${renderSection(run)}${end}\n`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : HEADER;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = text.slice(0, from) + section + text.slice(to + end.length + 1);
  else text = `${text.trimEnd()}\n\n${section}`;
  fs.writeFileSync(file, text);
}
