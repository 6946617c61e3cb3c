import { DataSource } from "typeorm";

/**
 * The code's migrations that the database has not recorded, by name as TypeORM names them: one read
 * of the migrations table (which throws when there is no such table yet: a new database). Start-up
 * asks this before TypeORM's runMigrations, which inspects the catalog (information_schema, its
 * metadata table) even when there is nothing to do: tens of milliseconds of every embedded start.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.driver.escape(dataSource.options.migrationsTableName ?? "migrations");
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${table}`);
  const applied = new Set(rows.map((row) => row.name));
  return dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !applied.has(name));
}
