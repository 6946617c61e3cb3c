import { AsyncLocalStorage } from "node:async_hooks";
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from "typeorm";
import { logger } from "../observability/logger";

/** Per-request tally of SQL statements, carried through async calls. */
export interface StatementTally {
  count: number;
}

const storage = new AsyncLocalStorage<StatementTally>();

/** Runs `fn` with a fresh tally; every statement TypeORM sends while it runs is counted. */
export function withStatementTally<T>(tally: StatementTally, fn: () => T): T {
  return storage.run(tally, fn);
}

/**
 * TypeORM logger that counts statements for the current request (for tests, benchmarks and logs)
 * and reports slow queries and errors; it never logs parameters, which may hold personal data.
 */
export class CountingLogger extends AbstractLogger {
  constructor() {
    super(["error", "warn", "migration"]);
  }

  override logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    const tally = storage.getStore();
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
