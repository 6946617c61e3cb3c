import { DataSource } from "typeorm";
import { StatementTally } from "./database/sql-statement-counter";
import { RequestLoaders } from "./loaders/request-loaders";

/** What every resolver of one request receives: its loaders and its SQL statement tally. */
export interface RequestContext {
  loaders: RequestLoaders;
  tally: StatementTally;
}

/** A fresh context per request: loaders must never be shared between requests. */
export function createContext(dataSource: DataSource, tally: StatementTally): RequestContext {
  return { loaders: new RequestLoaders(dataSource), tally };
}
