import { ReadSession } from "../../database/sql-session";
import { publicConditions, RowAccess } from "../../access/row-access";
import { GeoCircleValue } from "../../../schema/args/geo-args";
import { toConnection } from "../../../schema/connection";
import { NearConnectionValue, NearEdgeValue } from "../../../schema/types/geo-near.type";
import { hydrate, selectList } from "../../database/hydrate";
import { SqlParams } from "../../database/sql-params";
import { decodeCursor, encodeCursor } from "../cursor";
import { CompiledFilter } from "../filters/compiled-filter";
import { ListSource } from "../list-source";
import { SOURCES } from "../sources";

/**
 * Lists of things within a radius of a point, nearest first: a source with an integer key and
 * `latitude`/`longitude` columns (the filter compilers' aliases: `o`, `ev`), and the name cursors carry.
 */
export interface NearSource {
  list: string;
  source: ListSource;
}

export const NEAR = {
  organization: { list: "organizationsNear", source: SOURCES.organization },
  event: { list: "eventsNear", source: SOURCES.event },
} satisfies Record<string, NearSource>;

/** What a client asked of one "near" list. */
export interface NearRequest {
  circle: GeoCircleValue;
  filter: CompiledFilter;
  first: number;
  after: string | null;
}

/** Position of a row in a "near" list: its distance and its id. */
interface NearPosition {
  distance: number;
  id: number;
}

/**
 * The order of a "near" list is defined by its point, so a cursor carries the point and is refused
 * with another one; the radius and the filter may change between pages, as with any other list.
 */
function cursorOrder(circle: GeoCircleValue): string {
  return `${circle.latitude},${circle.longitude}`;
}

function decodeNearCursor(near: NearSource, request: NearRequest): NearPosition {
  const position = decodeCursor(request.after!, {
    list: near.list, order: cursorOrder(request.circle), sortType: "double precision", keyType: "integer",
  });
  return { distance: Number(position.sort), id: Number(position.key) };
}

/**
 * FROM/WHERE shared by pages and counts. earth_box() @> ll_to_earth() is the indexed test (a cube
 * around the sphere's circle, a little larger than it); earth_distance() then keeps the exact circle.
 */
function body(near: NearSource, request: NearRequest, params: SqlParams, position: NearPosition | null): string {
  const { table, alias: a } = near.source;
  const origin = `ll_to_earth(${params.add(request.circle.latitude)}::float8, ${params.add(request.circle.longitude)}::float8)`;
  const location = `ll_to_earth(${a}.latitude, ${a}.longitude)`;
  const radius = `${params.add(request.circle.radiusMeters)}::float8`;
  const conditions = [
    ...publicConditions(near.source, params),
    `earth_box(${origin}, ${radius}) @> ${location}`,
    `d.distance <= ${radius}`,
    ...request.filter.conditions(params),
  ];
  if (position) conditions.push(`(d.distance, ${a}.id) > (${params.add(position.distance)}::float8, ${params.add(position.id)}::integer)`);
  return `FROM ${table} ${a} CROSS JOIN LATERAL (SELECT earth_distance(${origin}, ${location}) AS distance) d WHERE ${conditions.join(" AND ")}`;
}

/** One page, nearest first (ties by id): one statement, LIMIT first + 1 to know whether more follow. */
export async function fetchNearPage<T>(db: ReadSession, access: RowAccess, near: NearSource, request: NearRequest) {
  const position = request.after ? decodeNearCursor(near, request) : null;
  const params = new SqlParams();
  const metadata = db.dataSource.getMetadata(near.source.entity);
  const columns = db.columnsOf?.(metadata);
  const a = near.source.alias;
  const rows: Record<string, unknown>[] = await db.sql.query(
    `SELECT ${selectList(metadata, a, access.readColumns(near.source.table, a, params, columns), columns)}, d.distance AS __distance ${body(near, request, params, position)}
     ORDER BY d.distance, ${a}.id LIMIT ${request.first + 1}`,
    params.values,
  );
  const order = cursorOrder(request.circle);
  const edges: NearEdgeValue<T>[] = rows.slice(0, request.first).map((row) => {
    // pg returns float8 as a JavaScript number that prints back exactly, so the cursor repeats the
    // very value compared in SQL and pages never overlap or skip.
    const distance = Number(row.__distance);
    return {
      cursor: encodeCursor({ list: near.list, order, sort: String(distance), key: row.id as number }),
      node: hydrate<T>(db.dataSource, metadata, row),
      distanceMeters: distance,
    };
  });
  return { edges, hasNextPage: rows.length > request.first };
}

/** Number of items within the radius, with the filter (only run when `totalCount` is selected). */
export async function countNear(db: ReadSession, near: NearSource, request: NearRequest): Promise<number> {
  const params = new SqlParams();
  const [row] = await db.sql.query(`SELECT count(*)::int AS count ${body(near, request, params, null)}`, params.values);
  return row.count;
}

/** A "near" connection: one statement for the page, one more only if `totalCount` is selected. */
export async function nearConnection<T>(db: ReadSession, access: RowAccess, near: NearSource, request: NearRequest): Promise<NearConnectionValue<T>> {
  const page = await fetchNearPage<T>(db, access, near, request);
  // toConnection keeps the page's edges as they are, distances included.
  return toConnection(page, () => countNear(db, near, request)) as NearConnectionValue<T>;
}
