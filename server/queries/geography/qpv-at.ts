import { ReadSession } from "../../database/sql-session";
import { Qpv } from "../../../entities/qpv.entity";
import { GeoPointValue } from "../../../schema/args/geo-args";
import { hydrate, selectList } from "../../database/hydrate";

/** Loader key of a point (a string, so that equal points share one load). */
export function pointKey(point: GeoPointValue): string {
  return `${point.latitude},${point.longitude}`;
}

/**
 * SQL selecting the code (`qpv_code`) of the QPV containing a point of the contours' plane
 * (`geo_plane(longitude, latitude)`), as a subquery for a LATERAL join; no row when none does.
 * See `qpvsAtPoints` for the rules.
 */
export function qpvContaining(at: string): string {
  return `SELECT p.qpv_code FROM qpv_part p
         WHERE p.bounds @> box(${at}, ${at}) AND p.outer_ring @> ${at} AND NOT (${at} <@ ANY (p.holes))
         ORDER BY path(p.outer_ring) <-> ${at} DESC, p.qpv_code
         LIMIT 1`;
}

/**
 * Batch: the QPV containing each point, in one statement (a client may alias `qpvAt` many times).
 *
 * A point is in a QPV when it is inside the outer ring of one of its polygons and in none of that
 * polygon's holes (a point on an outer edge is in; on a hole's edge, out). The box test is the indexed
 * one (GiST on qpv_part.bounds); the polygon tests run on the few parts whose box holds the point.
 * Neighbouring contours, rounded to about 10 m, sometimes overlap by a sliver: a point there goes to
 * the QPV it is deeper into (the farther from that QPV's edge), then by code.
 */
export function qpvsAtPoints(db: ReadSession) {
  return async (keys: readonly (string | number)[]): Promise<(Qpv | null)[]> => {
    const points = keys.map((key) => String(key).split(",").map(Number));
    const metadata = db.dataSource.getMetadata(Qpv);
    const rows: Record<string, unknown>[] = await db.sql.query(
      `SELECT k.n AS __index, ${selectList(metadata, "q")}
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS k(latitude, longitude, n)
       CROSS JOIN LATERAL (SELECT geo_plane(k.longitude, k.latitude) AS at) m
       CROSS JOIN LATERAL (${qpvContaining("m.at")}) hit
       JOIN qpv q ON q.code = hit.qpv_code`,
      [points.map((p) => p[0]), points.map((p) => p[1])],
    );
    const byIndex = new Map(rows.map((row) => [Number(row.__index), hydrate<Qpv>(db.dataSource, metadata, row)]));
    return keys.map((_, i) => byIndex.get(i + 1) ?? null);
  };
}
