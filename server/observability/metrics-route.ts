import { RequestHandler } from "express";
import { DataSource } from "typeorm";
import { poolOf } from "../database/sql-session";
import { databasePool, metricsRegistry } from "./metrics";

/** GET /metrics in Prometheus' text format; the pool gauges are read at scrape time. */
export function metricsRoute(dataSource: DataSource): RequestHandler {
  return async (_req, res) => {
    const pool = poolOf(dataSource);
    if (pool) {
      databasePool.set({ state: "total" }, pool.totalCount);
      databasePool.set({ state: "idle" }, pool.idleCount);
      databasePool.set({ state: "waiting" }, pool.waitingCount);
    }
    res.set("content-type", metricsRegistry.contentType).set("cache-control", "no-store");
    res.send(await metricsRegistry.metrics());
  };
}
