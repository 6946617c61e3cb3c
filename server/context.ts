import { DataSource } from "typeorm";
import { RowAccess } from "./access/row-access";
import { ANONYMOUS, Viewer } from "./access/viewer";
import { StatementTally } from "./database/sql-statement-counter";
import { RequestLoaders } from "./loaders/request-loaders";

/** What every resolver of one request receives: who asks, its loaders and its SQL statement tally. */
export interface RequestContext {
  viewer: Viewer;
  loaders: RequestLoaders;
  tally: StatementTally;
  dataSource: DataSource;
}

/** A fresh context per request: loaders must never be shared between requests (nor viewers). */
export function createContext(dataSource: DataSource, tally: StatementTally, viewer: Viewer = ANONYMOUS): RequestContext {
  return { viewer, loaders: new RequestLoaders(dataSource, new RowAccess(viewer)), tally, dataSource };
}
