import autocannon from "autocannon";
import { cpuMs, loggedStatements, logSize, rssMb } from "./servers";
import { Target } from "./targets";

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Objects of an answer: every JSON object inside `data` (`data` itself excluded), wrappers included:
 * records, value objects (a commune, a QPV presence, a theme) and the connection, edge and pageInfo
 * objects, since GraphQL completes each of them field by field. Arrays are not objects.
 */
export function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
  if (value && typeof value === "object") return Object.values(value).reduce((n: number, v) => n + countObjects(v), 0) as number + 1;
  return 0;
}

export function objectsOfData(data: unknown): number {
  return data && typeof data === "object" ? countObjects(data) - 1 : 0;
}

/** The first path where two JSON values differ (arrays in order, objects by key), or null. */
export function difference(a: unknown, b: unknown, at = "data"): string | null {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9 ? null : `${at}: ${a} vs ${b}`;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${at}: array vs not`;
    if (a.length !== b.length) return `${at}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** Throughput and latency of one autocannon run. */
export interface Measure {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Requests sent but not answered when the run ended (slower than the run). */
  unfinished: number;
  peakRssMb: number;
}

/** One autocannon run against a target; latencies of every response are kept for exact percentiles. */
export async function drive(target: Target, options: { connections: number; duration: number; rate?: number }, rssPid?: number): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0, peak = 0;
  const sampler = rssPid ? setInterval(() => (peak = Math.max(peak, rssMb(rssPid))), 100) : null;
  const instance = autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.duration,
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
    requests: [{
      method: "POST",
      headers: target.headers,
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: target.body() }),
      onResponse: (status: number, body: string) => {
        if (target.inspect(status, body).error) errors++;
      },
    }],
  } as unknown as autocannon.Options) as unknown as Promise<autocannon.Result> & { on: (event: string, listener: (...args: never[]) => void) => void };
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  if (sampler) clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  return {
    requests,
    rps: Math.round((requests / result.duration) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
    unfinished: Math.max(0, result.requests.sent - requests - result.errors - result.timeouts),
    peakRssMb: peak,
  };
}

/** A server of a sequential run: where its requests go, and its process (CPU time, memory, log). */
export interface Lane {
  target: Target;
  pid?: number;
  logFile?: string;
}

/** What a sequential run measured for one lane. */
export interface LaneResult {
  requests: number;
  errors: number;
  /** The first error's answer, shortened. */
  firstError: string | null;
  medianMs: number;
  p95Ms: number;
  /** CPU time the lane's process used during the run (all lanes' requests interleaved), ms; null without a process. */
  cpuMs: number | null;
  /** Wall time of the run, ms (the process idles while the other lanes are served). */
  wallMs: number;
  /** SQL statements per request, from the server's request log (null: no log, or nothing logged). */
  statements: number | null;
  /** The last answer's text. */
  lastBody: string;
  peakRssMb: number;
}

export interface SequentialOptions {
  /** Measured requests per lane, at most. */
  requests: number;
  /** Unmeasured requests per lane first. */
  warmup: number;
  /** Stop after this long (once `minRequests` per lane are done). */
  maxSeconds: number;
  minRequests: number;
}

async function send(target: Target): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now();
  const res = await fetch(target.url, { method: "POST", headers: target.headers, body: target.body() });
  const text = await res.text();
  return { ms: performance.now() - started, status: res.status, text };
}

/**
 * Requests one after another, the lanes in turn (A, B, raw, A, B, raw...: the servers compared under the
 * same conditions, whatever the rest of the machine does meanwhile), each lane's process CPU time read
 * from /proc before and after, and its request log for the statement counts.
 */
export async function sequential(lanes: Lane[], options: SequentialOptions): Promise<LaneResult[]> {
  for (let i = 0; i < options.warmup; i++) for (const lane of lanes) await send(lane.target);
  const latencies = lanes.map(() => [] as number[]);
  const errors = lanes.map(() => 0);
  const firstError: (string | null)[] = lanes.map(() => null);
  const lastBody = lanes.map(() => "");
  const peak = lanes.map(() => 0);
  const logStart = lanes.map((l) => logSize(l.logFile));
  const cpuStart = lanes.map((l) => (l.pid ? cpuMs(l.pid) : 0));
  const started = performance.now();
  for (let round = 0; round < options.requests; round++) {
    if (round >= options.minRequests && performance.now() - started > options.maxSeconds * 1000) break;
    for (let k = 0; k < lanes.length; k++) {
      // Each round starts with the next lane: none is always first after the harness's own pause.
      const i = (round + k) % lanes.length;
      const r = await send(lanes[i].target);
      latencies[i].push(r.ms);
      lastBody[i] = r.text;
      if (lanes[i].target.inspect(r.status, r.text).error) {
        errors[i]++;
        firstError[i] ??= `${r.status} ${r.text.slice(0, 300)}`;
      }
    }
    if (round % 20 === 0) lanes.forEach((l, i) => (peak[i] = Math.max(peak[i], l.pid ? rssMb(l.pid) : 0)));
  }
  const wallMs = performance.now() - started;
  const cpuEnd = lanes.map((l) => (l.pid ? cpuMs(l.pid) : 0));
  // The last request's log line is written as its answer ends: give it a moment.
  await new Promise((r) => setTimeout(r, 50));
  return lanes.map((lane, i) => {
    const sorted = [...latencies[i]].sort((a, b) => a - b);
    const logged = lane.logFile ? loggedStatements(lane.logFile, logStart[i]).counts : [];
    return {
      requests: sorted.length,
      errors: errors[i],
      firstError: firstError[i],
      medianMs: median(sorted),
      p95Ms: percentile(sorted, 95),
      cpuMs: lane.pid ? cpuEnd[i] - cpuStart[i] : null,
      wallMs,
      statements: logged.length ? logged.reduce((a, b) => a + b, 0) / logged.length : null,
      lastBody: lastBody[i],
      peakRssMb: peak[i],
    };
  });
}

/** CPU time a process uses while idle, ms per second of wall time, over `ms`. */
export async function idleCpu(pid: number, ms: number): Promise<number> {
  const before = cpuMs(pid);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return ((cpuMs(pid) - before) * 1000) / (performance.now() - started);
}
