import http from "node:http";
import { AddressInfo } from "node:net";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { PrefixingKeyValueCache } from "@apollo/utils.keyvaluecache";
import compression from "compression";
import express from "express";
import { GraphQLSchema } from "graphql";
import Redis from "ioredis";
import { DataSource } from "typeorm";
import { authenticate, viewerOf } from "./auth/authenticate";
import { createTokenVerifier } from "./auth/token-verifier";
import { operationCachePolicy } from "./cache-control/operation-cache-policy";
import { compiledReadPlugin } from "./queries/compiled/compiled-read-plugin";
import { readPlanPlugin } from "./queries/read-plan";
import { privateWhenAuthenticated } from "./cache-control/private-when-authenticated";
import { anonymousResponseCache } from "./cache-control/response-cache";
import { Config } from "./config";
import { createContext, RequestContext } from "./context";
import { databaseUnavailablePlugin } from "./database/database-unavailable-plugin";
import { readRoutingPlugin } from "./database/read-routing-plugin";
import { explorerConfigRoute } from "./explorer-config";
import { registerExplorerRoutes } from "./explorer-routes";
import { registerExportRoutes } from "./exports/export-routes";
import { createBanGeocoder } from "./geocoding/ban-geocoder";
import { errorFormatter } from "./graphql-errors";
import { graphqlOutcomePlugin } from "./observability/graphql-outcome-plugin";
import { healthRoutes, Lifecycle } from "./observability/health-routes";
import { apolloLogger, logger } from "./observability/logger";
import { metricsHandlers, MetricsServer, MetricsSettings, startMetricsServer } from "./observability/metrics-endpoint";
import { requestLogging } from "./observability/request-log";
import { recordOf } from "./observability/request-record";
import { loadOperationManifest } from "./persisted-operations/operation-manifest";
import { RegisteredOperationsCache } from "./persisted-operations/registered-operations-cache";
import { strictOperations } from "./persisted-operations/strict-operations";
import { createSharedCaches } from "./shared-cache/shared-caches";
import { SizeCappedKeyValueCache } from "./shared-cache/size-capped-cache";
import { waitForRedis } from "./shared-cache/wait-for-redis";
import { apolloHardening, landingPagePlugins } from "./hardening/apollo-hardening";
import { corsPolicy } from "./hardening/cors";
import { responseStatusPlugin } from "./hardening/response-status";
import { bodyErrorHandler, nestingGuard, requestShapeGuard } from "./limits/http-guards";
import { operationLimitsPlugin } from "./limits/operation-limits-plugin";
import { clientKey } from "./rate-limit/client-key";
import { createCostRateLimiter } from "./rate-limit/cost-rate-limiter";
import { EXPORT_COST, rateLimitGuard } from "./rate-limit/rate-limit-guard";
import { sendHttpError } from "./http-error";
import { apolloHandler, serveGraphqlPosts } from "./graphql-endpoint";

/** A running HTTP server and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** Where Prometheus scrapes: its own port, or the public one; undefined when metrics are off. */
  metricsUrl: string | undefined;
  /** Refuses new requests, lets in-flight ones finish (cut after the shutdown deadline), then resolves. */
  stop(): Promise<void>;
}

/** What the HTTP server serves from: the schema, the database, and Redis when configured. */
export interface ServerServices {
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Shared caches and rate limits live here when REDIS_URL is set; in process memory otherwise. */
  redis: Redis | undefined;
}

/** Adds the request's SQL statement count (and how many were prepared by name) to the response, when diagnostics are on. */
function diagnosticsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const { count, prepared = 0 } = contextValue.tally;
          result.extensions = { ...result.extensions, diagnostics: { sqlStatements: count, preparedStatements: prepared, compiled: contextValue.tally.compiled === true } };
        },
      };
    },
  };
}

/** Serves the graph at /graphql (Apollo on Express), the exports, health checks and metrics. */
export async function startHttpServer(config: Config, { schema, dataSource, redis }: ServerServices): Promise<RunningServer> {
  const verifier = createTokenVerifier(config.auth, config.dataDir);
  const notice = verifier.startupNotice();
  const { level: noticeLevel, msg: noticeMessage, ...noticeFields } = notice;
  logger[noticeLevel === "warn" ? "warn" : "info"](noticeFields, noticeMessage);
  // Who is asking, from the bearer token, before any other work: a refused token ends the request with 401.
  const authentication = authenticate(verifier);
  const lifecycle: Lifecycle = { stopping: false };
  const app = express();
  // Its request listener is set once the routes are (serveGraphqlPosts below).
  const httpServer = http.createServer();
  // Idle keep-alive connections outlive those of clients and load balancers (typically 60 s): a
  // server closing first races with a request sent on the same socket (ECONNRESET on the client).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const caches = createSharedCaches(redis, { keyPrefix: config.cacheKeyPrefix, memoryCacheMb: config.memoryCacheMb });
  const registry = config.operationsFile ? loadOperationManifest(config.operationsFile, schema) : undefined;
  // Apollo stores a query a client registers only once it passed parsing, validation and the
  // limits (after didResolveOperation); and not past this size.
  const clientQueries = new SizeCappedKeyValueCache(caches.apq, config.persistedQueryMaxBytes);
  const apqCache = registry ? new RegisteredOperationsCache(registry, clientQueries) : clientQueries;
  const rateLimiter = config.rateLimit.enabled ? createCostRateLimiter(config.rateLimit, redis) : undefined;
  const geocoder = config.geocoder ? createBanGeocoder(config.geocoder) : undefined;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: errorFormatter({ hideSuggestions: config.hideSuggestions }),
    // Apollo's own messages as lines of our JSON log (its default logger writes plain text to the console).
    logger: apolloLogger,
    ...apolloHardening(config),
    stopOnTerminationSignals: false,
    // Our caches are already separated by purpose: Apollo's own `apq:` prefix is not needed.
    persistedQueries: { cache: PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(apqCache), ttl: config.persistedQueryTtlSeconds },
    plugins: [
      // On stop: stop listening, close idle connections, wait for in-flight requests, cut the rest at the deadline.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      graphqlOutcomePlugin(),
      databaseUnavailablePlugin(),
      operationLimitsPlugin({ limits: config.limits, rateLimiter, clientOf: (context) => context.client }),
      // After the limits: a refused request reaches no database. Queries to a replica, the rest to the primary.
      readRoutingPlugin(),
      ...landingPagePlugins(config),
      // Before the operation's cache policy writes the header: see private-when-authenticated.ts.
      privateWhenAuthenticated(),
      // The policy is planned once per operation (operation-cache-policy.ts); Apollo's own plugin,
      // installed by default, would hook every field resolved.
      operationCachePolicy(),
      ApolloServerPluginCacheControlDisabled(),
      // A subgraph (MAILLAGE_SUBGRAPH) would otherwise answer any client sending `apollo-federation-include-trace`
      // with per-field timings and error details, and hook every field: the logs and metrics already say it.
      ApolloServerPluginInlineTraceDisabled(),
      // How the operation reads rows: the to-one relations it selects, read with the rows they hang from, and the columns it needs (read-plan.ts).
      readPlanPlugin(),
      ...(config.responseCache ? [anonymousResponseCache(caches.response)] : []),
      // After the response cache (a cached answer is served first): queries answered by one statement building their JSON.
      ...(config.compiledReads ? [compiledReadPlugin()] : []),
      ...(config.diagnostics ? [diagnosticsPlugin()] : []),
      // Last: the status by the response's media type, once the other plugins have set theirs.
      responseStatusPlugin(),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  // Whose X-Forwarded-For to believe for req.ip (the anonymous rate-limit key); none by default.
  app.set("trust proxy", config.trustProxy);
  const everyRequest = [
    requestLogging(),
    // gzip or brotli (quality 4) for answers over 1 KB when the client accepts it: the explorer's
    // scripts, GraphQL answers, exports (a QPV contours GeoJSON shrinks from 4.8 MB to about 1 MB).
    compression({ threshold: 1024 }),
  ];
  app.use(everyRequest);
  app.use(healthRoutes(dataSource, lifecycle));
  const metrics: MetricsSettings = { port: config.metricsPort, host: config.metricsHost, token: config.metricsToken };
  // On the public port only outside production, or behind its token (config.ts: metricsPort).
  if (config.metrics && metrics.port === undefined) app.get("/metrics", ...metricsHandlers(metrics, dataSource));
  // Once shutdown has begun, a request arriving on a kept-alive connection is turned away (the
  // client retries on another instance) and its connection closed.
  const unlessStopping: express.RequestHandler = (_req, res, next) => {
    if (!lifecycle.stopping) return next();
    res.set({ connection: "close", "retry-after": "1" });
    sendHttpError(res, 503, "SHUTTING_DOWN", "This instance is shutting down: retry the request.");
  };
  app.use(unlessStopping);
  // Exports are not GraphQL operations: they draw a fixed cost from the same budgets.
  app.use("/exports", corsPolicy(config.corsOrigins), authentication, ...(rateLimiter ? [rateLimitGuard(rateLimiter, EXPORT_COST)] : []));
  registerExportRoutes(app, dataSource, { batchSize: config.exportBatchSize, hideSuggestions: config.hideSuggestions });
  const graphql = [
    corsPolicy(config.corsOrigins),
    authentication,
    express.json({ limit: config.limits.maxBodyBytes }),
    requestShapeGuard(),
    nestingGuard(),
    ...(config.strictOperations && registry ? [strictOperations(registry)] : []),
    apolloHandler(apollo, async (req, res) => createContext(dataSource, recordOf(res), viewerOf(res), clientKey(viewerOf(res), req.ip), config.search, geocoder)),
  ];
  app.use("/graphql", ...graphql);

  // The web explorer, a client of the routes above, at / (after them, so it never shadows them),
  // and what it needs to know of this server's settings (basemap, address look-up) without a rebuild.
  app.get("/explorer-config.json", explorerConfigRoute(config));
  registerExplorerRoutes(app);
  // Anything else: a 404 in GraphQL's error shape, like every other answer (not Express's HTML page).
  app.use((_req, res) => sendHttpError(res, 404, "NOT_FOUND", "No such route."));

  // Errors raised before GraphQL runs (a body that is not JSON, or too large) answer in GraphQL's
  // error shape; never Express's HTML page with a stack trace.
  const onError = bodyErrorHandler(config.limits.maxBodyBytes);
  app.use(onError);
  // POST /graphql runs the same handlers as the app would, in the same order, without its router.
  httpServer.on("request", serveGraphqlPosts(app, [...everyRequest, unlessStopping, ...graphql], onError));

  if (redis) await waitForRedis(redis, 2_000);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const origin = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  let metricsServer: MetricsServer | undefined;
  try {
    if (config.metrics && metrics.port !== undefined) metricsServer = await startMetricsServer({ ...metrics, port: metrics.port }, dataSource);
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  return {
    url: `${origin}/graphql`,
    port,
    metricsUrl: metricsServer?.url ?? (config.metrics ? `${origin}/metrics` : undefined),
    stop: async () => {
      lifecycle.stopping = true;
      await apollo.stop();
      // After the drain: the instance stays observable while its last requests finish.
      await metricsServer?.stop();
    },
  };
}
