import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";

/**
 * Test databases. With TEST_DATABASE_URL (a PostgreSQL server URL) each test file gets its own
 * database, copied from a template prepared once per run; without it, each file gets its own
 * copy of a PGlite data folder prepared once per run.
 */
export const SERVER_URL = process.env.TEST_DATABASE_URL || undefined;
/** Folder of this run's PGlite copies: one per run, so that runs side by side never share one. */
export function runDir(): string {
  return path.resolve(__dirname, `../../.tmp/test-run-${process.env.MAILLAGE_TEST_RUN_ID ?? "local"}`);
}

/** The PGlite data folder every test file copies. */
export function templateDir(): string {
  return path.join(runDir(), "template-pglite");
}
/** Name of the run's template database (globalSetup exports it to the test workers). */
export const TEMPLATE_DB = "maillage_template_local";

function templateName(): string {
  return process.env.MAILLAGE_TEMPLATE_DB ?? TEMPLATE_DB;
}

/** URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE). */
export async function admin(statements: string[]): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, already migrated and loaded with reference and demo data. */
export async function cloneTemplate(label: string): Promise<{ databaseUrl?: string; dataDir: string; drop(): Promise<void> }> {
  const name = `${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${Date.now()}`;
  if (SERVER_URL) {
    const database = `maillage_t_${name}`.slice(0, 63);
    await admin([`CREATE DATABASE "${database}" TEMPLATE "${templateName()}"`]);
    return {
      databaseUrl: databaseUrl(database),
      dataDir: "",
      drop: () => admin([`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`]),
    };
  }
  const dataDir = path.join(runDir(), name);
  fs.cpSync(templateDir(), dataDir, { recursive: true });
  return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
