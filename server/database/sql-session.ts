import { createHash } from "node:crypto";
import type { Pool, QueryResultRow } from "pg";
import { DataSource, EntityMetadata } from "typeorm";
import { SqlParams } from "./sql-params";
import { logger } from "../observability/logger";
import { StatementTally } from "./sql-statement-counter";
import { readFailovers, routedReads } from "../observability/metrics";
import { isReplicaFault, ReadReplicas, Replica, replicasOf } from "./read-replicas";
import { WalPosition } from "./wal-position";

/** Sends SQL and answers its rows: what the read paths need of the database. */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by each caller, as with TypeORM's query
  query<T = any>(text: string, values?: readonly unknown[]): Promise<T[]>;
}

/**
 * At most this many distinct statement texts are ever prepared by name in one process: PostgreSQL
 * keeps a named statement for the life of its connection, so the set must stay bounded even if some
 * text were built with a value inlined. Texts beyond it run unnamed (planned each time), still correct.
 */
export const MAX_NAMED_STATEMENTS = 2000;
const names = new Map<string, string>();

/** The prepared-statement name of a text: a digest, so the same text gets the same name on every connection. */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `m_${createHash("sha1").update(text).digest("base64url")}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Related rows read in the same statement as a page (the to-one relations the operation selects, see
 * server/queries/read-plan.ts): LEFT JOIN LATERAL subqueries after the page, under alias `page`; `prime` hands what
 * they read to the loaders, row by row, once the row's entity is made.
 */
export interface Embedding {
  /** Extra select items, each starting with ", ". */
  columns: string;
  joins: string;
  prime(row: Record<string, unknown>, entity: Record<string, unknown>): void;
}

/** A statement (its rows under alias `page`) with the related rows `embedding` reads: the rows first (a LIMIT applies before any join), then the related rows. */
export function withEmbedding(sql: string, embedding: Embedding | null): string {
  return embedding ? `SELECT page.*${embedding.columns} FROM (${sql}) page ${embedding.joins}` : sql;
}

/**
 * What a read needs: the model's metadata (to turn rows into entities) and a way to send SQL (counted,
 * prepared); a request's session also reads the related rows its operation selects with the rows of an
 * entity (`embedding`, see server/queries/read-plan.ts).
 */
export interface ReadSession {
  dataSource: DataSource;
  sql: SqlRunner;
  embedding?(metadata: EntityMetadata, params: SqlParams): Embedding | null;
  /** The columns of `metadata`'s rows this read needs (a request's read plan); every selectable column when absent. */
  columnsOf?(metadata: EntityMetadata): readonly string[];
  lookupWith?(coordinate: string, entity: Function, keyColumn: string, params: SqlParams): Embedding | null;
}

/** Who watches the statements sent (tools such as the bench's EXPLAIN of its mix); none in service. */
type StatementListener = (text: string, values: readonly unknown[]) => void;
const listeners: StatementListener[] = [];

/** Calls `listener` with every statement a SqlSession sends from now on; returns how to stop. */
export function observeStatements(listener: StatementListener): () => void {
  listeners.push(listener);
  return () => void listeners.splice(listeners.indexOf(listener), 1);
}

/** The pg pool under TypeORM's data source (PostgreSQL, or PGlite through its pg adapter); undefined once closed. */
export function poolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as unknown as { master?: Pool }).master;
}

/**
 * The SQL of one request (or one export): every statement is counted in the request's tally, passed
 * explicitly rather than through async context (AsyncLocalStorage's promise hooks cost every promise
 * of the process), and sent as a named prepared statement, so PostgreSQL parses and plans a
 * statement text once per connection instead of at every request. Rows come back as pg parses them,
 * without TypeORM's query runner in between.
 */
export class SqlSession implements SqlRunner {
  /** Undefined when the database was closed (a request racing the shutdown): its statements then fail. */
  private readonly pool: Pool | undefined;
  /** The database's read replicas (DATABASE_REPLICA_URLS), if any. */
  private readonly replicas: ReadReplicas | undefined;
  /** Whether this session's statements are reads that a replica may answer (see route). */
  private reading = false;
  /** The replica answering this session's reads; undefined: the primary. */
  private replica: Replica | undefined;
  /** Replicas that failed this session: not tried again for it. */
  private readonly failed = new Set<Replica>();
  /** The read-your-writes token the client sent: a replica serves it only once replayed past it. */
  private token: WalPosition | undefined;
  /** The primary's WAL position after this request's last commit: the token its response carries. */
  written: WalPosition | undefined;

  constructor(dataSource: DataSource, readonly tally: StatementTally = { count: 0 }) {
    this.pool = poolOf(dataSource);
    this.replicas = replicasOf(dataSource);
  }

  /** Whether the database has read replicas, so that a write's response carries a consistency token. */
  get replicated(): boolean {
    return this.replicas !== undefined;
  }

  /**
   * The one routing rule, called once the request's kind is known: the statements of a query (or an
   * export) go to a replica that qualifies (read-replicas.ts: choose), everything else (mutations,
   * their transactions, the reads of their answers) to the primary.
   */
  async route(kind: "query" | "mutation" | "subscription", token?: WalPosition): Promise<void> {
    if (kind !== "query" || !this.replicas) return;
    this.reading = true;
    this.token = token;
    this.replica = await this.replicas.choose(token, this.failed);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    this.tally.count += 1;
    const name = statementName(text);
    if (name) this.tally.prepared = (this.tally.prepared ?? 0) + 1;
    for (const listener of listeners) listener(text, values);
    try {
      return this.reading ? await this.read<T>(name, text, values) : await this.send<T>(this.pool, name, text, values);
    } catch (error) {
      logger.error({ detail: String((error as Error).message) }, "sql error");
      throw error;
    }
  }

  /** A read: on the session's replica; if that replica fails, on another one or the primary, for this statement and the rest of the request. */
  private async read<T>(name: string | undefined, text: string, values: readonly unknown[]): Promise<T[]> {
    for (;;) {
      const replica = this.replica;
      if (!replica) {
        const rows = await this.send<T>(this.pool, name, text, values);
        routedReads.inc({ pool: "primary" });
        return rows;
      }
      try {
        const rows = await this.send<T>(replica.pool, name, text, values);
        routedReads.inc({ pool: replica.label });
        return rows;
      } catch (error) {
        if (!isReplicaFault(error)) throw error;
        readFailovers.inc({ pool: replica.label });
        this.failed.add(replica);
        // A recovery conflict is one statement's bad luck; anything else, the replica's.
        if ((error as { code?: string }).code !== "40001") this.replicas!.markDown(replica, error);
        this.replica = await this.replicas!.choose(this.token, this.failed);
      }
    }
  }

  private async send<T>(pool: Pool | undefined, name: string | undefined, text: string, values: readonly unknown[]): Promise<T[]> {
    if (!pool) throw new Error("The database is closed.");
    const result = await pool.query<QueryResultRow>({ name, text, values: values as unknown[] });
    return result.rows as T[];
  }
}
