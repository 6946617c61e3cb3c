import { ReadSession } from "../../database/sql-session";
import { Qpv } from "../../../entities/qpv.entity";
import { hydrate, selectList } from "../../database/hydrate";
import { qpvContaining } from "./qpv-at";

/** A QPV near a point, and how far the point is from its contour (0 inside). */
export interface QpvNearPoint {
  qpv: Qpv;
  distanceMeters: number;
}

/**
 * The QPVs whose contour lies within `withinMeters` of each point, nearest first (ties by code), at
 * most `first` per point, in one statement; in the plane of the geography migration (centimetres):
 * - candidates are the runs of contour edges whose boxes meet the point's box widened by the radius
 *   (GiST on qpv_contour_run.bounds; the plane stretches lengths by 1/cos(latitude), taken 0.1 degree
 *   farther from the equator so that the box is never too small), measured exactly with path <-> point;
 * - the QPV containing the point (qpvAt's rule, so the two always agree) is at 0, however far its edges;
 * - the planar distance, times the cosine of the point's latitude, gives metres (to the decimetre).
 */
const NEAR_POINTS = (columns: string) => `
SELECT k.n AS __index, near.meters AS __distance, ${columns}
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS k(latitude, longitude, n)
CROSS JOIN LATERAL (
  SELECT geo_plane(k.longitude, k.latitude) AS at,
         $3::float8 * 100 / cos(radians(least(abs(k.latitude) + 0.1, 89.9))) AS margin
) m
CROSS JOIN LATERAL (
  SELECT found.code, round((min(found.planar) / 100 * cos(radians(k.latitude)))::numeric, 1)::float8 AS meters
  FROM (
    SELECT r.qpv_code AS code, r.line <-> m.at AS planar
    FROM qpv_contour_run r
    WHERE r.bounds && box(m.at - point(m.margin, m.margin), m.at + point(m.margin, m.margin))
    UNION ALL
    SELECT inside.qpv_code, 0 FROM (${qpvContaining("m.at")}) inside
  ) found
  GROUP BY found.code
  HAVING round((min(found.planar) / 100 * cos(radians(k.latitude)))::numeric, 1)::float8 <= $3::float8
  ORDER BY meters, found.code
  LIMIT $4
) near
JOIN qpv q ON q.code = near.code
ORDER BY k.n, near.meters, q.code`;

/** Batch: for each point (a `pointKey`), the QPVs within the distance, nearest first. */
export function qpvsNearPoints(db: ReadSession, withinMeters: number, first: number) {
  return async (keys: readonly (string | number)[]): Promise<QpvNearPoint[][]> => {
    const points = keys.map((key) => String(key).split(",").map(Number));
    const metadata = db.dataSource.getMetadata(Qpv);
    const rows: Record<string, unknown>[] = await db.sql.query(NEAR_POINTS(selectList(metadata, "q")), [
      points.map((p) => p[0]), points.map((p) => p[1]), withinMeters, first,
    ]);
    const byIndex = new Map<number, QpvNearPoint[]>();
    for (const row of rows) {
      const index = Number(row.__index);
      const list = byIndex.get(index) ?? [];
      list.push({ qpv: hydrate<Qpv>(db.dataSource, metadata, row), distanceMeters: Number(row.__distance) });
      byIndex.set(index, list);
    }
    return keys.map((_, i) => byIndex.get(i + 1) ?? []);
  };
}
