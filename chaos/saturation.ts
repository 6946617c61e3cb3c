import { getPath, postGraphql, sleep } from "./http";
import { ServerControl } from "./server-control";
import { Violations } from "./violations";

/** Rate and cost limits the server under test runs with: low, so that a few seconds of flooding reach them. */
export const LIMITS_ENV = {
  MAILLAGE_RATE_LIMIT: "true",
  MAILLAGE_RATE_LIMIT_WINDOW_SECONDS: "5",
  MAILLAGE_RATE_LIMIT_IP_POINTS: "20000",
  MAILLAGE_RATE_LIMIT_IDENTITY_POINTS: "60000",
  MAILLAGE_MAX_COST: "50000",
};
const WINDOW_MS = Number(LIMITS_ENV.MAILLAGE_RATE_LIMIT_WINDOW_SECONDS) * 1000;

/** Within the cost limit but priced high (10,201: 100 associations × 100 projects each): two fill the anonymous budget of a window, six a signed-in one. */
const HEAVY = `{ associations(first: 100) { edges { node { name projects(first: 100) { edges { node { title } } } } } } }`;
/** Beyond the cost limit: refused before it runs. */
const TOO_COSTLY = `{ associations(first: 100) { edges { node { projects(first: 100) { edges { node { participants { organization { name } } } } } } } } }`;
/** The time within which 95% of refusals (429, cost limit) must be answered. */
const REFUSAL_P95_BOUND_MS = 5_000;
const PROBE = `{ regions(first: 1) { edges { node { code } } } }`;

/** What one saturation showed. */
export interface SaturationFigures {
  requests: number;
  statuses: Record<string, number>;
  /** Time to answer a refusal (429/503, and 400 for the cost limit), ms. */
  refusalMs: number[];
  /** Time to answer an admitted request, ms. */
  admittedMs: number[];
  health: { healthz: Record<string, number>; readyz: Record<string, number>; maxMs: number };
  rssPeakBytes: number | null;
  rssBeforeBytes: number | null;
  /** From the end of the flood to the first anonymous request answered 200, ms. */
  recoveryMs: number | null;
}

const bump = (counts: Record<string, number>, key: string | number) => void (counts[key] = (counts[key] ?? 0) + 1);

/**
 * Floods the server for `durationMs` beyond its rate limit (anonymous and signed-in flooders) and
 * its cost limit, while health and readiness are polled and memory sampled; then measures how long
 * it takes to serve again once the flood stops. Violations: a refusal without Retry-After, any other
 * failure (5xx, no answer), a health check not answering, memory past `rssBoundBytes`, no recovery.
 */
export async function saturate(server: ServerControl, options: { durationMs: number; tokens: string[]; rssBoundBytes: number; violations: Violations; cycle: number }): Promise<SaturationFigures> {
  const { violations, cycle } = options;
  const figures: SaturationFigures = {
    requests: 0, statuses: {}, refusalMs: [], admittedMs: [], health: { healthz: {}, readyz: {}, maxMs: 0 },
    rssPeakBytes: null, rssBeforeBytes: await server.rssBytes(), recoveryMs: null,
  };
  const until = Date.now() + options.durationMs;
  const flooder = async (query: string, token?: string) => {
    while (Date.now() < until) {
      const answer = await postGraphql(server.url, query, {}, token, 30_000);
      figures.requests++;
      bump(figures.statuses, answer.status);
      const code = answer.body?.errors?.[0]?.extensions?.code;
      if (answer.status === 429 || answer.status === 503) {
        figures.refusalMs.push(answer.ms);
        if (!answer.retryAfter || !/^\d+$/.test(answer.retryAfter)) violations.add(cycle, "overload", `${answer.status} without a Retry-After in whole seconds (${answer.retryAfter})`);
      } else if (answer.status === 400 && code === "QUERY_TOO_COSTLY") {
        figures.refusalMs.push(answer.ms);
      } else if (answer.status === 200 && !answer.body?.errors) {
        figures.admittedMs.push(answer.ms);
      } else {
        violations.add(cycle, "overload", `under saturation: ${answer.status} ${answer.failure ?? ""} ${JSON.stringify(answer.body)?.slice(0, 200)}`);
      }
    }
  };
  const poll = async (path: "healthz" | "readyz") => {
    while (Date.now() < until) {
      const answer = await getPath(`${server.base}/${path}`, 5_000);
      bump(figures.health[path], answer.status);
      figures.health.maxMs = Math.max(figures.health.maxMs, answer.ms);
      if (answer.status === 0 || (path === "healthz" && answer.status !== 200)) violations.add(cycle, "overload", `/${path} answered ${answer.status} ${answer.failure ?? ""} under saturation`);
      await sleep(200);
    }
  };
  const sampleMemory = async () => {
    while (Date.now() < until) {
      const rss = await server.rssBytes();
      if (rss !== null) figures.rssPeakBytes = Math.max(figures.rssPeakBytes ?? 0, rss);
      await sleep(500);
    }
  };
  await Promise.all([
    ...Array.from({ length: 24 }, () => flooder(HEAVY)),
    ...options.tokens.flatMap((token) => Array.from({ length: 4 }, () => flooder(HEAVY, token))),
    ...Array.from({ length: 4 }, () => flooder(TOO_COSTLY)),
    poll("healthz"),
    poll("readyz"),
    sampleMemory(),
  ]);
  const stopped = Date.now();
  while (Date.now() - stopped < WINDOW_MS * 4) {
    const answer = await postGraphql(server.url, PROBE, {}, undefined, 10_000);
    if (answer.status === 200 && !answer.body?.errors) {
      figures.recoveryMs = Date.now() - stopped;
      break;
    }
    await sleep(100);
  }
  const rss = await server.rssBytes();
  if (rss !== null) figures.rssPeakBytes = Math.max(figures.rssPeakBytes ?? 0, rss);
  violations.check(cycle, "overload", (figures.statuses["429"] ?? 0) > 0, () => `the flood never reached the rate limit: ${JSON.stringify(figures.statuses)}`);
  violations.check(cycle, "overload", figures.recoveryMs !== null, () => `anonymous requests still refused ${(WINDOW_MS * 4) / 1000} s after the flood stopped`);
  // "Quickly", generously (2 shared cores, and PGlite runs its queries on the server's own thread): a refusal must not queue like a query.
  const slow = percentile(figures.refusalMs, 95);
  violations.check(cycle, "overload", slow === null || slow <= REFUSAL_P95_BOUND_MS, () => `refusals took ${Math.round(slow!)} ms (p95) to answer, bound ${REFUSAL_P95_BOUND_MS} ms`);
  violations.check(cycle, "overload", (figures.rssPeakBytes ?? 0) <= options.rssBoundBytes, () => `resident memory reached ${Math.round((figures.rssPeakBytes ?? 0) / 2 ** 20)} MiB (bound ${Math.round(options.rssBoundBytes / 2 ** 20)} MiB)`);
  return figures;
}

/** The p-th percentile of some figures (nearest rank), or null when there are none. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
