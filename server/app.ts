import Redis from "ioredis";
import { DataSource } from "typeorm";
import { buildGraphSchema } from "./build-schema";
import { buildSubgraphGraphSchema } from "./federation/subgraph-schema";
import { Config } from "./config";
import { openDatabase } from "./database/data-source";
import { pendingMigrations } from "./database/pending-migrations";
import { attachReplicas, ReadReplicas } from "./database/read-replicas";
import { poolOf } from "./database/sql-session";
import { withStartupLock } from "./database/startup-lock";
import { seedDemoData } from "./demo/seed-demo-data";
import { startHttpServer } from "./http-server";
import { scheduleIdempotencyPurge } from "./mutations/idempotency-retention";
import { logger } from "./observability/logger";
import { referenceCodes } from "./reference/reference-codes";
import { ensureReferenceData } from "./reference/load-reference-data";
import { closeRedis, openRedis } from "./shared-cache/redis-client";

/** A started Maillage: its URL, and how to shut it down cleanly. */
export interface App {
  url: string;
  port: number;
  /** Where Prometheus scrapes (docs/operations.md, "Metrics"); undefined when metrics are off. */
  metricsUrl: string | undefined;
  engine: "postgres" | "pglite";
  /** The open database: for in-process jobs (the RNA import) and tests that check stored rows (on PGlite, nothing else may open its folder). */
  dataSource: DataSource;
  /** Refuses new requests, lets in-flight ones finish (within the shutdown deadline), then closes Redis and the database. */
  stop(): Promise<void>;
}

/** Opens the database, migrates it, loads reference (and demo) data if missing, and serves the graph. */
export async function startApp(config: Config): Promise<App> {
  const started = Date.now();
  const db = await openDatabase(config);
  let redis: Redis | undefined;
  let replicas: ReadReplicas | undefined;
  try {
    // Instances started together take turns: one migrates and loads, the others then find it done.
    await withStartupLock(db, async () => {
      // No migrations table yet (a new database): TypeORM creates it.
      const behind = await pendingMigrations(db.dataSource).catch(() => undefined);
      const migrations = behind?.length === 0 ? [] : await db.dataSource.runMigrations({ transaction: "each" });
      if (migrations.length) logger.info({ migrations: migrations.map((m) => m.name) }, "migrations applied");
      const reference = await ensureReferenceData(db.dataSource);
      if (reference) logger.info({ tables: reference }, "reference data loaded");
      if (config.demoData) {
        const demo = await seedDemoData(db.dataSource);
        if (Object.keys(demo).length) logger.info({ tables: demo }, "demo data loaded");
      }
    });
    // Read before serving, so that no request pays for it (filters check their codes against it).
    await referenceCodes(db.dataSource);
    if (config.replicas.urls.length) {
      replicas = new ReadReplicas(() => poolOf(db.dataSource), config.replicas);
      await replicas.start();
      attachReplicas(db.dataSource, replicas);
      logger.info({ replicas: replicas.describe(), maxLagMs: config.replicas.maxLagMs }, "read replicas");
    }
    // Connected only now: the loading above can hold the event loop longer than a connect timeout.
    redis = config.redisUrl ? openRedis(config.redisUrl) : undefined;
    const server = await startHttpServer(config, { schema: await (config.subgraph ? buildSubgraphGraphSchema() : buildGraphSchema()), dataSource: db.dataSource, redis });
    const stopPurge = scheduleIdempotencyPurge(db.dataSource, config.idempotencyRetentionHours, (error) =>
      logger.error({ err: String(error) }, "idempotency key purge failed"));
    logger.info({ url: server.url, metricsUrl: server.metricsUrl, engine: db.engine, startupMs: Date.now() - started }, "maillage ready");
    let stopping: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      metricsUrl: server.metricsUrl,
      engine: db.engine,
      dataSource: db.dataSource,
      stop: () =>
        (stopping ??= (async () => {
          stopPurge();
          await server.stop();
          if (redis) await closeRedis(redis);
          await replicas?.stop();
          await db.close();
        })()),
    };
  } catch (error) {
    if (redis) await closeRedis(redis);
    await replicas?.stop();
    await db.close();
    throw error;
  }
}
