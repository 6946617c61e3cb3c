import { Counter, Registry, collectDefaultMetrics } from "prom-client";

/** The Prometheus registry served at /metrics: one per process (each instance is scraped on its own). */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "maillage_" });

/** Look-ups in the shared caches (persisted queries, response cache), by cache and hit or miss: the hit rate. */
export const cacheLookups = new Counter({
  name: "maillage_cache_lookups_total",
  help: "Look-ups in Maillage's caches, by cache and outcome (hit or miss).",
  labelNames: ["cache", "outcome"] as const,
  registers: [metricsRegistry],
});
