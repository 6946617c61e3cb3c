import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/data-source";
import { aggregateDifferences } from "../database/dashboard-aggregates";

/**
 * `npm run check:aggregates`: recounts the dashboard aggregates from the rows and prints every difference;
 * exits with 1 when there is one (`npm run rebuild:aggregates` then rewrites them).
 */
async function main(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    const started = Date.now();
    const differences = await aggregateDifferences((sql) => db.dataSource.query(sql));
    console.log(JSON.stringify({ engine: db.engine, differences: differences.length, ms: Date.now() - started, first: differences.slice(0, 20) }));
    if (differences.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
