import { PUBLIC_ACCESS } from "../access/row-access";
import crypto from "node:crypto";
import express from "express";
import { GraphQLError } from "graphql";
import { DataSource } from "typeorm";
import { buildGraphSchema } from "../build-schema";
import { toParisIso } from "../../schema/scalars";
import { SqlSession } from "../database/sql-session";
import { RequestLoaders } from "../loaders/request-loaders";
import { EXPORT_LISTS, ExportFormat, ExportList } from "./export-lists";
import { parseExportParams } from "./export-params";
import { BatchReader, csvChunks, geojsonChunks, streamChunks } from "./export-stream";
import { logger } from "../observability/logger";
import { sendHttpError } from "../http-error";
import { REFERENCE } from "../cache-control/cache-policy";

/** How exports run. */
export interface ExportOptions {
  /** Rows per keyset batch (one statement for the page, one per relation); MAILLAGE_EXPORT_BATCH_SIZE. */
  batchSize: number;
  /** Strip graphql-js's "Did you mean ...?" from messages (MAILLAGE_HIDE_SUGGESTIONS). */
  hideSuggestions: boolean;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  geojson: "application/geo+json",
};

function sendError(res: express.Response, status: number, message: string, { code, ...extensions }: Record<string, unknown>): void {
  sendHttpError(res, status, String(code), message, extensions);
}

/** A client error raised by parsing or by the filter compilers (BAD_USER_INPUT with reason and argument). */
function isBadInput(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && error.extensions?.code === "BAD_USER_INPUT";
}

function log(level: "info" | "error", msg: string, fields: Record<string, unknown>): void {
  logger[level](fields, msg);
}

/** Logs an unexpected failure with its stack (which never reaches the client). */
function logFailure(list: string, format: ExportFormat, error: unknown): void {
  log("error", "export failed", { list, format, error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
}

/** Reference data exports are public and change only with a reference data load (the cache policy's REFERENCE). */
const REFERENCE_CACHE_CONTROL = `public, max-age=${"maxAge" in REFERENCE ? REFERENCE.maxAge : 0}`;

/**
 * The validator of a reference export: the checksum of the reference data the database holds, and
 * the request's path and query (its filter, order and format) and the export's columns, as a strong ETag.
 */
async function referenceValidator(dataSource: DataSource, list: ExportList<unknown, unknown>, req: express.Request): Promise<string> {
  // A read like the export's batches: a replica may answer it (SqlSession.route).
  const sql = new SqlSession(dataSource);
  await sql.route("query");
  const [row] = await sql.query(`SELECT string_agg(name || ':' || checksum, ',' ORDER BY name) AS checksums FROM reference_dataset`);
  const digest = crypto.createHash("sha256").update(String(row?.checksums)).update("\0").update(req.originalUrl)
    // The columns too: a new release that changes them is a new file.
    .update("\0").update(list.columns.map((c) => c.header).join(",")).digest("base64url");
  return `"${digest.slice(0, 32)}"`;
}

/** Validates the request and compiles its filter as the list query would, then reads the first batch. */
async function prepare(dataSource: DataSource, list: ExportList<unknown, unknown>, format: ExportFormat, query: Record<string, unknown>, { batchSize, hideSuggestions }: ExportOptions) {
  const params = parseExportParams(await buildGraphSchema(), list, format, query, { hideSuggestions });
  const tally = { count: 0 };
  const loaders = new RequestLoaders(dataSource, PUBLIC_ACCESS, tally);
  await loaders.sql.route("query");
  const filter = await list.compile(loaders, params.filter);
  const reader = new BatchReader(dataSource, list, format, filter, params, batchSize, tally);
  const first = await reader.read(null);
  return { params, reader, first };
}

/**
 * CSV and GeoJSON exports of list results: `GET /exports/<list>.<csv|geojson>?filter=<JSON>&orderBy=<JSON>`
 * for associations, partners, projects (CSV only), events and QPVs. The filter and order are the
 * list query's own input types, validated as GraphQL validates a variable and compiled by the same
 * compilers, so an export holds exactly the rows of the list query. Results are streamed in keyset
 * batches, with backpressure, and reading stops when the client goes away. See server/exports/README.md.
 */
export function registerExportRoutes(app: express.Express, dataSource: DataSource, options: ExportOptions): void {
  app.get("/exports/:file", async (req, res) => {
    const started = Date.now();
    const match = /^([a-z]+)\.(csv|geojson)$/.exec(req.params.file);
    const list = match && Object.hasOwn(EXPORT_LISTS, match[1]) ? EXPORT_LISTS[match[1]] : undefined;
    const format = match?.[2] as ExportFormat | undefined;
    if (!list || !format || (format === "geojson" && !list.geometry)) {
      const available = Object.values(EXPORT_LISTS).flatMap((l) => (l.geometry ? [`${l.name}.csv`, `${l.name}.geojson`] : [`${l.name}.csv`]));
      sendError(res, 404, `No export "${req.params.file}"; available: ${available.join(", ")}.`, { code: "NOT_FOUND" });
      return;
    }


    // Everything that can be refused is checked before the first byte: the parameters, then the
    // filter's codes and ids (through the compiler, as the list query does), then the first batch.
    let prepared: Awaited<ReturnType<typeof prepare>>;
    let validator: string | undefined;
    try {
      // A reference export the client already holds (same reference data, same request): 304, no work.
      validator = list.reference ? await referenceValidator(dataSource, list, req) : undefined;
      if (validator && req.headers["if-none-match"]?.split(/\s*,\s*/).includes(validator)) {
        res.status(304).set({ ETag: validator, "Cache-Control": REFERENCE_CACHE_CONTROL }).end();
        return;
      }
      prepared = await prepare(dataSource, list, format, req.query as Record<string, unknown>, options);
    } catch (error) {
      if (isBadInput(error)) {
        const { reason, argument } = error.extensions;
        sendError(res, 400, error.message, { code: "BAD_USER_INPUT", reason, argument });
      } else {
        logFailure(list.name, format, error);
        sendError(res, 500, "Internal server error.", { code: "INTERNAL_SERVER_ERROR" });
      }
      return;
    }
    const { params, reader, first } = prepared;

    res.status(200);
    res.setHeader("Content-Type", CONTENT_TYPES[format]);
    // The spreadsheet form is named in French, and apart from the data form of the same list.
    const fileName = params.form === "spreadsheet" ? `${list.spreadsheet.fileName}-tableur` : list.name;
    res.setHeader("Content-Disposition", `attachment; filename="${fileName}-${toParisIso(new Date()).slice(0, 10)}.${format}"`);
    if (validator) res.setHeader("ETag", validator);
    res.setHeader("Cache-Control", validator ? REFERENCE_CACHE_CONTROL : "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (req.method === "HEAD") {
      res.end();
      return;
    }

    // The client may leave at any time: then no further batch is read.
    let clientGone = false;
    res.once("close", () => {
      clientGone = !res.writableFinished;
    });
    const batches = reader.batches(first, () => clientGone || res.destroyed);
    const chunks = format === "csv" ? csvChunks(list, batches, params) : geojsonChunks(list, batches, params, reader.stats);
    let outcome: "completed" | "aborted" | "failed";
    try {
      outcome = await streamChunks(chunks, res);
    } catch (error) {
      // Headers are sent: the response is cut short (no final chunk), so the client sees a failed transfer.
      outcome = "failed";
      logFailure(list.name, format, error);
      res.destroy();
    }
    const { batches: batchCount, rows, features, tally } = reader.stats;
    log("info", "export", {
      list: list.name, format, ...(format === "csv" ? { form: params.form } : {}), outcome, rows, ...(format === "geojson" ? { features } : {}),
      batches: batchCount, batchSize: options.batchSize, sqlStatements: tally.count, durationMs: Date.now() - started,
    });
  });
}
