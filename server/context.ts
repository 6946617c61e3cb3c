import { DataSource } from "typeorm";
import { Viewer } from "./access/viewer";
import { StatementTally } from "./database/sql-statement-counter";
import { RequestLoaders } from "./loaders/request-loaders";

/** What every resolver of one request receives: its loaders, its SQL statement tally and who is asking. */
export interface RequestContext {
  loaders: RequestLoaders;
  tally: StatementTally;
  /** The verified identity of the bearer token (server/auth), or ANONYMOUS without one. */
  viewer: Viewer;
}

/** A fresh context per request: loaders must never be shared between requests. */
export function createContext(dataSource: DataSource, tally: StatementTally, viewer: Viewer): RequestContext {
  return { loaders: new RequestLoaders(dataSource), tally, viewer };
}
