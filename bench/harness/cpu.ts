import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { BenchQuery, BenchVariables } from "../queries";
import { difference, idleCpu, Lane, LaneResult, objectsOfData, sequential, SequentialOptions } from "./measure";
import { AUDIENCE, BENCH_ROOT, ISSUER, ServerVersion, Started, startMaillage, stop } from "./servers";
import { baselineTarget, maillageTarget, trivialTarget, WriteState } from "./targets";

/** The targets of issue 17, printed beside the figures. */
export const TARGETS = {
  cpuPerObjectUs: 5,
  trivialCpuMs: 0.5,
  efficiency: 0.8,
  singleRequestRatio: 1.5,
  memoryMb: 300,
};

export const verdict = (met: boolean) => (met ? "met" : "**missed**");

/** A signing key for the run, the public key Maillage is given, and an administrator's token (for the write). */
export async function benchAuth(): Promise<{ jwk: string; token: string }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = JSON.stringify({ ...(await exportJWK(publicKey)), kid: "bench", alg: "ES256" });
  const token = await new SignJWT({ maillage_role: "ADMIN" }).setProtectedHeader({ alg: "ES256", kid: "bench" })
    .setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("bench@maillage").setIssuedAt().setExpirationTime("4h").sign(privateKey);
  return { jwk, token };
}

/** A Maillage version started for the run. */
export interface VersionServer {
  version: ServerVersion;
  server: Started;
  /** Its CPU time while idle, ms per second (background timers), measured after start-up. */
  idleMsPerSecond?: number;
}

export function logFileOf(version: ServerVersion, purpose: string): string {
  return path.join(BENCH_ROOT, ".tmp", "bench", `${version.label.replace(/[^A-Za-z0-9._-]/g, "_")}-${purpose}.log`);
}

/** One read (or the write) on one version, one request after another. */
export interface CpuRow {
  query: BenchQuery;
  version: string;
  requests: number;
  errors: number;
  firstError: string | null;
  objects: number;
  statements: number | null;
  cpuMsPerRequest: number | null;
  cpuUsPerObject: number | null;
  medianMs: number;
  p95Ms: number;
  rawMedianMs: number | null;
  rawCpuMsPerRequest: number | null;
  /** "same JSON", the first difference from the baseline's answer, an error, or "(write)". */
  check: string;
  peakRssMb: number;
}

function dataOf(body: string): { data?: unknown; errors?: unknown } {
  try {
    return JSON.parse(body);
  } catch {
    return { errors: `not JSON: ${body.slice(0, 200)}` };
  }
}

/**
 * CPU, latency, statements and objects of one query: its requests sent one after another to every
 * version and the baseline in turn; every version's answer compared with the baseline's.
 */
export async function cpuOfQuery(
  query: BenchQuery, servers: VersionServer[], baseline: Started | null, variables: BenchVariables, token: string, writes: WriteState,
  options: SequentialOptions,
): Promise<CpuRow[]> {
  const lanes: Lane[] = servers.map((s) => ({ target: maillageTarget(s.server.port, query, variables, token, writes), pid: s.server.child.pid, logFile: s.server.logFile }));
  const withBaseline = query.kind === "read" && baseline !== null;
  if (withBaseline) lanes.push({ target: baselineTarget(baseline.port, query, variables), pid: baseline.child.pid });
  const results = await sequential(lanes, options);
  const raw: LaneResult | null = withBaseline ? results[results.length - 1] : null;
  const rawData = raw ? dataOf(raw.lastBody) : null;
  return servers.map((s, i) => {
    const r = results[i];
    const answer = dataOf(r.lastBody);
    const objects = objectsOfData(answer.data);
    let check = "(write)";
    if (answer.errors) check = `Maillage error: ${JSON.stringify(answer.errors).slice(0, 300)}`;
    else if (rawData?.errors) check = `baseline error: ${JSON.stringify(rawData.errors).slice(0, 300)}`;
    else if (rawData) check = difference(answer.data, rawData.data) ?? "same JSON";
    const cpuMsPerRequest = r.cpuMs === null ? null : r.cpuMs / r.requests;
    return {
      query, version: s.version.label, requests: r.requests, errors: r.errors, firstError: r.firstError, objects, statements: r.statements,
      cpuMsPerRequest, cpuUsPerObject: cpuMsPerRequest !== null && objects > 0 ? (cpuMsPerRequest * 1000) / objects : null,
      medianMs: r.medianMs, p95Ms: r.p95Ms, rawMedianMs: raw?.medianMs ?? null,
      rawCpuMsPerRequest: raw && raw.cpuMs !== null ? raw.cpuMs / raw.requests : null, check, peakRssMb: r.peakRssMb,
    };
  });
}

/** The trivial request on one version. */
export interface TrivialRow {
  version: string;
  requests: number;
  errors: number;
  firstError: string | null;
  cpuMsPerRequest: number;
  medianMs: number;
  idleMsPerSecond: number;
}

/**
 * `{ __typename }` on an instance of each version run as in production: the response cache and the
 * rate limiter's production budgets on (the only differences left: metrics on a free port, the log to a
 * file). The instances are started for this and stopped after; the requests go to them in turn.
 */
export async function trivialCpu(
  versions: ServerVersion[], databaseUrl: string, publicKey: string, options: SequentialOptions,
): Promise<TrivialRow[]> {
  const started: Started[] = [];
  try {
    for (const version of versions) {
      started.push(await startMaillage(version, { databaseUrl, publicKey, responseCache: true, productionBudgets: true, logFile: logFileOf(version, "trivial") }));
    }
    // After start-up work settles (connections opened, first timers run).
    await new Promise((r) => setTimeout(r, 1000));
    const idle = await Promise.all(started.map((s) => idleCpu(s.child.pid!, 3000)));
    const results = await sequential(started.map((s) => ({ target: trivialTarget(s.port), pid: s.child.pid, logFile: s.logFile })), options);
    return versions.map((v, i) => ({
      version: v.label, requests: results[i].requests, errors: results[i].errors, firstError: results[i].firstError,
      cpuMsPerRequest: (results[i].cpuMs ?? 0) / results[i].requests, medianMs: results[i].medianMs, idleMsPerSecond: idle[i],
    }));
  } finally {
    for (const s of started) await stop(s.child);
  }
}

export const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? "-" : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The statement target of a query and whether it is met. */
export function statementsCell(row: CpuRow): string {
  if (row.statements === null) return "-";
  const target = row.query.relationLevels + 1;
  if (row.query.kind === "write") return `${fmt(row.statements, row.statements % 1 ? 1 : 0)} (write)`;
  return `${fmt(row.statements, row.statements % 1 ? 1 : 0)} (${target})${row.statements > target ? " **over**" : ""}`;
}

/** The compact CPU table: a row per query and version. */
export function cpuTable(rows: CpuRow[], trivial: TrivialRow[]): string {
  const t = TARGETS;
  const lines = [
    `| query | version | levels | statements / request (target 1 + levels) | objects / request | CPU ms / request | CPU µs / object (target < ${t.cpuPerObjectUs}) | ` +
      `one request alone, median ms: Maillage / raw (ratio, target ≤ ${t.singleRequestRatio}) | raw CPU ms / request | requests | same JSON as raw |`,
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const ratio = r.rawMedianMs ? r.medianMs / r.rawMedianMs : null;
    const perObject = r.cpuUsPerObject === null || r.query.kind === "write" ? "-" : `${fmt(r.cpuUsPerObject, 1)}${r.query.kind === "read" && r.cpuUsPerObject >= t.cpuPerObjectUs ? " **over**" : ""}`;
    const latency = r.rawMedianMs === null ? `${fmt(r.medianMs, 1)} / -` :
      `${fmt(r.medianMs, 1)} / ${fmt(r.rawMedianMs, 1)} (${fmt(ratio, 2)}${ratio !== null && ratio > t.singleRequestRatio ? " **over**" : ""})`;
    const check = r.check === "same JSON" ? "yes" : r.check === "(write)" ? "(write)" : `**no**: ${r.check.replace(/\|/g, "\\|")}`;
    lines.push(`| ${r.query.name} | ${r.version} | ${r.query.relationLevels} | ${statementsCell(r)} | ${fmt(r.objects)} | ${fmt(r.cpuMsPerRequest, 2)} | ${perObject} | ` +
      `${latency} | ${fmt(r.rawCpuMsPerRequest, 2)} | ${r.requests}${r.errors ? ` (**${r.errors} errors**: ${(r.firstError ?? "").replace(/\|/g, "\\|").slice(0, 200)})` : ""} | ${check} |`);
  }
  for (const tr of trivial) {
    lines.push(`| \`{ __typename }\` (production instance) | ${tr.version} | 0 | - | 0 | ${fmt(tr.cpuMsPerRequest, 3)} (target < ${t.trivialCpuMs})${tr.cpuMsPerRequest >= t.trivialCpuMs ? " **over**" : ""} | - | ` +
      `${fmt(tr.medianMs, 2)} / - | - | ${tr.requests}${tr.errors ? ` (**${tr.errors} errors**: ${(tr.firstError ?? "").slice(0, 200)})` : ""} | - |`);
  }
  return lines.join("\n");
}

/** With two versions or more: each version's CPU and latency against the first's. */
export function comparisonTable(rows: CpuRow[], trivial: TrivialRow[], versions: string[]): string {
  if (versions.length < 2) return "";
  const [first, ...others] = versions;
  const lines = [
    `| query | ${others.map((v) => `${v} / ${first}: CPU per request, median latency`).join(" | ")} |`,
    `|---|${others.map(() => "---|").join("")}`,
  ];
  const names = [...new Set(rows.map((r) => r.query.name))];
  for (const name of names) {
    const base = rows.find((r) => r.query.name === name && r.version === first)!;
    const cells = others.map((v) => {
      const r = rows.find((x) => x.query.name === name && x.version === v);
      if (!r || !base.cpuMsPerRequest || r.cpuMsPerRequest === null) return "-";
      return `${fmt(r.cpuMsPerRequest / base.cpuMsPerRequest, 2)}, ${fmt(r.medianMs / base.medianMs, 2)}`;
    });
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  const baseTrivial = trivial.find((t) => t.version === first);
  if (baseTrivial) {
    lines.push(`| \`{ __typename }\` | ${others.map((v) => {
      const t = trivial.find((x) => x.version === v);
      return t ? `${fmt(t.cpuMsPerRequest / baseTrivial.cpuMsPerRequest, 2)}, ${fmt(t.medianMs / baseTrivial.medianMs, 2)}` : "-";
    }).join(" | ")} |`);
  }
  return lines.join("\n");
}
