import Redis from "ioredis";
import { DataSource } from "typeorm";
import { buildGraphSchema } from "../schema/build-schema";
import { Config } from "./config";
import { openDatabase } from "./database/data-source";
import { seedDemoData } from "./demo/seed-demo-data";
import { startHttpServer } from "./http-server";
import { scheduleIdempotencyPurge } from "./mutations/idempotency-retention";
import { ensureReferenceData } from "./reference/load-reference-data";
import { closeRedis, openRedis } from "./shared-cache/redis-client";

/** A started Maillage: its URL, and how to shut it down cleanly. */
export interface App {
  url: string;
  port: number;
  engine: "postgres" | "pglite";
  /** The open database: for in-process jobs (the RNA import) and tests that check stored rows (on PGlite, nothing else may open its folder). */
  dataSource: DataSource;
  /** Stops the HTTP server (in-flight requests finish), then closes the database. */
  stop(): Promise<void>;
}

function log(msg: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", msg, ...fields }));
}

/** Opens the database, migrates it, loads reference (and demo) data if missing, and serves the graph. */
export async function startApp(config: Config): Promise<App> {
  const started = Date.now();
  const db = await openDatabase(config);
  let redis: Redis | undefined;
  try {
    const migrations = await db.dataSource.runMigrations({ transaction: "each" });
    if (migrations.length) log("migrations applied", { migrations: migrations.map((m) => m.name) });
    const reference = await ensureReferenceData(db.dataSource);
    if (reference) log("reference data loaded", { tables: reference });
    if (config.demoData) {
      const demo = await seedDemoData(db.dataSource);
      if (Object.keys(demo).length) log("demo data loaded", { tables: demo });
    }
    // Connected only now: the loading above can hold the event loop longer than a connect timeout.
    redis = config.redisUrl ? openRedis(config.redisUrl) : undefined;
    const server = await startHttpServer(config, { schema: await buildGraphSchema(), dataSource: db.dataSource, redis });
    const stopPurge = scheduleIdempotencyPurge(db.dataSource, config.idempotencyRetentionHours, (error) =>
      console.error(JSON.stringify({ level: "error", msg: "idempotency key purge failed", error: String(error) })));
    log("maillage ready", { url: server.url, engine: db.engine, startupMs: Date.now() - started });
    let stopping: Promise<void> | undefined;
    return {
      url: server.url,
      port: server.port,
      engine: db.engine,
      dataSource: db.dataSource,
      stop: () =>
        (stopping ??= (async () => {
          stopPurge();
          await server.stop();
          if (redis) await closeRedis(redis);
          await db.close();
        })()),
    };
  } catch (error) {
    if (redis) await closeRedis(redis);
    await db.close();
    throw error;
  }
}
