import { DataSource } from "typeorm";

/**
 * The code's migrations that the database has not recorded, by name as TypeORM names them: one read
 * of the migrations table, all of them when there is no such table yet (a new database: asked first,
 * so that a first start logs no failed statement). Start-up
 * asks this before TypeORM's runMigrations, which inspects the catalog (information_schema, its
 * metadata table) even when there is nothing to do: tens of milliseconds of every embedded start.
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const name = dataSource.options.migrationsTableName ?? "migrations";
  const [{ present }]: { present: boolean }[] = await dataSource.query("SELECT to_regclass($1) IS NOT NULL AS present", [name]);
  const table = dataSource.driver.escape(name);
  const rows: { name: string }[] = present ? await dataSource.query(`SELECT name FROM ${table}`) : [];
  const applied = new Set(rows.map((row) => row.name));
  return dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !applied.has(name));
}
