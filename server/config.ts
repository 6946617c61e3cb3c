import path from "node:path";
import { AuthConfig, loadAuthConfig } from "./auth/auth-config";

/** Runtime configuration, read once from the environment (documented in docs/operations.md, "Configuration"). */
export interface Config {
  /** NODE_ENV=production: the hardened defaults of docs/operations.md ("Production mode"). */
  production: boolean;
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database, or `memory://` for a throwaway one. */
  dataDir: string;
  /** Streaming replicas that serve the reads of query operations (DATABASE_REPLICA_URLS; PostgreSQL only). */
  replicas: ReplicaConfig;
  /** Load the demo dataset into an empty database at start. */
  demoData: boolean;
  /** Serve the graph as an Apollo Federation 2 subgraph (MAILLAGE_SUBGRAPH): `_service` and `_entities` added (docs/federation.md). */
  subgraph: boolean;
  /** Add `extensions.diagnostics` (SQL statement count) to responses: for tests and benchmarks. */
  diagnostics: boolean;
  /** Rows per keyset batch of the CSV/GeoJSON exports. */
  exportBatchSize: number;
  /** How much work one search may do (MAILLAGE_SEARCH_RANKED, MAILLAGE_SEARCH_COUNTED): see docs/performance.md. */
  search: SearchBounds;
  /** Hours an idempotency key is remembered before it is purged. */
  idempotencyRetentionHours: number;
  /** Longest a shutdown waits for in-flight requests before cutting their connections. */
  shutdownTimeoutMs: number;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /**
   * Port of the metrics' own HTTP server (MAILLAGE_METRICS_PORT); undefined: /metrics on the public
   * port. In production 9464 unless MAILLAGE_METRICS_TOKEN is set: never open on the public port.
   */
  metricsPort: number | undefined;
  /** Interface of the metrics server (MAILLAGE_METRICS_HOST): HOST unless set. */
  metricsHost: string;
  /** Bearer token /metrics requires wherever it is served (MAILLAGE_METRICS_TOKEN); undefined: none. */
  metricsToken: string | undefined;
  /** Redis connection string: caches and rate limits shared by all instances; in-process memory when absent. */
  redisUrl: string | undefined;
  /** Prefix of the keys this deployment writes in Redis (then `apq:` or `response:`): MAILLAGE_CACHE_KEY_PREFIX. */
  cacheKeyPrefix: string;
  /** Size bound of the in-process cache used without Redis, in MiB: MAILLAGE_MEMORY_CACHE_MB. */
  memoryCacheMb: number;
  /** Seconds a query registered by a client (automatic persisted queries) is kept: MAILLAGE_APQ_TTL_SECONDS. */
  persistedQueryTtlSeconds: number;
  /** Largest query text (bytes) a client may register as a persisted query: MAILLAGE_APQ_MAX_BYTES. */
  persistedQueryMaxBytes: number;
  /** Cache whole responses of anonymous public queries (MAILLAGE_RESPONSE_CACHE). */
  responseCache: boolean;
  /** Answer the queries it can by one statement building their JSON (MAILLAGE_COMPILED_READS; server/queries/compiled). */
  compiledReads: boolean;
  /** Registered operations (Apollo persisted query manifest JSON): MAILLAGE_OPERATIONS_FILE. */
  operationsFile: string | undefined;
  /** Run only the operations of the operations file (MAILLAGE_STRICT_OPERATIONS). */
  strictOperations: boolean;
  /** How bearer tokens are verified (MAILLAGE_JWT_*, MAILLAGE_JWKS_*, MAILLAGE_DEV_KEY_FILE). */
  auth: AuthConfig;
  /** Bounds on one request, checked before any resolver runs (docs/operations.md, "Request limits"). */
  limits: LimitsConfig;
  /** Query cost consumed per client and window; shared through Redis when REDIS_URL is set. */
  rateLimit: RateLimitConfig;
  /** Answer introspection queries (MAILLAGE_INTROSPECTION; on outside production). */
  introspection: boolean;
  /** Strip "Did you mean ...?" from validation messages (MAILLAGE_HIDE_SUGGESTIONS; on in production). */
  hideSuggestions: boolean;
  /** Origins allowed to call the API from a browser (MAILLAGE_CORS_ORIGINS); empty: same origin only. */
  corsOrigins: string[];
  /** Express `trust proxy` (MAILLAGE_TRUST_PROXY): whose X-Forwarded-For gives the client IP; false: the socket's address. */
  trustProxy: boolean | number | string;
  /** The explorer map's basemap (MAILLAGE_TILE_URL, MAILLAGE_TILE_ATTRIBUTION); undefined: no basemap. */
  basemap: BasemapConfig | undefined;
  /** Geocoder of `addressQpv` (MAILLAGE_GEOCODER_URL, MAILLAGE_GEOCODER_TIMEOUT_MS); undefined: addresses are not looked up. */
  geocoder: GeocoderConfig | undefined;
}

/**
 * Bounds on the work of one search, per kind of record: at most `counted` matches are visited (and counted:
 * beyond, `totalCount` is a lower bound), and the best `ranked` of them by a cheap first order (name
 * matches first, shorter names first) are scored and returned in pages.
 */
export interface SearchBounds {
  ranked: number;
  counted: number;
}

export interface BasemapConfig {
  /** A Leaflet tile URL template, with {z}, {x} and {y}. */
  tileUrl: string;
  /** Credit shown on the map, as plain text. */
  attribution: string;
}

export interface GeocoderConfig {
  /** A search endpoint answering as the Base Adresse Nationale's `/search/` does (GeoCodeJSON). */
  url: string;
  /** Longest wait for its answer. */
  timeoutMs: number;
}

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of a document: the parser stops at this bound. */
  maxTokens: number;
  /** Selections (fields, fragment spreads, inline fragments) of a document once fragments are expanded. */
  maxSelections: number;
  /** Largest computed query cost a request may have (server/limits/field-costs.ts). */
  maxCost: number;
  maxBodyBytes: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Cost points an authenticated subject may consume per window. */
  identityPoints: number;
  /** Cost points an anonymous client IP may consume per window. */
  ipPoints: number;
  windowSeconds: number;
  /** Prefix of the Redis keys (instances that share a budget share the prefix). */
  keyPrefix: string;
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

/** MAILLAGE_TRUST_PROXY: unset or false trusts no proxy; a number trusts that many hops; otherwise addresses/subnets for Express. */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "" || ["0", "false", "no", "off"].includes(value.toLowerCase())) return false;
  if (/^[0-9]+$/.test(value)) return integer("MAILLAGE_TRUST_PROXY", value, 0, 0, 10);
  // Trusting every hop would let any client choose its own rate-limit key with a forged header.
  if (["true", "yes", "on", "1"].includes(value.toLowerCase())) throw new Error("MAILLAGE_TRUST_PROXY must be a hop count or the proxies' addresses, not true");
  return value;
}

/** Fewer characters than this is a password, not a token. */
const MIN_METRICS_TOKEN_LENGTH = 16;
/** The port Prometheus exporters customarily use (OpenTelemetry's). */
const PRODUCTION_METRICS_PORT = 9464;

/** Where /metrics is served: see Config.metricsPort. */
function metricsSettings(env: NodeJS.ProcessEnv, production: boolean, port: number, host: string): Pick<Config, "metricsPort" | "metricsHost" | "metricsToken"> {
  const metricsToken = env.MAILLAGE_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new Error(`MAILLAGE_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters, without spaces`);
  }
  const fallback = production && !metricsToken ? PRODUCTION_METRICS_PORT : undefined;
  const metricsPort = env.MAILLAGE_METRICS_PORT ? integer("MAILLAGE_METRICS_PORT", env.MAILLAGE_METRICS_PORT, 0, 0, 65535) : fallback;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) throw new Error("MAILLAGE_METRICS_PORT must differ from PORT: metrics stay off the public port");
  return { metricsPort, metricsHost: env.MAILLAGE_METRICS_HOST || host, metricsToken };
}

/** Plan IGN (IGN Géoplateforme, WMTS in Web Mercator, no key): the basemap French public services use. */
export const PLAN_IGN_TILE_URL =
  "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal" +
  "&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}";
export const PLAN_IGN_ATTRIBUTION = "Fond de carte : Plan IGN © IGN";
/** The Base Adresse Nationale's public geocoder (no key; 50 requests a second per IP). */
export const BAN_SEARCH_URL = "https://api-adresse.data.gouv.fr/search/";

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  return value;
}

/** MAILLAGE_TILE_URL: unset means Plan IGN, empty means no basemap; a custom one carries its own attribution (or none). */
function basemap(env: NodeJS.ProcessEnv): BasemapConfig | undefined {
  const tileUrl = env.MAILLAGE_TILE_URL ?? PLAN_IGN_TILE_URL;
  if (tileUrl === "") return undefined;
  // The template's placeholders are not URL syntax: checked as text, then the rest as a URL.
  if (!["{z}", "{x}", "{y}"].every((p) => tileUrl.includes(p))) throw new Error(`MAILLAGE_TILE_URL must contain {z}, {x} and {y}, got "${tileUrl}"`);
  httpUrl("MAILLAGE_TILE_URL", tileUrl.replace(/\{[a-z]\}/g, "0"));
  const attribution = env.MAILLAGE_TILE_ATTRIBUTION ?? (env.MAILLAGE_TILE_URL === undefined ? PLAN_IGN_ATTRIBUTION : "");
  return { tileUrl, attribution };
}

/** MAILLAGE_GEOCODER_URL: unset means the BAN's, empty means no address look-up. */
function geocoder(env: NodeJS.ProcessEnv): GeocoderConfig | undefined {
  const url = env.MAILLAGE_GEOCODER_URL ?? BAN_SEARCH_URL;
  if (url === "") return undefined;
  return {
    url: httpUrl("MAILLAGE_GEOCODER_URL", url),
    timeoutMs: integer("MAILLAGE_GEOCODER_TIMEOUT_MS", env.MAILLAGE_GEOCODER_TIMEOUT_MS, 3000, 100, 30_000),
  };
}

/** Read replicas (docs/operations.md, "Read replicas"): none when `urls` is empty. */
export interface ReplicaConfig {
  urls: string[];
  /** A replica further behind the primary than this is skipped (MAILLAGE_REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  /** How often each replica's replay position and the primary's WAL position are read (MAILLAGE_REPLICA_POLL_MS). */
  pollMs: number;
}

function replicaConfig(env: NodeJS.ProcessEnv): ReplicaConfig {
  const urls = (env.DATABASE_REPLICA_URLS ?? "").split(",").map((url) => url.trim()).filter(Boolean);
  if (urls.length && !env.DATABASE_URL) {
    throw new Error("DATABASE_REPLICA_URLS needs DATABASE_URL: replicas stream from a PostgreSQL primary, and the embedded database (PGlite) has none");
  }
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`DATABASE_REPLICA_URLS must list postgres:// URLs separated by commas, got "${url.replace(/\/\/[^@/]*@/, "//***@")}"`);
  }
  return {
    urls,
    maxLagMs: integer("MAILLAGE_REPLICA_MAX_LAG_MS", env.MAILLAGE_REPLICA_MAX_LAG_MS, 5000, 0, 3_600_000),
    pollMs: integer("MAILLAGE_REPLICA_POLL_MS", env.MAILLAGE_REPLICA_POLL_MS, 250, 20, 60_000),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.MAILLAGE_DATA_DIR || ".data";
  const operationsFile = env.MAILLAGE_OPERATIONS_FILE ? path.resolve(env.MAILLAGE_OPERATIONS_FILE) : undefined;
  const strictOperations = flag(env.MAILLAGE_STRICT_OPERATIONS, false);
  if (strictOperations && !operationsFile) throw new Error("MAILLAGE_STRICT_OPERATIONS needs MAILLAGE_OPERATIONS_FILE: the operations allowed to run");
  const production = env.NODE_ENV === "production";
  const port = integer("PORT", env.PORT, 4000, 0, 65535);
  const host = env.HOST || "127.0.0.1";
  return {
    production,
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: dataDir.startsWith("memory://") ? dataDir : path.resolve(dataDir),
    replicas: replicaConfig(env),
    demoData: flag(env.MAILLAGE_DEMO_DATA, true),
    subgraph: flag(env.MAILLAGE_SUBGRAPH, false),
    diagnostics: flag(env.MAILLAGE_DIAGNOSTICS, false),
    exportBatchSize: integer("MAILLAGE_EXPORT_BATCH_SIZE", env.MAILLAGE_EXPORT_BATCH_SIZE, 500, 1, 10000),
    search: {
      ranked: integer("MAILLAGE_SEARCH_RANKED", env.MAILLAGE_SEARCH_RANKED, 200, 1, 100_000),
      counted: integer("MAILLAGE_SEARCH_COUNTED", env.MAILLAGE_SEARCH_COUNTED, 1_000, 1, 10_000_000),
    },
    idempotencyRetentionHours: integer("MAILLAGE_IDEMPOTENCY_RETENTION_HOURS", env.MAILLAGE_IDEMPOTENCY_RETENTION_HOURS, 168, 1, 8760),
    shutdownTimeoutMs: integer("MAILLAGE_SHUTDOWN_TIMEOUT_MS", env.MAILLAGE_SHUTDOWN_TIMEOUT_MS, 10_000, 0, 600_000),
    metrics: flag(env.MAILLAGE_METRICS, true),
    ...metricsSettings(env, production, port, host),
    redisUrl: env.REDIS_URL || undefined,
    cacheKeyPrefix: env.MAILLAGE_CACHE_KEY_PREFIX ?? "maillage:",
    memoryCacheMb: integer("MAILLAGE_MEMORY_CACHE_MB", env.MAILLAGE_MEMORY_CACHE_MB, 32, 1, 4096),
    persistedQueryTtlSeconds: integer("MAILLAGE_APQ_TTL_SECONDS", env.MAILLAGE_APQ_TTL_SECONDS, 604_800, 60, 31_536_000),
    persistedQueryMaxBytes: integer("MAILLAGE_APQ_MAX_BYTES", env.MAILLAGE_APQ_MAX_BYTES, 32_768, 1024, 1_048_576),
    responseCache: flag(env.MAILLAGE_RESPONSE_CACHE, true),
    compiledReads: flag(env.MAILLAGE_COMPILED_READS, true),
    operationsFile,
    strictOperations,
    auth: loadAuthConfig(env),
    limits: {
      maxDepth: integer("MAILLAGE_MAX_DEPTH", env.MAILLAGE_MAX_DEPTH, 20, 1, 100),
      maxAliases: integer("MAILLAGE_MAX_ALIASES", env.MAILLAGE_MAX_ALIASES, 200, 0, 1000),
      maxDirectives: integer("MAILLAGE_MAX_DIRECTIVES", env.MAILLAGE_MAX_DIRECTIVES, 20, 0, 1000),
      maxTokens: integer("MAILLAGE_MAX_TOKENS", env.MAILLAGE_MAX_TOKENS, 10000, 100, 100000),
      maxSelections: integer("MAILLAGE_MAX_SELECTIONS", env.MAILLAGE_MAX_SELECTIONS, 2000, 10, 100000),
      maxCost: integer("MAILLAGE_MAX_COST", env.MAILLAGE_MAX_COST, 200000, 1, 10_000_000),
      maxBodyBytes: integer("MAILLAGE_MAX_BODY_BYTES", env.MAILLAGE_MAX_BODY_BYTES, 262144, 1024, 16 * 1024 * 1024),
    },
    rateLimit: {
      enabled: flag(env.MAILLAGE_RATE_LIMIT, true),
      identityPoints: integer("MAILLAGE_RATE_LIMIT_IDENTITY_POINTS", env.MAILLAGE_RATE_LIMIT_IDENTITY_POINTS, 2000000, 1, 1_000_000_000),
      ipPoints: integer("MAILLAGE_RATE_LIMIT_IP_POINTS", env.MAILLAGE_RATE_LIMIT_IP_POINTS, 1000000, 1, 1_000_000_000),
      windowSeconds: integer("MAILLAGE_RATE_LIMIT_WINDOW_SECONDS", env.MAILLAGE_RATE_LIMIT_WINDOW_SECONDS, 60, 1, 86400),
      keyPrefix: env.MAILLAGE_RATE_LIMIT_PREFIX || "maillage:rate",
    },
    introspection: flag(env.MAILLAGE_INTROSPECTION, !production),
    hideSuggestions: flag(env.MAILLAGE_HIDE_SUGGESTIONS, production),
    corsOrigins: (env.MAILLAGE_CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean),
    trustProxy: trustProxy(env.MAILLAGE_TRUST_PROXY),
    basemap: basemap(env),
    geocoder: geocoder(env),
  };
}
