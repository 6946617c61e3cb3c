import { RequestHandler } from "express";
import { DataSource } from "typeorm";
import { replicasOf } from "../database/read-replicas";
import { poolOf } from "../database/sql-session";
import { databasePool, metricsRegistry, replicaPool } from "./metrics";

/** GET /metrics in Prometheus' text format; the pool gauges are read at scrape time. */
export function metricsRoute(dataSource: DataSource): RequestHandler {
  return async (_req, res) => {
    const pool = poolOf(dataSource);
    if (pool) {
      databasePool.set({ state: "total" }, pool.totalCount);
      databasePool.set({ state: "idle" }, pool.idleCount);
      databasePool.set({ state: "waiting" }, pool.waitingCount);
    }
    for (const replica of replicasOf(dataSource)?.replicas ?? []) {
      replicaPool.set({ pool: replica.label, state: "total" }, replica.pool.totalCount);
      replicaPool.set({ pool: replica.label, state: "idle" }, replica.pool.idleCount);
      replicaPool.set({ pool: replica.label, state: "waiting" }, replica.pool.waitingCount);
    }
    res.set("content-type", metricsRegistry.contentType).set("cache-control", "no-store");
    res.send(await metricsRegistry.metrics());
  };
}
