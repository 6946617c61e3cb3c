import { DataSource } from "typeorm";
import { RowAccess } from "./access/row-access";
import { Viewer } from "./access/viewer";
import { StatementTally } from "./database/sql-statement-counter";
import { RequestLoaders } from "./loaders/request-loaders";
import { RequestRecord } from "./observability/request-record";
import { ClientKey } from "./rate-limit/client-key";
import { Geocoder } from "./geocoding/ban-geocoder";
import { SearchBounds } from "./config";

/** What every resolver of one request receives: who asks, its loaders and its SQL statement tally. */
export interface RequestContext {
  /** The verified identity of the bearer token (server/auth), or ANONYMOUS without one. */
  viewer: Viewer;
  loaders: RequestLoaders;
  tally: StatementTally;
  /** What the request did, for its log line and the metrics. */
  record: RequestRecord;
  /** Whose rate-limit budget the request draws on: the token's subject, or the client IP. */
  client: ClientKey;
  /** Where `addressQpv` looks addresses up; undefined when the server has no geocoder. */
  geocoder: Geocoder | undefined;
  /** How much work a search may do (config `search`). */
  searchBounds: SearchBounds;
}

/** A fresh context per request: loaders must never be shared between requests (nor viewers). */
export function createContext(
  dataSource: DataSource, record: RequestRecord, viewer: Viewer, client: ClientKey, searchBounds: SearchBounds, geocoder?: Geocoder,
): RequestContext {
  return { viewer, loaders: new RequestLoaders(dataSource, new RowAccess(viewer), record.tally), tally: record.tally, record, client, geocoder, searchBounds };
}
