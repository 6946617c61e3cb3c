import fs from "node:fs";
import path from "node:path";
import express from "express";

/** Paths the explorer never answers: the API's own routes keep their 404s and methods. */
const API_PREFIXES = ["/graphql", "/exports", "/healthz", "/readyz", "/metrics"];

/**
 * Where the built explorer is: `dist/explorer`, seen from the compiled server (`dist/server`) or
 * from the TypeScript sources (`server/`, under `npm run dev` and the tests).
 */
export function explorerDirectory(): string | undefined {
  const compiled = path.basename(path.dirname(__dirname)) === "dist";
  const directory = compiled ? path.resolve(__dirname, "../explorer") : path.resolve(__dirname, "../dist/explorer");
  return fs.existsSync(path.join(directory, "index.html")) ? directory : undefined;
}

/**
 * Whether a path is the API's, never the explorer's: case-insensitive as Express's routes, and any
 * spelling that starts with an API path and goes on with a separator (`/METRICS`, `/graphql;x`,
 * `/exports.json`) answers the API's JSON 404 rather than the explorer's page.
 */
function isApiPath(urlPath: string): boolean {
  const path = urlPath.toLowerCase();
  return API_PREFIXES.some((prefix) => path.startsWith(prefix) && /^(?:$|[^a-z0-9_-])/.test(path.slice(prefix.length)));
}

/**
 * Serves the web explorer (built by `npm run build` into `dist/explorer`) at `/`: hashed assets
 * with immutable cache headers, `index.html` never cached, and `index.html` for the explorer's
 * own routes (`/organisation/...`, `/tableau-de-bord`...), never for the API's paths. Registered
 * after the API routes.
 */
export function registerExplorerRoutes(app: express.Express, directory = explorerDirectory()): void {
  if (!directory) {
    app.get("/", (_req, res) => {
      res.type("text/plain; charset=utf-8").send("Maillage: the explorer is not built (npm run build). The graph is at /graphql.\n");
    });
    return;
  }
  const indexFile = path.join(directory, "index.html");
  const noCache = (res: express.Response) => res.setHeader("Cache-Control", "no-cache");
  app.use(
    express.static(directory, {
      index: false,
      redirect: false,
      setHeaders: (res, filePath) => {
        if (filePath.startsWith(path.join(directory, "assets") + path.sep)) {
          res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else noCache(res);
      },
    }),
  );
  // SPA fallback: a page address (no file extension) outside the API answers the explorer's page.
  app.get(/.*/, (req, res, next) => {
    if (isApiPath(req.path) || path.extname(req.path) !== "" || !req.accepts("html")) return next();
    noCache(res);
    res.sendFile(indexFile);
  });
}
