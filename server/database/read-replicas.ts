import { Pool } from "pg";
import { DataSource } from "typeorm";
import { ReplicaConfig } from "../config";
import { logger } from "../observability/logger";
import { replicaLag, replicaUp } from "../observability/metrics";
import { isDatabaseUnavailable } from "./database-unavailable";
import { POSTGRES_SESSION_OPTIONS } from "./session-options";
import { formatWalPosition, parseWalPosition, WalPosition } from "./wal-position";

/** One streaming replica: its pool and what the monitor last saw of it. */
export interface Replica {
  /** Its name in metrics and logs ("replica-1"...): never its URL, which may hold a password. */
  readonly label: string;
  readonly pool: Pool;
  /** The WAL position it had replayed at the last poll. */
  replayed: WalPosition | undefined;
  /** How far behind the primary it was at the last poll (see lagOf). */
  lagMs: number;
  /** When the last poll answered (Date.now()); 0 before the first. */
  polledAt: number;
  /** Left out until a poll answers again: its last poll or a statement failed for want of the server. */
  down: boolean;
}

/** A primary WAL position and when the monitor first saw the primary there. */
interface Sample {
  at: number;
  position: WalPosition;
}

/** Pool of a replica: the primary's session settings (session-options.ts), and a bounded wait for a connection. */
const REPLICA_POOL = { max: 10, options: POSTGRES_SESSION_OPTIONS, connectionTimeoutMillis: 2_000 };

/** A recovery conflict cancelled a read on a replica (the primary's vacuum removed rows it was reading): another server answers it. */
function isRecoveryConflict(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "40001" && typeof message === "string" && /conflict with recovery/.test(message);
}

/** Whether a read that failed on a replica is retried elsewhere: the replica, not the statement, failed. */
export function isReplicaFault(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isRecoveryConflict(error);
}

/**
 * The read replicas of a PostgreSQL primary (DATABASE_REPLICA_URLS) and a monitor that reads, every
 * `pollMs`, the primary's WAL position and each replica's replayed position: a request is routed from
 * these cached positions without a round trip of its own (only a read-your-writes token ahead of them
 * asks the replica directly). A replica's lag is how long ago the primary first went past the position
 * the replica has replayed: zero when it has replayed everything, whatever the primary's idle time.
 */
export class ReadReplicas {
  readonly replicas: Replica[];
  private readonly history: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private next = 0;

  constructor(private readonly primary: () => Pool | undefined, private readonly config: ReplicaConfig) {
    this.replicas = config.urls.map((url, i) => {
      const pool = new Pool({ connectionString: url, ...REPLICA_POOL });
      const replica: Replica = { label: `replica-${i + 1}`, pool, replayed: undefined, lagMs: Infinity, polledAt: 0, down: true };
      // An idle connection cut by a stopped replica: without a listener, pg's error would end the process.
      pool.on("error", (error) => this.markDown(replica, error));
      return replica;
    });
  }

  /** Polls once (so that the first requests already find their replicas), then every pollMs. */
  async start(): Promise<void> {
    await this.poll();
    const tick = () => {
      this.timer = setTimeout(() => void this.poll().finally(() => { if (!this.stopped) tick(); }), this.config.pollMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  /**
   * The replica that serves a read (undefined: the primary does), leaving out those in `tried`: one
   * that answers, is no further behind than MAILLAGE_REPLICA_MAX_LAG_MS and, with a token, has replayed
   * past it. Turn by turn among those that qualify.
   */
  async choose(token: WalPosition | undefined, tried: ReadonlySet<Replica> = new Set()): Promise<Replica | undefined> {
    const usable = this.replicas.filter((replica) => !tried.has(replica) && this.usable(replica));
    const ready = token === undefined ? usable : usable.filter((replica) => replica.replayed !== undefined && replica.replayed >= token);
    if (ready.length) return ready[this.next++ % ready.length];
    if (!usable.length) return undefined;
    // The token is ahead of what the last poll saw: ask the furthest replica where it is now.
    const furthest = usable.reduce((a, b) => ((a.replayed ?? 0n) >= (b.replayed ?? 0n) ? a : b));
    try {
      const { rows } = await furthest.pool.query<{ replayed: string | null }>("SELECT pg_last_wal_replay_lsn()::text AS replayed");
      const replayed = rows[0].replayed === null ? undefined : parseWalPosition(rows[0].replayed);
      if (replayed !== undefined && (furthest.replayed === undefined || replayed > furthest.replayed)) furthest.replayed = replayed;
      return replayed !== undefined && replayed >= token! ? furthest : undefined;
    } catch (error) {
      if (isReplicaFault(error)) this.markDown(furthest, error);
      return undefined;
    }
  }

  /** A replica whose statement failed for want of the server: left out until the monitor reaches it again. */
  markDown(replica: Replica, error: unknown): void {
    if (!replica.down) logger.warn({ pool: replica.label, err: error instanceof Error ? error.message : String(error) }, "replica unavailable: reads go to the other replicas or the primary");
    replica.down = true;
    replicaUp.set({ pool: replica.label }, 0);
  }

  private usable(replica: Replica): boolean {
    // A poll older than this (a replica that stopped answering without an error) is no longer believed.
    const fresh = Date.now() - replica.polledAt <= Math.max(2_000, 4 * this.config.pollMs);
    return !replica.down && fresh && replica.lagMs <= this.config.maxLagMs;
  }

  private async poll(): Promise<void> {
    await this.pollPrimary();
    await Promise.all(this.replicas.map((replica) => this.pollReplica(replica)));
  }

  /** The primary's WAL position, kept only when it moved: the time the primary first went past each position. */
  private async pollPrimary(): Promise<void> {
    const pool = this.primary();
    if (!pool) return;
    try {
      const { rows } = await pool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
      const position = parseWalPosition(rows[0].lsn)!;
      const now = Date.now();
      const last = this.history[this.history.length - 1];
      // The first position seen has no known time: the primary may have passed it hours ago, so a
      // replica behind it counts as lagging without bound until it has replayed it.
      if (!last) this.history.push({ at: -Infinity, position });
      else if (position > last.position) this.history.push({ at: now, position });
      // Samples older than the bound (and a margin) cannot change a decision: a replica behind them all is skipped anyway.
      const horizon = now - this.config.maxLagMs - 60_000;
      while (this.history.length > 1 && this.history[1].at < horizon) this.history.shift();
    } catch {
      // The primary down: /readyz says so; the replicas keep the lag of their last poll.
    }
  }

  private async pollReplica(replica: Replica): Promise<void> {
    try {
      const { rows } = await replica.pool.query<{ recovery: boolean; replayed: string | null }>(
        "SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed");
      const { recovery, replayed } = rows[0];
      if (!recovery || replayed === null) {
        // Promoted (or never a standby): its data may part from the primary's, so it serves nothing.
        this.markDown(replica, new Error("not a streaming replica (pg_is_in_recovery() is false)"));
        return;
      }
      replica.replayed = parseWalPosition(replayed);
      replica.lagMs = this.lagOf(replica.replayed!);
      replica.polledAt = Date.now();
      if (replica.down) logger.info({ pool: replica.label, replayed, lagMs: replica.lagMs }, "replica available");
      replica.down = false;
      replicaUp.set({ pool: replica.label }, 1);
      replicaLag.set({ pool: replica.label }, replica.lagMs / 1000);
    } catch (error) {
      this.markDown(replica, error);
    }
  }

  /** How long ago the primary first went past `replayed`: 0 when the replica has replayed all the primary had written at the last poll. */
  private lagOf(replayed: WalPosition): number {
    const ahead = this.history.find((sample) => sample.position > replayed);
    return ahead ? Date.now() - ahead.at : 0;
  }

  /** For logs: where each replica is. */
  describe(): { pool: string; replayed: string | null; lagMs: number; down: boolean }[] {
    return this.replicas.map((r) => ({ pool: r.label, replayed: r.replayed === undefined ? null : formatWalPosition(r.replayed), lagMs: r.lagMs, down: r.down }));
  }
}

const attached = new WeakMap<DataSource, ReadReplicas>();

/** Gives the database's read sessions these replicas (startApp, once the database is migrated). */
export function attachReplicas(dataSource: DataSource, replicas: ReadReplicas): void {
  attached.set(dataSource, replicas);
}

/** The replicas of a database, if it has any. */
export function replicasOf(dataSource: DataSource): ReadReplicas | undefined {
  return attached.get(dataSource);
}
