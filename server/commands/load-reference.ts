import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/data-source";
import { loadReferenceData } from "../reference/load-reference-data";

/** `npm run load:reference`: migrates, then (re)loads the reference data; rows already right are left untouched. */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    const report = await loadReferenceData(db.dataSource);
    console.log(JSON.stringify({ engine: db.engine, tables: report }, null, 2));
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
