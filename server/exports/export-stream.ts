import { PUBLIC_ACCESS } from "../access/row-access";
import { Readable, Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { DataSource } from "typeorm";
import { StatementTally } from "../database/sql-statement-counter";
import { RequestLoaders } from "../loaders/request-loaders";
import { CompiledFilter } from "../queries/filters/compiled-filter";
import { ListRequest } from "../queries/list-source";
import { fetchPage } from "../queries/page-query";
import { csvText, DATA_STYLE, SPREADSHEET_STYLE } from "./cells";
import { ExportFormat, ExportList } from "./export-lists";
import { ExportParams } from "./export-params";

/** One batch of an export: its records (rows with their relations), and the cursor of the next batch, if any. */
export interface Batch<R> {
  records: R[];
  next: string | null;
}

/** Counters of one export, for its log line. */
export interface ExportStats {
  batches: number;
  rows: number;
  /** GeoJSON features written (rows without a location are left out of GeoJSON). */
  features: number;
  tally: StatementTally;
}

/**
 * Reads a list in keyset batches with the list engine (the same source, conditions, order and
 * cursors as the graph's list query), then loads the batch's relations: one statement for the page
 * and one per relation, whatever the batch size. Nothing is kept from one batch to the next but the
 * cursor, so memory stays bounded by one batch.
 */
export class BatchReader<R> {
  readonly stats: ExportStats;
  private readonly request: Omit<ListRequest, "after">;
  private readonly form: ExportParams["form"];

  constructor(
    private readonly dataSource: DataSource,
    private readonly list: ExportList<unknown, R>,
    private readonly format: ExportFormat,
    filter: CompiledFilter,
    params: ExportParams,
    batchSize: number,
    /** Counts the export's SQL statements (already holding those of the filter's checks). */
    tally: StatementTally = { count: 0 },
  ) {
    this.stats = { batches: 0, rows: 0, features: 0, tally };
    this.form = params.form;
    this.request = {
      conditions: filter.conditions,
      scope: filter.scope,
      signature: filter.signature,
      order: params.orderBy?.field ?? list.defaultOrder,
      direction: params.orderBy?.direction ?? "ASC",
      first: batchSize,
    };
  }

  /** Reads the batch after `after` (null: the first one). Each batch gets fresh loaders, so no cache grows. */
  async read(after: string | null): Promise<Batch<R>> {
    const loaders = new RequestLoaders(this.dataSource, PUBLIC_ACCESS, this.stats.tally);
    // Reads: a replica may answer each batch (SqlSession.route).
    await loaders.sql.route("query");
    const page = await fetchPage<unknown>(loaders, PUBLIC_ACCESS, this.list.source, { ...this.request, after });
    const rows = page.edges.map((edge) => edge.node);
    const records = rows.length ? await this.list.enrich(loaders, rows, this.format, this.form) : [];
    this.stats.batches += 1;
    this.stats.rows += rows.length;
    return { records, next: page.hasNextPage ? page.edges[page.edges.length - 1].cursor : null };
  }

  /**
   * Every batch from `first` on; stops before reading another once `stopped()` says so (the client
   * left). Between batches it lets the event loop turn: PGlite answers in-process, so without this
   * a long export would keep the loop busy, holding up other requests and the news that the client left.
   */
  async *batches(first: Batch<R>, stopped: () => boolean): AsyncGenerator<R[]> {
    let batch = first;
    for (;;) {
      yield batch.records;
      if (batch.next === null) return;
      await nextTurn();
      if (stopped()) return;
      batch = await this.read(batch.next);
    }
  }
}

const CSV_OPTIONS = { record_delimiter: "windows", quote_record_delimiter: true } as const;

/**
 * CSV (RFC 4180: CRLF line ends, quotes where needed) in UTF-8 with a byte-order mark, so that
 * Excel reads accents right: a header line, then one chunk of text per batch. The data form has the
 * list's columns; the spreadsheet form its French columns and style. Every cell goes through csvText.
 */
export async function* csvChunks<R>(list: ExportList<unknown, R>, batches: AsyncIterable<R[]>, params: Pick<ExportParams, "delimiter" | "form">): AsyncGenerator<string> {
  const { delimiter } = params;
  const [columns, style] = params.form === "spreadsheet" ? [list.spreadsheet.columns, SPREADSHEET_STYLE] : [list.columns, DATA_STYLE];
  yield stringify([columns.map((c) => c.header)], { ...CSV_OPTIONS, delimiter, bom: true });
  for await (const records of batches) {
    if (!records.length) continue;
    const lines = records.map((record) => columns.map((column) => csvText(column.value(record), style)));
    yield stringify(lines, { ...CSV_OPTIONS, delimiter });
  }
}

/**
 * A GeoJSON FeatureCollection (RFC 7946), written feature by feature: the collection's head (with its
 * metadata and, for reference data, its source and licence), one chunk of features per batch, the tail.
 * Rows without a geometry (no location) are left out. Properties are the CSV columns, typed.
 */
export async function* geojsonChunks<R>(
  list: ExportList<unknown, R>, batches: AsyncIterable<R[]>, params: ExportParams, stats: ExportStats,
): AsyncGenerator<string> {
  const geometry = list.geometry!;
  const head = {
    type: "FeatureCollection",
    name: list.name,
    ...(list.attribution ?? {}),
    metadata: { list: list.name, generatedAt: new Date().toISOString(), filter: params.raw.filter, orderBy: params.raw.orderBy },
  };
  yield `${JSON.stringify(head).slice(0, -1)},"features":[\n`;
  let separator = "";
  for await (const records of batches) {
    const features: string[] = [];
    for (const record of records) {
      const shape = geometry(record);
      if (!shape) continue;
      const properties = Object.fromEntries(list.columns.map((c) => [c.header, c.value(record)]));
      features.push(JSON.stringify({ type: "Feature", id: list.id(record), geometry: shape, properties }));
    }
    if (!features.length) continue;
    stats.features += features.length;
    yield separator + features.join(",\n");
    separator = ",\n";
  }
  yield "\n]}\n";
}

/** Buffer of text between the chunk generator and the response (one batch is usually larger). */
const BODY_HIGH_WATER_MARK = 64 * 1024;

/**
 * Writes chunks to a destination (the HTTP response) with backpressure: the next chunk, and so
 * the next batch read, is asked for only when the destination has taken the previous ones (its
 * buffer below its high-water mark). If the destination fails or closes early (the client left),
 * the generator is ended at its next step and "aborted" is returned; an error of the generator
 * itself (the database) is thrown.
 */
export async function streamChunks(chunks: AsyncIterable<string>, destination: Writable): Promise<"completed" | "aborted"> {
  // Tell the generator's own failures from the errors the stream throws into it when the destination fails.
  let sourceError: { error: unknown } | undefined;
  async function* guarded() {
    const iterator = chunks[Symbol.asyncIterator]();
    try {
      for (;;) {
        let step: IteratorResult<string>;
        try {
          step = await iterator.next();
        } catch (error) {
          sourceError = { error };
          throw error;
        }
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  const body = Readable.from(guarded(), { objectMode: false, highWaterMark: BODY_HIGH_WATER_MARK });
  try {
    await pipeline(body, destination);
    return "completed";
  } catch (error) {
    if (sourceError) throw sourceError.error;
    return "aborted";
  }
}
