import "reflect-metadata";
import { openDatabase } from "../server/database/data-source";
import { ensureReferenceData } from "../server/reference/load-reference-data";

/** Migrates the new database and loads the reference data, in this process (a first server start would do it, slowly). */
export async function prepareDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<void> {
  const db = await openDatabase(config);
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    await ensureReferenceData(db.dataSource);
  } finally {
    await db.close();
  }
}
