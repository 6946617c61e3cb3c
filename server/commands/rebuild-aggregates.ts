import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/data-source";
import { aggregateDifferences, rebuildAggregates } from "../database/dashboard-aggregates";

/**
 * `npm run rebuild:aggregates`: rewrites the dashboard aggregates from the rows (after a bulk load that
 * turned triggers off, a restore, or a change of the reference geography), then checks them.
 */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    const run = (sql: string) => db.dataSource.query(sql);
    const started = Date.now();
    await rebuildAggregates(run);
    const rebuiltMs = Date.now() - started;
    const differences = await aggregateDifferences(run);
    console.log(JSON.stringify({ engine: db.engine, rebuiltMs, differences: differences.length }));
    if (differences.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
