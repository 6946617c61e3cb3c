import { loadConfig } from "../config";
import { openDatabase } from "../database/data-source";
import { seedDemoData } from "../demo/seed-demo-data";
import { ensureReferenceData } from "../reference/load-reference-data";

/**
 * `npm run seed:demo`: migrates the configured database, loads the reference data if needed,
 * then the demo dataset if the database holds no organisation yet; prints the rows per table.
 */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations();
    await ensureReferenceData(db.dataSource);
    const counts = await seedDemoData(db.dataSource);
    console.log(JSON.stringify(counts, null, 2));
    if (Object.keys(counts).length === 0) console.error("The database already holds organisations: demo data not loaded.");
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
