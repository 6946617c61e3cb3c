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
import { registerExplorerRoutes } from "./explorer-routes";
import { registerExportRoutes } from "./exports/export-routes";
import { formatError } from "./graphql-errors";

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
export async function startHttpServer(config: Config, { schema, dataSource }: ServerServices): Promise<RunningServer> {
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
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ...(config.diagnostics ? [diagnosticsPlugin()] : [])],
  });
  await apollo.start();

  app.disable("x-powered-by");
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
  app.use("/exports", authentication);
  registerExportRoutes(app, dataSource, { batchSize: config.exportBatchSize });
  app.use(
    "/graphql",
    authentication,
    express.json({ limit: "1mb" }),
    // Everything a request does, through every async hop, counts against its own tally.
    (_req, res, next) => {
      const tally: StatementTally = { count: 0 };
      res.locals.tally = tally;
      withStatementTally(tally, next);
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => createContext(dataSource, res.locals.tally as StatementTally, viewerOf(res)),
    }),
  );

  // The web explorer, a client of the routes above, at / (after them, so it never shadows them).
  registerExplorerRoutes(app);

  // Errors raised before GraphQL runs (a body that is not JSON, or too large) answer in GraphQL's
  // error shape with the status the parser chose; never Express's HTML page with a stack trace.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = status === 413 ? "Request body too large." : status < 500 ? "Malformed request body: expected JSON." : "Internal server error.";
    if (status >= 500) console.error(JSON.stringify({ level: "error", msg: "http error", error: String(error) }));
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR" } }] });
  });

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
