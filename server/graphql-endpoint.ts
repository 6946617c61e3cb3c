import type http from "node:http";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type express from "express";
import { sendHttpError } from "./http-error";

type Handler = express.RequestHandler;

/**
 * Apollo's answer to a /graphql request, as its Express integration sends it, except that a POST's
 * answer is written as is: Express's `res.send` hashes every answer into an ETag, which only a GET
 * (a cacheable URL) can use, so GETs still go through it (ETag, 304 to `If-None-Match`).
 */
export function apolloHandler<C extends BaseContext>(apollo: ApolloServer<C>, context: (req: express.Request, res: express.Response) => Promise<C>): Handler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const query = req.url.indexOf("?");
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: query < 0 ? "" : req.url.slice(query).split("#")[0], body: req.body },
      context: () => context(req, res),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      if (req.method === "GET") {
        res.send(answer.body.string);
      } else {
        res.setHeader("content-length", Buffer.byteLength(answer.body.string));
        res.end(answer.body.string);
      }
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * The server's request listener: a POST to /graphql (the graph's hot path: every client query and
 * mutation) runs `handlers` in order, as Express would run them, but without Express's router,
 * whose per-request matching of every layer cost more CPU than a small query's own work. The
 * handlers are Express's (the same list the app mounts for every other method), and so are the
 * request and response objects they get. Anything else goes to `app`.
 */
export function serveGraphqlPosts(app: express.Express, handlers: Handler[], onError: express.ErrorRequestHandler): http.RequestListener {
  return (req, res) => {
    if (req.method !== "POST" || !isGraphqlPath(req.url ?? "")) {
      app(req, res);
      return;
    }
    const request = req as express.Request;
    const response = res as express.Response;
    // What Express's app.handle and router set before the first handler.
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    response.locals = Object.create(null);
    request.originalUrl = req.url!;
    request.baseUrl = "";
    let index = 0;
    let failed = false;
    const next = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        // One error handler, as in the app: it answers in GraphQL's error shape.
        if (failed) return;
        failed = true;
        onError(error, request, response, () => undefined);
        return;
      }
      const handler = handlers[index++];
      if (!handler) {
        // No handler answered (Apollo always does): the app's last route.
        sendHttpError(response, 404, "NOT_FOUND", "No such route.");
        return;
      }
      try {
        const result = handler(request, response, next) as unknown;
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    next();
  };
}

/** Whether a request target is /graphql itself (with a query string or not), as the app's `/graphql` mount matches it. */
function isGraphqlPath(url: string): boolean {
  if (!url.startsWith("/graphql")) return false;
  const rest = url.charCodeAt(8);
  // End of the path, a query string, or a trailing slash; /graphql/anything goes to the app.
  return url.length === 8 || rest === 63 /* ? */ || (rest === 47 /* / */ && (url.length === 9 || url.charCodeAt(9) === 63));
}
