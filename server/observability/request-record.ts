import type { Response } from "express";
import { StatementTally } from "../database/sql-statement-counter";

/**
 * What one HTTP request did, filled in as it goes (statement tally by its SqlSession and transactions,
 * operation and error codes by the GraphQL plugin) and read once, when the response is sent,
 * by the request log and the metrics.
 */
export interface RequestRecord {
  tally: StatementTally;
  operationName?: string;
  operationType?: string;
  errorCodes: string[];
}

/** The record of the request a response belongs to (created by the first middleware). */
export function recordOf(res: Response): RequestRecord {
  return (res.locals.record ??= { tally: { count: 0 }, errorCodes: [] }) as RequestRecord;
}
