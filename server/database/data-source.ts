import "reflect-metadata";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { types } from "pg";
import { DataSource } from "typeorm";
import { Config } from "../config";
import { ENTITIES } from "../../entities";
import { CONCEPTS } from "../concepts";
import { MIGRATIONS } from "../migrations";
import { POSTGRES_SESSION_OPTIONS } from "./session-options";
import { SnakeNamingStrategy } from "./snake-naming-strategy";
import { CountingLogger } from "./sql-statement-counter";

// Calendar dates stay "YYYY-MM-DD" strings: turned into a JS Date at local midnight, they would
// shift by a day in some time zones.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** An open database: TypeORM's data source over PostgreSQL or the embedded PGlite. */
export interface Database {
  dataSource: DataSource;
  engine: "postgres" | "pglite";
  /** Closes the pool, then the embedded database if there is one (flushing it to its folder). */
  close(): Promise<void>;
}

type DatabaseOptions = Pick<Config, "databaseUrl" | "dataDir">;

/** Opens PostgreSQL when a URL is configured, otherwise PGlite in its data folder. */
export async function openDatabase(config: DatabaseOptions): Promise<Database> {
  if (config.databaseUrl) {
    const dataSource = newDataSource({ url: config.databaseUrl, extra: { max: 10, options: POSTGRES_SESSION_OPTIONS } });
    await dataSource.initialize();
    return { dataSource, engine: "postgres", close: () => dataSource.destroy() };
  }
  const inMemory = config.dataDir.startsWith("memory://");
  if (!inMemory) fs.mkdirSync(config.dataDir, { recursive: true });
  // Extensions must be registered when PGlite is created; the migrations then CREATE EXTENSION them,
  // as on PostgreSQL (pinned PGlite 0.5.14: later versions misbehave with pg_trgm and cube together).
  const extensions = { pg_trgm, unaccent, cube, earthdistance };
  const pglite = await PGlite.create(inMemory ? undefined : config.dataDir, { extensions });
  // PGlite's own pg adapter: the ordinary pg driver talks to the in-process database
  // with a pool of one, so each transaction keeps its own session (see STACK.md).
  const dataSource = newDataSource({ extra: createPgConfig(pglite) });
  await dataSource.initialize();
  return {
    dataSource,
    engine: "pglite",
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Every entity: those of the concepts (server/concepts) and the few that are no concept's. */
const ALL_ENTITIES = [...new Set([...CONCEPTS.flatMap((c) => [c.lookupEntity, c.entity]), ...ENTITIES])];

function newDataSource(connection: { url?: string; extra: object }): DataSource {
  return new DataSource({
    type: "postgres",
    ...connection,
    entities: ALL_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "schema_migration",
    migrationsTransactionMode: "each",
    namingStrategy: new SnakeNamingStrategy(),
    logger: new CountingLogger(),
    synchronize: false,
  });
}
