import { createHash } from "node:crypto";
import http from "node:http";
import { AddressInfo } from "node:net";
import { Pool } from "pg";
import { POSTGRES_SESSION_OPTIONS } from "../../server/database/session-options";
import { STATEMENTS } from "./statements";

/**
 * The baseline server: a bare Node HTTP handler per read query of the mix, over a pg pool of the same
 * size as Maillage's (10). POST /<query name> with `{"variables": {...}}`; answers `{"data": <json>}`
 * straight from the statement's text column. Statements are sent as named prepared statements (pg's
 * `{ name, text, values }`): each connection prepares (parses and plans) a statement once and then only
 * binds and executes it, the physical limit a server can reach. Started by the benchmark as its own
 * process; prints `{"port": N}` once listening.
 */
// The same session settings as Maillage's connections (JIT off), so that both run the same plans.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: POSTGRES_SESSION_OPTIONS });

/** A prepared statement's name per text (the search has one text per number of words). */
const names = new Map<string, string>();
function nameOf(query: string, sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `${query}_${createHash("sha1").update(sql).digest("hex").slice(0, 12)}`;
    names.set(sql, name);
  }
  return name;
}

const server = http.createServer((req, res) => {
  const name = (req.url ?? "/").slice(1);
  const statement = STATEMENTS[name];
  if (req.method !== "POST" || !statement) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const { sql, params } = statement(variables ?? {});
      const { rows } = await pool.query({ name: nameOf(name, sql), text: sql, values: params });
      const body = `{"data":${rows[0].json}}`;
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    } catch (error) {
      const body = JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] });
      res.writeHead(500, { "content-type": "application/json" }).end(body);
    }
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});

process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
