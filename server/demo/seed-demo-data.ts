import { DataSource } from "typeorm";
import { buildDemoDataset } from "./build-dataset";
import { insertDemoDataset } from "./insert-dataset";
import { refreshStatistics } from "../reference/load-reference-data";
import { loadDemoTerritory } from "./territory";

/** Seed of the shipped demo dataset: the same seed always gives the same rows. */
export const DEMO_SEED = 20211126;

/** Key of the advisory lock that keeps two starting servers from seeding the same database at once. */
const SEED_LOCK = 7_420_611;

/**
 * Loads the demo dataset (Lille-Roubaix-Tourcoing mainly, plus Seine-Saint-Denis, Marseille,
 * Lyon and Grenoble) in one transaction, after the reference data. Does nothing and returns {}
 * when the database already holds organisations, so start-up can call it every time; otherwise
 * returns the number of rows inserted per table.
 */
export async function seedDemoData(dataSource: DataSource, options: { seed?: number } = {}): Promise<Record<string, number>> {
  const seed = options.seed ?? DEMO_SEED;
  const counts = await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [SEED_LOCK]);
    const [{ populated }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM organization) AS populated`);
    if (populated) return {};
    const territory = await loadDemoTerritory(manager);
    return insertDemoDataset(manager, buildDemoDataset(territory, seed));
  });
  if (Object.keys(counts).length) await refreshStatistics(dataSource);
  return counts;
}
