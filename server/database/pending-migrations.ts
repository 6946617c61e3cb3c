import { DataSource } from "typeorm";

/**
 * Whether the code holds migrations the database has not recorded: one read of the migrations
 * table, where TypeORM's runMigrations first inspects the catalog (information_schema, its metadata
 * table) even when there is nothing to do, tens of milliseconds of every start on the embedded
 * database. Names are compared as TypeORM compares them. No table yet (a new database): true.
 */
export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  const table = dataSource.driver.escape(dataSource.options.migrationsTableName ?? "migrations");
  let rows: { name: string }[];
  try {
    rows = await dataSource.query(`SELECT name FROM ${table}`);
  } catch {
    return true;
  }
  const applied = new Set(rows.map((row) => row.name));
  return dataSource.migrations.some((migration) => !applied.has(migration.name ?? migration.constructor.name));
}
