import fs from "node:fs";
import { openDatabase } from "../../server/database/data-source";
import { seedDemoData } from "../../server/demo/seed-demo-data";
import { ensureReferenceData } from "../../server/reference/load-reference-data";
import { admin, databaseUrl, runDir, SERVER_URL, TEMPLATE_DB, templateDir } from "./test-database";

/** Prepares, once per run, the database every test file copies: migrated, with reference and demo data. */
export default async function globalSetup(): Promise<void> {
  process.env.MAILLAGE_TEST_RUN_ID ??= String(process.pid);
  const started = Date.now();
  fs.rmSync(runDir(), { recursive: true, force: true });
  fs.mkdirSync(runDir(), { recursive: true });
  const templateName = TEMPLATE_DB.replace("local", process.env.MAILLAGE_TEST_RUN_ID);
  process.env.MAILLAGE_TEMPLATE_DB = templateName;
  if (SERVER_URL) await admin([`DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`, `CREATE DATABASE "${templateName}"`]);
  const db = await openDatabase({ databaseUrl: SERVER_URL ? databaseUrl(templateName) : undefined, dataDir: templateDir() });
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    await ensureReferenceData(db.dataSource);
    await seedDemoData(db.dataSource);
  } finally {
    await db.close();
  }
  console.log(`\n[tests] ${SERVER_URL ? "PostgreSQL" : "PGlite"} template ready in ${Date.now() - started} ms`);
}
