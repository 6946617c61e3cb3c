import path from "node:path";
import { DataSource, QueryRunner } from "typeorm";
import { RnaFileFormat } from "../../schema/enums/rna-enums";
import { BatchOutcome, BatchSource, Sql, writeBatch } from "./batch-writer";
import { BulkMode, BulkPath } from "./bulk-path";
import { RnaEncoding, DetectingDecoder } from "./decode";
import { detectLayout, FileLayout } from "./formats";
import { issue } from "./issues";
import { NO_PROGRESS, ProgressReporter } from "./progress";
import { ParsedItem, RecordParser } from "./record-parser";
import { defaultRejectsPath, RejectsWriter } from "./rejects";
import { parseRow, RnaRow } from "./row";
import { SeenRnaNumbers } from "./seen-numbers";
import { openInput, RnaInput, UnreadableInputError } from "./sources";
import { TerritoryIndex } from "./territory";
import { ThemeIndex } from "./themes";

export interface RnaImportOptions {
  /** One rejected-rows file for every input; by default each input gets its own next to it (`<name>.rejects.csv`). */
  rejectsPath?: string;
  /** Rows per batch of statements (default 5,000). */
  batchSize?: number;
  progress?: ProgressReporter;
  /** The bulk path (indexes that only serve reads built, foreign keys checked, once after the load; `bulk-path.ts`): `auto` (default) when a file brings many new associations. */
  bulk?: BulkMode;
}

/** What the import of one input file did (all its entries, for a zip archive). */
export interface RnaFileSummary {
  file: string;
  /** Each CSV read (one, or the entries of a zip archive): its format, its encoding (null: plain ASCII, the same in both), its rows. */
  entries: { name: string; format: RnaFileFormat; encoding: RnaEncoding | null; read: number }[];
  /** Data rows read (the header and blank lines aside): inserted + updated + unchanged + rejected. */
  read: number;
  inserted: number;
  /** Associations already in the graph whose register data changed. */
  updated: number;
  /** Rows not newer than what is stored, or newer with nothing to change. */
  unchanged: number;
  /** Associations already in the graph that this file marks dissolved or deleted (counted in `updated` too). */
  dissolved: number;
  /** Rows left out (reported as errors). */
  rejected: number;
  /** Rows imported with a doubt (reported as warnings; a row may have several). */
  warnings: number;
  /** Rows whose RNA number an earlier row of the same file had (reported as warnings too). */
  duplicates: number;
  rejectsFile: string;
  /** Whether the file took the bulk path (read-only indexes and foreign keys dropped during the load, created again before the commit). */
  bulk: boolean;
  elapsedMs: number;
}

/** A fatal error: this file was rolled back whole (the files before it stay imported, the ones after it were not read). */
export class RnaImportError extends Error {
  constructor(message: string, readonly file: string, readonly completed: RnaFileSummary[], options?: { cause?: unknown }) {
    super(message, options);
  }
}

const DEFAULT_BATCH_SIZE = 5000;
/** After a file that changed this many associations, the planner's statistics are refreshed. */
const ANALYZE_AFTER = 10_000;

/**
 * Imports RNA open-data files (rna_waldec or rna_import, CSV or zip), each in one transaction: a fatal
 * error (unreadable file, database failure) rolls that file back whole and throws; a bad row never does
 * (it is reported in the rejected-rows file). Idempotent: importing the same file again touches nothing.
 */
export async function importRnaFiles(dataSource: DataSource, files: string[], options: RnaImportOptions = {}): Promise<RnaFileSummary[]> {
  const completed: RnaFileSummary[] = [];
  const query = (sql: string) => dataSource.query(sql);
  const [territory, themes] = await Promise.all([TerritoryIndex.load(query), ThemeIndex.load(query)]);
  const shared = options.rejectsPath ? new RejectsWriter(options.rejectsPath) : null;
  try {
    for (const file of files) {
      const rejects = shared ?? new RejectsWriter(defaultRejectsPath(file));
      try {
        completed.push(await importOneFile(dataSource, file, rejects, { territory, themes }, options));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RnaImportError(`${file}: import failed, nothing of this file was kept: ${reason}`, file, completed, { cause: error });
      } finally {
        if (!shared) rejects.close();
      }
    }
  } finally {
    shared?.close();
  }
  return completed;
}

interface Indexes {
  territory: TerritoryIndex;
  themes: ThemeIndex;
}

async function importOneFile(dataSource: DataSource, file: string, rejects: RejectsWriter, indexes: Indexes, options: RnaImportOptions): Promise<RnaFileSummary> {
  const started = Date.now();
  const input = await openInput(file);
  const errorsBefore = rejects.errors;
  const warningsBefore = rejects.warnings;
  const summary: RnaFileSummary = {
    file, entries: [], read: 0, inserted: 0, updated: 0, unchanged: 0, dissolved: 0, rejected: 0, warnings: 0, duplicates: 0,
    rejectsFile: rejects.file, bulk: false, elapsedMs: 0,
  };
  const runner = dataSource.createQueryRunner();
  let committed = false;
  try {
    await runner.connect();
    await runner.startTransaction();
    const job = new FileImport(runner, input, rejects, indexes, summary, options, started);
    await job.run();
    await runner.commitTransaction();
    committed = true;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => {});
    throw error;
  } finally {
    await runner.release();
    input.close();
  }
  summary.rejected = rejects.errors - errorsBefore;
  summary.warnings = rejects.warnings - warningsBefore;
  summary.elapsedMs = Date.now() - started;
  if (committed && summary.inserted + summary.updated >= ANALYZE_AFTER) {
    await dataSource.query("ANALYZE organization, rna_record, organization_qpv, organization_theme");
  }
  return summary;
}

/** Reading one input's entries and writing them in batches, parsing the next batch while the previous one is written. */
class FileImport {
  private readonly seen = new SeenRnaNumbers();
  private batch: RnaRow[] = [];
  private batchNumbers = new Set<string>();
  /** The entry the rows of the batch come from (a batch never spans two entries). */
  private batchSource: BatchSource | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private bytesDone = 0;
  private replacementSeen = false;
  private readonly sql: Sql;
  private readonly progress: ProgressReporter;
  private readonly batchSize: number;
  private readonly bulkMode: BulkMode;
  private bulk: BulkPath | null = null;
  /** No organisation had an RNA number when the file began: a row whose number the file has not shown before is new. */
  private noneRegistered = false;
  /** Rows whose RNA number an earlier row of the file had. */
  private readonly repeated = new WeakSet<RnaRow>();
  private readonly isNew = (row: RnaRow) => this.noneRegistered && !this.repeated.has(row);

  constructor(
    runner: QueryRunner,
    private readonly input: RnaInput,
    private readonly rejects: RejectsWriter,
    private readonly indexes: Indexes,
    private readonly summary: RnaFileSummary,
    options: RnaImportOptions,
    private readonly started: number,
  ) {
    // Structured results: TypeORM otherwise returns [rows, count] for UPDATE and DELETE.
    this.sql = async (query: string, params?: unknown[]) => (await runner.query(query, params, true)).records;
    this.progress = options.progress ?? NO_PROGRESS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.bulkMode = options.bulk ?? "auto";
  }

  async run(): Promise<void> {
    const [{ n, registered }] = await this.sql(`SELECT count(*)::int AS n, count(rna)::int AS registered FROM organization`);
    this.noneRegistered = registered === 0;
    this.bulk = await BulkPath.open(this.sql, this.bulkMode, this.input.totalBytes, n);
    try {
      await this.readEntries();
    } catch (error) {
      // A batch may still be running on the connection: the caller's rollback must come after it,
      // or the rest of that batch's statements would run outside the transaction.
      await this.writing;
      throw error;
    }
    await this.settle();
    this.summary.bulk = this.bulk.active;
    await this.bulk.finish();
    this.progress.done(this.state());
  }

  private async readEntries(): Promise<void> {
    for (const entry of this.input.entries) {
      const stream = await entry.open();
      const decoder = new DetectingDecoder();
      const parser = new RecordParser();
      let layout: FileLayout | null = null;
      let source: BatchSource | null = null;
      const report = { name: entry.name, format: RnaFileFormat.WALDEC, encoding: null as RnaEncoding | null, read: 0 };
      const handle = async (items: ParsedItem[]) => {
        for (const item of items) {
          if (!layout) {
            if (item.kind === "malformed") throw new UnreadableInputError(`${entry.name}: unreadable header (line ${item.line}: ${item.message})`);
            layout = detectLayout(item.fields, entry.name);
            source = { file: entry.name, format: layout.format };
            report.format = layout.format;
            this.summary.entries.push(report);
            continue;
          }
          report.read++;
          this.summary.read++;
          await this.accept(item, layout, source!);
        }
      };
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          this.bytesDone += chunk.length;
          const text = decoder.write(chunk);
          if (!this.replacementSeen && text.includes("\uFFFD")) this.replacementSeen = true;
          await handle(parser.push(text));
          report.encoding = decoder.encoding;
        }
        await handle(parser.push(decoder.end()));
        await handle(parser.end());
        report.encoding = decoder.encoding;
      } finally {
        stream.destroy();
      }
      if (!layout) throw new UnreadableInputError(`${entry.name}: empty file (no header)`);
      await this.flush();
    }
  }

  private async accept(item: ParsedItem, layout: FileLayout, source: BatchSource): Promise<void> {
    if (item.kind === "malformed") {
      this.rejects.write(source.file, [issue(item.line, "error", "MALFORMED_RECORD", null, null, item.message)]);
      return;
    }
    const { row, issues } = parseRow(item.fields, item.line, item.atEndOfFile, { layout, replacementSeen: this.replacementSeen, ...this.indexes });
    if (row) {
      const first = this.seen.firstLineOrAdd(row.rna, row.line);
      if (first) {
        this.summary.duplicates++;
        this.repeated.add(row);
        issues.push(issue(row.line, "warning", "DUPLICATE", "id", row.rna,
          `RNA number already on line ${first}: the row with the newest maj_time is kept (the first one when they are equal)`));
        // Both rows cannot go in one statement: the earlier one is written first.
        if (this.batchNumbers.has(row.rna)) await this.flush();
      }
    }
    if (issues.length) this.rejects.write(source.file, issues);
    if (!row) return;
    if (!this.batch.length) this.batchSource = source;
    this.batch.push(row);
    this.batchNumbers.add(row.rna);
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  /** Hands the batch to the writer once the previous one is written (one connection: statements run in order). */
  private async flush(): Promise<void> {
    if (!this.batch.length) return;
    const rows = this.batch;
    const batchSource = this.batchSource!;
    this.batch = [];
    this.batchNumbers = new Set();
    await this.settle();
    await this.bulk!.afterBatch(this.summary.inserted);
    this.writing = writeBatch(this.sql, rows, batchSource, this.isNew).then(
      (outcome) => this.record(batchSource, outcome),
      (error) => {
        this.failure = { error };
      },
    );
  }

  private async settle(): Promise<void> {
    await this.writing;
    if (this.failure) throw this.failure.error;
  }

  private record(source: BatchSource, outcome: BatchOutcome): void {
    this.summary.inserted += outcome.inserted;
    this.summary.updated += outcome.updated;
    this.summary.unchanged += outcome.unchanged;
    this.summary.dissolved += outcome.dissolved;
    if (outcome.issues.length) this.rejects.write(source.file, outcome.issues);
    this.progress.update(this.state());
  }

  private state() {
    return { file: path.basename(this.input.path), rows: this.summary.read, bytes: this.bytesDone, totalBytes: this.input.totalBytes, elapsedMs: Date.now() - this.started };
  }
}
