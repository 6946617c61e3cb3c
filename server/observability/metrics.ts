import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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

/** Every HTTP request, by route family (never the raw URL: unbounded label values would swamp Prometheus). */
export const httpRequestDuration = new Histogram({
  name: "maillage_http_request_duration_seconds",
  help: "HTTP request duration in seconds, by route, method and status code.",
  labelNames: ["route", "method", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** GraphQL requests by operation name (bounded, see operation-label.ts) and type. */
export const operationDuration = new Histogram({
  name: "maillage_graphql_operation_duration_seconds",
  help: "GraphQL request duration in seconds, by operation name and type.",
  labelNames: ["operation", "type"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** SQL statements per GraphQL request: the N+1 guard, watched in production too. */
export const operationStatements = new Histogram({
  name: "maillage_graphql_operation_sql_statements",
  help: "SQL statements sent per GraphQL request, by operation name.",
  labelNames: ["operation"] as const,
  buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50],
  registers: [metricsRegistry],
});

/** Errors returned to clients, by their extensions.code. */
export const graphqlErrors = new Counter({
  name: "maillage_graphql_errors_total",
  help: "GraphQL errors returned to clients, by extensions.code.",
  labelNames: ["code"] as const,
  registers: [metricsRegistry],
});

/** Connections of the database pool; `read` is set by the data source once it is open. */
export const databasePool = new Gauge({
  name: "maillage_db_pool_connections",
  help: "Database pool connections by state (total, idle, waiting: requests queued for a connection).",
  labelNames: ["state"] as const,
  registers: [metricsRegistry],
});
