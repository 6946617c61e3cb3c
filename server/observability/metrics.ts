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

/** How far each read replica is behind the primary (server/database/read-replicas.ts: the monitor's last poll). */
export const replicaLag = new Gauge({
  name: "maillage_db_replica_lag_seconds",
  help: "How long ago the primary first went past the WAL position each read replica has replayed, by pool (replica-1...).",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});

/** Connections of each read replica's pool, read at scrape time (the primary's: maillage_db_pool_connections). */
export const replicaPool = new Gauge({
  name: "maillage_db_replica_pool_connections",
  help: "Read replica pool connections by pool (replica-1...) and state (total, idle, waiting).",
  labelNames: ["pool", "state"] as const,
  registers: [metricsRegistry],
});

/** 1 while a replica answers the monitor and serves reads, 0 while it is left out. */
export const replicaUp = new Gauge({
  name: "maillage_db_replica_up",
  help: "Whether each read replica answers and is a streaming replica (1) or is left out (0), by pool.",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});

/** Statements of query operations (and exports) by the pool that answered them, when read replicas are configured. */
export const routedReads = new Counter({
  name: "maillage_db_routed_reads_total",
  help: "SQL statements of read requests by the pool that answered them (primary, replica-1...), when read replicas are configured.",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});

/** Reads that failed on a replica (stopped, cut, recovery conflict) and were sent again elsewhere. */
export const readFailovers = new Counter({
  name: "maillage_db_read_failovers_total",
  help: "SQL statements retried on another replica or the primary after their replica failed, by the replica that failed.",
  labelNames: ["pool"] as const,
  registers: [metricsRegistry],
});
