import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { AddressInfo } from "node:net";
import express, { RequestHandler } from "express";
import { DataSource } from "typeorm";
import { metricsRoute } from "./metrics-route";
import { requestLogging } from "./request-log";

/** Where and how /metrics is served (docs/operations.md, "Metrics"). */
export interface MetricsSettings {
  /** Its own HTTP server's port; undefined: on the public port, next to /graphql. */
  port: number | undefined;
  host: string;
  /** The bearer token a scrape must present; undefined: none. */
  token: string | undefined;
}

/** A running metrics server and how to stop it. */
export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Lets a request on only with `Authorization: Bearer <token>`, compared in constant time; 401 otherwise. */
function bearerTokenGuard(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const given = /^Bearer +(\S+) *$/i.exec(req.get("authorization") ?? "")?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    res.status(401).set({ "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" }).type("text/plain").send("Unauthorized: /metrics needs its bearer token.\n");
  };
}

/** GET /metrics, behind the token when one is configured. */
export function metricsHandlers(settings: MetricsSettings, dataSource: DataSource): RequestHandler[] {
  return [...(settings.token ? [bearerTokenGuard(settings.token)] : []), metricsRoute(dataSource)];
}

/**
 * The metrics' own HTTP server (MAILLAGE_METRICS_PORT): /metrics and nothing else, on an address
 * the public never reaches (the instances' internal network), so that the versions and internals
 * it shows stay off the public port. Scrapes are measured as on the public port.
 */
export async function startMetricsServer(settings: MetricsSettings & { port: number }, dataSource: DataSource): Promise<MetricsServer> {
  const app = express();
  app.disable("x-powered-by");
  app.use(requestLogging());
  app.get("/metrics", ...metricsHandlers(settings, dataSource));
  app.use((_req, res) => {
    res.status(404).type("text/plain").send("Not found: this port serves /metrics only.\n");
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    // Say which setting to change: two instances on one host cannot both have the default port.
    server.once("error", (error) => reject(new Error(`metrics server cannot listen on ${settings.host}:${settings.port} (MAILLAGE_METRICS_HOST, MAILLAGE_METRICS_PORT): ${error.message}`)));
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}/metrics`,
    // Scrapers keep their connections alive: they are cut, not waited for (a scrape lost at
    // shutdown is only a gap in a series that ends anyway).
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
