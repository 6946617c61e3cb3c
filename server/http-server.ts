import http from "node:http";
import { AddressInfo } from "node:net";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { GraphQLSchema } from "graphql";
import Redis from "ioredis";
import { DataSource } from "typeorm";
import { authenticate, viewerOf } from "./auth/authenticate";
import { createTokenVerifier } from "./auth/token-verifier";
import { Config } from "./config";
import { createContext, RequestContext } from "./context";
import { StatementTally, withStatementTally } from "./database/sql-statement-counter";
import { registerExportRoutes } from "./exports/export-routes";
import { formatError } from "./graphql-errors";
import { apolloHardening, landingPagePlugins } from "./hardening/apollo-hardening";
import { corsPolicy } from "./hardening/cors";
import { bodyErrorHandler, requestShapeGuard } from "./limits/http-guards";
import { operationLimitsPlugin } from "./limits/operation-limits-plugin";
import { clientKey } from "./rate-limit/client-key";
import { createCostRateLimiter } from "./rate-limit/cost-rate-limiter";

/** A running HTTP server and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests, lets in-flight ones finish, then resolves. */
  stop(): Promise<void>;
}

/** Adds the request's SQL statement count to the response, when diagnostics are on. */
function diagnosticsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, diagnostics: { sqlStatements: contextValue.tally.count } };
        },
      };
    },
  };
}

/** What the HTTP server serves from: the schema, the database, and Redis when configured. */
export interface ServerServices {
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Shared caches and rate limits live here when REDIS_URL is set; in process memory otherwise. */
  redis: Redis | undefined;
}

/** Serves the graph at /graphql (Apollo on Express), plus /healthz and /readyz. */
export async function startHttpServer(config: Config, { schema, dataSource, redis }: ServerServices): Promise<RunningServer> {
  const verifier = createTokenVerifier(config.auth, config.dataDir);
  const notice = verifier.startupNotice();
  (notice.level === "warn" ? console.warn : console.log)(JSON.stringify(notice));
  // Who is asking, from the bearer token, before any other work: a refused token ends the request with 401.
  const authentication = authenticate(verifier);
  const app = express();
  const httpServer = http.createServer(app);
  // Idle keep-alive connections outlive those of clients and load balancers (typically 60 s): a
  // server closing first races with a request sent on the same socket (ECONNRESET on the client).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const rateLimiter = config.rateLimit.enabled ? createCostRateLimiter(config.rateLimit, redis) : undefined;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    ...apolloHardening(config),
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationLimitsPlugin({ limits: config.limits, rateLimiter, clientOf: (context) => context.client }),
      ...landingPagePlugins(config),
      ...(config.diagnostics ? [diagnosticsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  // Whose X-Forwarded-For to believe for req.ip (the anonymous rate-limit key); none by default.
  app.set("trust proxy", config.trustProxy);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });
  app.use("/exports", corsPolicy(config.corsOrigins), authentication);
  registerExportRoutes(app, dataSource, { batchSize: config.exportBatchSize });
  app.use(
    "/graphql",
    corsPolicy(config.corsOrigins),
    authentication,
    express.json({ limit: config.limits.maxBodyBytes }),
    requestShapeGuard(),
    // Everything a request does, through every async hop, counts against its own tally.
    (_req, res, next) => {
      const tally: StatementTally = { count: 0 };
      res.locals.tally = tally;
      withStatementTally(tally, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(dataSource, res.locals.tally as StatementTally, viewerOf(res), clientKey(viewerOf(res), req.ip)),
    }),
  );

  app.use(bodyErrorHandler(config.limits.maxBodyBytes));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}/graphql`,
    port,
    stop: () => apollo.stop(),
  };
}
