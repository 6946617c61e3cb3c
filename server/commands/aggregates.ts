import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/data-source";
import { aggregateDifferences, rebuildAggregates } from "../database/dashboard-aggregates";

/**
 * `npm run check:aggregates`: recounts the dashboard aggregates from the rows and prints every difference.
 * `npm run rebuild:aggregates` (`--rebuild`): rewrites them from the rows first (after a bulk load that
 * turned triggers off, a restore, or a change of the reference geography), then checks them.
 * Both exit with 1 when a difference remains.
 */
async function main(): Promise<void> {
  const rebuild = process.argv.includes("--rebuild");
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    const run = (sql: string) => db.dataSource.query(sql);
    const started = Date.now();
    if (rebuild) await rebuildAggregates(run);
    const rebuiltMs = rebuild ? Date.now() - started : undefined;
    const differences = await aggregateDifferences(run);
    console.log(JSON.stringify({ engine: db.engine, rebuiltMs, differences: differences.length, ms: Date.now() - started, first: differences.slice(0, 20) }));
    if (differences.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
