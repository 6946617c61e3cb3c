import "reflect-metadata";
import fs from "node:fs";
import type { RnaFileSummary } from "../rna/import-rna-files";
import { JsonProgress, NO_PROGRESS, ProgressReporter, TtyProgress } from "../rna/progress";

const USAGE = `usage: npm run import:rna -- [--rejects <file.csv>] [--batch-size <n>] [--bulk auto|on|off] [--quiet] <file> [<file>...]

Imports RNA open-data files (rna_waldec_*.csv / rna_import_*.csv, or the zip archives as published),
each in one transaction, into the configured database (DATABASE_URL, or the embedded one in MAILLAGE_DATA_DIR:
stop the server first, only one process may open it). Bad rows are reported in <file>.rejects.csv (or --rejects).
--bulk: build the indexes that only serve reads and check the foreign keys once after the load instead of
row by row (auto, the default: when a file brings many new associations, as a first import does; the tables
are locked until the commit). Exits 0 when every file was imported (even with rejected rows), 1 on a fatal
error, 2 on bad arguments.`;

interface Arguments {
  files: string[];
  rejects?: string;
  batchSize?: number;
  bulk?: "auto" | "on" | "off";
  quiet: boolean;
}

function parseArguments(argv: string[]): Arguments | string {
  const args: Arguments = { files: [], quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--rejects") args.rejects = argv[++i];
    else if (arg === "--batch-size") args.batchSize = Number(argv[++i]);
    else if (arg === "--bulk") args.bulk = argv[++i] as Arguments["bulk"];
    else if (arg === "--quiet") args.quiet = true;
    else if (arg === "--help" || arg === "-h") return "";
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else args.files.push(arg);
  }
  if (!args.files.length) return "no file given";
  if (args.rejects === undefined && argv.includes("--rejects")) return "--rejects needs a file name";
  if (args.batchSize !== undefined && (!Number.isInteger(args.batchSize) || args.batchSize < 1 || args.batchSize > 10_000)) {
    return "--batch-size must be an integer in 1..10000";
  }
  if (argv.includes("--bulk") && !["auto", "on", "off"].includes(args.bulk ?? "")) return "--bulk must be auto, on or off";
  return args;
}

function log(fields: Record<string, unknown>, stream: NodeJS.WriteStream = process.stdout): void {
  stream.write(`${JSON.stringify(fields)}\n`);
}

/** Peak resident memory of the process so far, in MB. */
function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function printSummary(summaries: RnaFileSummary[], started: number): void {
  const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0, dissolved: 0, rejected: 0, warnings: 0, duplicates: 0 };
  for (const s of summaries) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += s[key];
  const elapsedMs = Date.now() - started;
  if (process.stderr.isTTY) {
    for (const s of summaries) {
      process.stderr.write(
        `${s.file}: read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, dissolved ${s.dissolved}, ` +
          `rejected ${s.rejected} (warnings ${s.warnings}, duplicates ${s.duplicates}); rejected rows in ${s.rejectsFile}\n`,
      );
    }
  }
  log({
    level: "info", msg: "rna import done", files: summaries, totals, elapsedMs,
    rowsPerSecond: elapsedMs ? Math.round((totals.read * 1000) / elapsedMs) : null, peakRssMb: peakRssMb(),
  });
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (typeof args === "string") {
    process.stderr.write(`${args ? `${args}\n` : ""}${USAGE}\n`);
    return args ? 2 : 0;
  }
  // Unreadable inputs are fatal before anything is opened.
  for (const file of args.files) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch {
      log({ level: "fatal", msg: "rna import failed", file, error: `${file}: no such readable file` }, process.stderr);
      return 1;
    }
  }
  const progress: ProgressReporter = args.quiet ? NO_PROGRESS : process.stderr.isTTY ? new TtyProgress() : new JsonProgress();
  const started = Date.now();
  // Loaded once the arguments are known to be right: a mistyped file name is reported at once.
  const [{ loadConfig }, { openDatabase }, { ensureReferenceData }, { importRnaFiles, RnaImportError }] = await Promise.all([
    import("../config"), import("../database/data-source"), import("../reference/load-reference-data"), import("../rna/import-rna-files"),
  ]);
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    await ensureReferenceData(db.dataSource);
    const summaries = await importRnaFiles(db.dataSource, args.files, { rejectsPath: args.rejects, batchSize: args.batchSize, bulk: args.bulk, progress });
    printSummary(summaries, started);
    return 0;
  } catch (error) {
    if (error instanceof RnaImportError) {
      if (error.completed.length) printSummary(error.completed, started);
      log({ level: "fatal", msg: "rna import failed", file: error.file, error: error.message }, process.stderr);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log({ level: "fatal", msg: "rna import failed", error: error instanceof Error ? error.message : String(error) }, process.stderr);
    process.exitCode = 1;
  },
);
