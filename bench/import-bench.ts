import "reflect-metadata";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { openDatabase } from "../server/database/data-source";
import { loadReferenceData } from "../server/reference/load-reference-data";
import { generateWaldec } from "./generate-waldec";

/**
 * `npm run bench:import [-- --rows N] [--keep]`: generates a synthetic rna_waldec file (1,000,000 rows by
 * default, deterministic) and imports it with `npm run import:rna` into PostgreSQL: DATABASE_URL, or a
 * fresh database created on postgres://postgres@127.0.0.1:5432 (dropped afterwards unless --keep). The
 * import runs three times, as a user would run it: a first import, the same file again (nothing to change),
 * then a later edition (one association in 30 changed, 1% new ones: what a monthly file is). Prints rows per
 * second and the import process's peak resident memory (RSS). `--bulk auto|on|off` is passed to the import.
 */

const ROOT = path.resolve(__dirname, "..");
const SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

interface ImportRun {
  read: number;
  inserted: number;
  updated: number;
  bulk: boolean;
  unchanged: number;
  rejected: number;
  warnings: number;
  importMs: number;
  totalMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Runs the import command as its own process, as `npm run import:rna` does; its summary line gives the figures. */
function runImport(file: string, databaseUrl: string, bulk?: string): Promise<ImportRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // Exactly what a user runs (with the script's Node options).
    const child = spawn("npm", ["run", "--silent", "import:rna", "--", "--quiet", ...(bulk ? ["--bulk", bulk] : []), file], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`import exited with ${code}: ${out}`));
      const done = JSON.parse(out.trim().split("\n").pop()!);
      const summary = done.files[0];
      resolve({
        read: summary.read, inserted: summary.inserted, updated: summary.updated, bulk: summary.bulk, unchanged: summary.unchanged, rejected: summary.rejected, warnings: summary.warnings,
        importMs: summary.elapsedMs, totalMs: Date.now() - started,
        rowsPerSecond: Math.round((summary.read * 1000) / summary.elapsedMs), peakRssMb: done.peakRssMb,
      });
    });
  });
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const rows = Number(option("--rows") ?? 1_000_000);
  const keep = process.argv.includes("--keep");
  const dir = path.join(ROOT, ".tmp", "bench");
  fs.mkdirSync(dir, { recursive: true });
  const bulk = option("--bulk");
  const file = path.join(dir, `rna_waldec_bench_${rows}.csv`);
  const monthly = path.join(dir, `rna_waldec_bench_${rows}_next.csv`);

  let started = Date.now();
  const bytes = generateWaldec(file, rows);
  generateWaldec(monthly, rows + Math.round(rows / 100), undefined, 30);
  console.log(JSON.stringify({ msg: "generated", file: path.relative(ROOT, file), rows, megabytes: Math.round(bytes / 1e5) / 10, ms: Date.now() - started }));

  const own = !process.env.DATABASE_URL;
  const name = `maillage_bench_${process.pid}`;
  const url = process.env.DATABASE_URL ?? SERVER.replace(/\/postgres$/, `/${name}`);
  if (own) await admin(`CREATE DATABASE "${name}"`);
  try {
    started = Date.now();
    const db = await openDatabase({ databaseUrl: url, dataDir: "" });
    try {
      await db.dataSource.runMigrations({ transaction: "each" });
      await loadReferenceData(db.dataSource);
    } finally {
      await db.close();
    }
    console.log(JSON.stringify({ msg: "database ready", database: own ? name : "DATABASE_URL", ms: Date.now() - started }));

    const first = await runImport(file, url, bulk);
    console.log(JSON.stringify({ msg: "first import", ...first }));
    const again = await runImport(file, url, bulk);
    console.log(JSON.stringify({ msg: "same file again", ...again }));
    const next = await runImport(monthly, url, bulk);
    console.log(JSON.stringify({ msg: "later edition", ...next }));

    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows: [sizes] } = await client.query(
      `SELECT (SELECT count(*) FROM organization)::int AS organizations, (SELECT count(*) FROM organization_qpv)::int AS qpv_links,
              (SELECT count(*) FROM organization_theme)::int AS theme_links, pg_size_pretty(pg_database_size(current_database())) AS database_size`,
    );
    await client.end();
    console.log(JSON.stringify({ msg: "database", ...sizes }));
    console.log(`\n${rows.toLocaleString("en")} rows (${(bytes / 1e6).toFixed(0)} MB)\n` +
      `first import:    ${first.rowsPerSecond.toLocaleString("en")} rows/s (${(first.importMs / 1000).toFixed(1)} s), peak RSS ${first.peakRssMb} MB${first.bulk ? " (bulk path)" : ""}\n` +
      `same file again: ${again.rowsPerSecond.toLocaleString("en")} rows/s (${(again.importMs / 1000).toFixed(1)} s), peak RSS ${again.peakRssMb} MB\n` +
      `later edition:   ${next.rowsPerSecond.toLocaleString("en")} rows/s (${(next.importMs / 1000).toFixed(1)} s), peak RSS ${next.peakRssMb} MB ` +
      `(${next.inserted.toLocaleString("en")} new, ${next.updated.toLocaleString("en")} updated)`);
  } finally {
    if (own && !keep) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
