import path from "node:path";
import { AuthConfig, loadAuthConfig } from "./auth/auth-config";

/** Runtime configuration, read once from the environment (documented in the README). */
export interface Config {
  /** NODE_ENV=production: the hardened defaults of the operations section of the README. */
  production: boolean;
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database, or `memory://` for a throwaway one. */
  dataDir: string;
  /** Load the demo dataset into an empty database at start. */
  demoData: boolean;
  /** Add `extensions.diagnostics` (SQL statement count) to responses: for tests and benchmarks. */
  diagnostics: boolean;
  /** Rows per keyset batch of the CSV/GeoJSON exports. */
  exportBatchSize: number;
  /** Hours an idempotency key is remembered before it is purged. */
  idempotencyRetentionHours: number;
  /** Longest a shutdown waits for in-flight requests before cutting their connections. */
  shutdownTimeoutMs: number;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Redis connection string: caches and rate limits shared by all instances; in-process memory when absent. */
  redisUrl: string | undefined;
  /** Prefix of the keys this deployment writes in Redis (then `apq:` or `response:`): MAILLAGE_CACHE_KEY_PREFIX. */
  cacheKeyPrefix: string;
  /** Size bound of the in-process cache used without Redis, in MiB: MAILLAGE_MEMORY_CACHE_MB. */
  memoryCacheMb: number;
  /** Seconds a query registered by a client (automatic persisted queries) is kept: MAILLAGE_APQ_TTL_SECONDS. */
  persistedQueryTtlSeconds: number;
  /** Cache whole responses of anonymous public queries (MAILLAGE_RESPONSE_CACHE). */
  responseCache: boolean;
  /** Registered operations (Apollo persisted query manifest JSON): MAILLAGE_OPERATIONS_FILE. */
  operationsFile: string | undefined;
  /** Run only the operations of the operations file (MAILLAGE_STRICT_OPERATIONS). */
  strictOperations: boolean;
  /** How bearer tokens are verified (MAILLAGE_JWT_*, MAILLAGE_JWKS_*, MAILLAGE_DEV_KEY_FILE). */
  auth: AuthConfig;
}

export function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

export function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.MAILLAGE_DATA_DIR || ".data";
  const operationsFile = env.MAILLAGE_OPERATIONS_FILE ? path.resolve(env.MAILLAGE_OPERATIONS_FILE) : undefined;
  const strictOperations = flag(env.MAILLAGE_STRICT_OPERATIONS, false);
  if (strictOperations && !operationsFile) throw new Error("MAILLAGE_STRICT_OPERATIONS needs MAILLAGE_OPERATIONS_FILE: the operations allowed to run");
  return {
    production: env.NODE_ENV === "production",
    port: integer("PORT", env.PORT, 4000, 0, 65535),
    host: env.HOST || "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: dataDir.startsWith("memory://") ? dataDir : path.resolve(dataDir),
    demoData: flag(env.MAILLAGE_DEMO_DATA, true),
    diagnostics: flag(env.MAILLAGE_DIAGNOSTICS, false),
    exportBatchSize: integer("MAILLAGE_EXPORT_BATCH_SIZE", env.MAILLAGE_EXPORT_BATCH_SIZE, 500, 1, 10000),
    idempotencyRetentionHours: integer("MAILLAGE_IDEMPOTENCY_RETENTION_HOURS", env.MAILLAGE_IDEMPOTENCY_RETENTION_HOURS, 168, 1, 8760),
    shutdownTimeoutMs: integer("MAILLAGE_SHUTDOWN_TIMEOUT_MS", env.MAILLAGE_SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000),
    metrics: flag(env.MAILLAGE_METRICS, true),
    redisUrl: env.REDIS_URL || undefined,
    cacheKeyPrefix: env.MAILLAGE_CACHE_KEY_PREFIX ?? "maillage:",
    memoryCacheMb: integer("MAILLAGE_MEMORY_CACHE_MB", env.MAILLAGE_MEMORY_CACHE_MB, 32, 1, 4096),
    persistedQueryTtlSeconds: integer("MAILLAGE_APQ_TTL_SECONDS", env.MAILLAGE_APQ_TTL_SECONDS, 604_800, 60, 31_536_000),
    responseCache: flag(env.MAILLAGE_RESPONSE_CACHE, true),
    operationsFile,
    strictOperations,
    auth: loadAuthConfig(env),
  };
}
