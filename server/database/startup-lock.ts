import { Database } from "./data-source";

/** Key of the advisory lock that serialises start-up work between instances ("maillage" in ASCII). */
const STARTUP_LOCK_KEY = 0x6d61696c6c616765n;

/**
 * Runs the start-up work (migrations, reference and demo data) under a PostgreSQL advisory lock,
 * so that several instances started at once do not migrate the same database side by side.
 * PGlite belongs to one process: nothing to share, nothing to lock.
 */
export async function withStartupLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  if (db.engine !== "postgres") return work();
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY.toString()]);
    try {
      return await work();
    } finally {
      await runner.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY.toString()]);
    }
  } finally {
    await runner.release();
  }
}
