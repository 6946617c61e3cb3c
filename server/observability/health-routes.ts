import { Router } from "express";
import { DataSource } from "typeorm";
import { pendingMigrations } from "../database/pending-migrations";

/** How long /readyz waits for the database before calling it unreachable. */
const READINESS_TIMEOUT_MS = 2_000;

/** What the instance is doing, as health checks see it. */
export interface Lifecycle {
  /** Set when shutdown begins: the instance must leave the load balancer's rotation. */
  stopping: boolean;
}

type Readiness = { ready: true } | { ready: false; status: string; pending?: string[] };

async function readiness(dataSource: DataSource): Promise<Readiness> {
  // One statement proves the database answers and tells which migrations it has.
  const pending = await pendingMigrations(dataSource);
  return pending.length ? { ready: false, status: "migrations pending", pending } : { ready: true };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * /healthz: the process is alive and serving HTTP (liveness: restart it if not).
 * /readyz: it may receive traffic: not shutting down, database answering, every migration applied
 * (readiness: keep it out of the load balancer's rotation if not).
 */
export function healthRoutes(dataSource: DataSource, lifecycle: Lifecycle): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.set("cache-control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    res.set("cache-control", "no-store");
    if (lifecycle.stopping) {
      res.status(503).json({ status: "shutting down" });
      return;
    }
    try {
      const state = await withTimeout(readiness(dataSource), READINESS_TIMEOUT_MS);
      if (state.ready) res.json({ status: "ready" });
      else res.status(503).json({ status: state.status, pending: state.pending });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });
  return router;
}
