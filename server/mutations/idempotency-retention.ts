import { DataSource } from "typeorm";

/**
 * Idempotency keys are kept for a while (mobile clients replay after being offline), then purged:
 * a replay after that runs as a new request. Purged at start-up and then every hour.
 */
export async function purgeIdempotencyKeys(dataSource: DataSource, retentionHours: number): Promise<number> {
  const rows: unknown[] = await dataSource.query(
    `DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1) RETURNING 1`, [retentionHours]);
  return rows.length;
}

/** Purges now and every hour; returns how to stop. */
export function scheduleIdempotencyPurge(dataSource: DataSource, retentionHours: number, onError: (error: unknown) => void): () => void {
  const purge = () => purgeIdempotencyKeys(dataSource, retentionHours).catch(onError);
  void purge();
  const timer = setInterval(purge, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
