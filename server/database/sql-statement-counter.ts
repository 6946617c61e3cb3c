import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from "typeorm";
import { logger } from "../observability/logger";

/** Per-request tally of SQL statements, carried through async calls. */
export interface StatementTally {
  count: number;
  /** Of which sent as named prepared statements (planned once per connection by PostgreSQL). */
  prepared?: number;
  /** Set when the compiled read path answered the request (server/queries/compiled). */
  compiled?: boolean;
}

/** Where TypeORM's query runners carry the tally of the request they work for (see `countStatementsOf`). */
interface TalliedData {
  tally?: StatementTally;
}

/**
 * Makes the statements of a TypeORM query runner (a mutation's transaction) count in a request's
 * tally. Reads count through their SqlSession; the tally travels explicitly, never through async
 * context (AsyncLocalStorage's promise hooks would tax every promise of the process).
 */
export function countStatementsOf(queryRunner: QueryRunner, tally: StatementTally): void {
  (queryRunner.data as TalliedData).tally = tally;
}

/**
 * TypeORM logger that counts the statements of query runners tied to a request (for tests,
 * benchmarks and logs) and reports errors; it never logs parameters, which may hold personal data.
 */
export class CountingLogger extends AbstractLogger {
  constructor() {
    super(["error", "warn", "migration"]);
  }

  override logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const tally = (queryRunner?.data as TalliedData | undefined)?.tally;
    if (tally) tally.count += 1;
  }

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const message of messages) {
      if (message.type === "query-error" || level === "error") {
        logger.error({ detail: String(message.message) }, "sql error");
      } else if (level === "warn" || message.type === "migration") {
        logger[level === "warn" ? "warn" : "info"](String(message.message));
      }
    }
  }
}
