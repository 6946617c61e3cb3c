import { createHash } from "node:crypto";
import type { QueryRunner } from "typeorm";
import { MutationResult, RecordRef } from "../../schema/mutations/payload";
import { RequestContext } from "../context";
import { countStatementsOf } from "../database/sql-statement-counter";
import { parseWalPosition } from "../database/wal-position";
import { logger } from "../observability/logger";
import { failureOfDatabaseError } from "./constraint-failures";
import { MutationFailure } from "./mutation-failure";
import { MutationTx } from "./mutation-tx";

export interface MutationRequest {
  /** The mutation field, e.g. "createProject": a key is bound to one operation. */
  operation: string;
  /** The whole input, to recognise a replay of the same request. */
  input: object;
  idempotencyKey?: string | null;
}

const failed = (failure: MutationFailure): MutationResult => ({ record: null, errors: failure.errors, replayed: false });

/**
 * Runs one mutation as one transaction. Expected failures (validation, permissions, versions,
 * duplicates) roll the work back and come back typed in the payload; anything else rolls everything
 * back and becomes a masked 500.
 *
 * With an idempotency key, the key is claimed first in the same transaction (a concurrent request
 * with the same key waits on it), and the result is stored with the work: a replay returns the stored
 * result without a second effect; the same key with another input is refused.
 */
export async function runMutation(ctx: RequestContext, request: MutationRequest, work: (tx: MutationTx) => Promise<RecordRef>): Promise<MutationResult> {
  const viewer = ctx.viewer;
  if (viewer.role === "ANONYMOUS") return failed(MutationFailure.of("FORBIDDEN", "Sign in to write: send a bearer token."));
  const key = request.idempotencyKey ?? null;
  if (key !== null && (key.length < 1 || key.length > 200)) {
    return failed(MutationFailure.of("INVALID_INPUT", "idempotencyKey must be 1 to 200 characters.", ["input", "idempotencyKey"]));
  }
  const fingerprint = requestFingerprint(request);
  const result = await retriedOnConflict(() => transaction(ctx, request, key, fingerprint, work));
  // The request's loaders may hold the record as it was: forget it.
  if (result.record) ctx.loaders.forget(result.record.id);
  return result;
}

/** How many times a mutation runs when PostgreSQL cancels its transaction for a deadlock or a serialization failure. */
export const CONFLICT_ATTEMPTS = 4;

/**
 * Runs `run` again when PostgreSQL rolled its transaction back to break a deadlock (40P01) or a
 * serialization failure (40001): nothing of it was kept, and the same transaction run again usually
 * passes (writers of one counter row, see docs/aggregates.md, can meet in opposite orders). After the
 * last attempt the error stands.
 */
async function retriedOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const driver = ((error as { driverError?: { code?: string } }).driverError ?? error) as { code?: string };
      if (attempt >= CONFLICT_ATTEMPTS || (driver?.code !== "40P01" && driver?.code !== "40001")) throw error;
      // A short random pause, so that the transactions that met do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** One run of the mutation's transaction. */
async function transaction(
  ctx: RequestContext, request: MutationRequest, key: string | null, fingerprint: string, work: (tx: MutationTx) => Promise<RecordRef>,
): Promise<MutationResult> {
  const viewer = ctx.viewer as Exclude<RequestContext["viewer"], { role: "ANONYMOUS" }>;
  // Its own query runner, so that the transaction's statements (BEGIN and COMMIT included) count in the request's tally.
  const runner = ctx.loaders.dataSource.createQueryRunner();
  countStatementsOf(runner, ctx.tally);
  return runner.manager.transaction(async (manager) => {
    const tx = new MutationTx(manager, viewer, ctx.loaders.access);
    if (key !== null) {
      const claimed = await tx.query(
        `INSERT INTO idempotency_key (actor_subject, key, operation, request_hash, result) VALUES ($1, $2, $3, $4, '{}')
         ON CONFLICT DO NOTHING RETURNING key`,
        [viewer.subject, key, request.operation, fingerprint],
      );
      if (!claimed.length) {
        const [stored] = await tx.query<{ request_hash: string; result: MutationResult }>(
          `SELECT request_hash, result FROM idempotency_key WHERE actor_subject = $1 AND key = $2`, [viewer.subject, key]);
        if (stored.request_hash !== fingerprint) {
          return failed(MutationFailure.of("IDEMPOTENCY_KEY_REUSED", "This idempotency key was used for another request: use a new key.", ["input", "idempotencyKey"]));
        }
        return { ...stored.result, replayed: true };
      }
    }
    const outcome = await attempt(tx, work);
    if (key !== null) {
      await tx.query(`UPDATE idempotency_key SET result = $3 WHERE actor_subject = $1 AND key = $2`, [viewer.subject, key, JSON.stringify(outcome)]);
    }
    return outcome;
  }).then(async (outcome) => {
    if (ctx.loaders.sql.replicated) await recordWalPosition(runner, ctx);
    return outcome;
  }).finally(() => runner.release());
}

/**
 * With read replicas: the primary's WAL position once the transaction committed (synchronously:
 * the commit record is written by then), the read-your-writes token of the response
 * (server/database/read-routing-plugin.ts). Without it (the primary gone right after the commit) the
 * response carries the previous token or none: the write stands, the client's next reads may be stale.
 */
async function recordWalPosition(runner: QueryRunner, ctx: RequestContext): Promise<void> {
  try {
    const [row]: { lsn: string }[] = await runner.query("SELECT pg_current_wal_lsn()::text AS lsn");
    const position = parseWalPosition(row.lsn);
    const session = ctx.loaders.sql;
    if (position !== undefined && (session.written === undefined || position > session.written)) session.written = position;
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "consistency token unavailable after a commit");
  }
}

/** The work, inside a savepoint: an expected failure undoes the work only (the idempotency key keeps its result). */
async function attempt(tx: MutationTx, work: (tx: MutationTx) => Promise<RecordRef>): Promise<MutationResult> {
  await tx.query("SAVEPOINT mutation_work");
  try {
    const record = await work(tx);
    await tx.query("RELEASE SAVEPOINT mutation_work");
    return { record, errors: [], replayed: false };
  } catch (error) {
    const failure = error instanceof MutationFailure ? error : failureOfDatabaseError(error);
    if (!failure) throw error;
    await tx.query("ROLLBACK TO SAVEPOINT mutation_work");
    return failed(failure);
  }
}

/** A digest of the operation and its input (keys sorted), without the idempotency key itself. */
function requestFingerprint(request: MutationRequest): string {
  const { idempotencyKey: _key, ...input } = request.input as Record<string, unknown>;
  return createHash("sha256").update(request.operation).update("\0").update(canonicalJson(input)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
