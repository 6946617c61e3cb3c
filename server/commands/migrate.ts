import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/data-source";

/** `npm run migrate`: applies pending migrations to the configured database, then stops. */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    const applied = await db.dataSource.runMigrations({ transaction: "each" });
    console.log(JSON.stringify({ engine: db.engine, applied: applied.map((m) => m.name) }));
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
