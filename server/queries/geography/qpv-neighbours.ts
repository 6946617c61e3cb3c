import { ReadSession } from "../../database/sql-session";
import { Qpv } from "../../../entities/qpv.entity";
import { hydrate, selectList } from "../../database/hydrate";

/**
 * The QPVs within a distance of each parent QPV, with the distance between contours, computed in the
 * Mercator plane of the geography migration (centimetres):
 * - candidates are the runs of edges whose boxes come within the distance of a parent's run (GiST on
 *   qpv_contour_run.bounds; the plane stretches lengths by 1/cos(latitude), so the margin is taken at the
 *   parent's latitude farthest from the equator, plus 0.1 degree);
 * - per pair of QPVs, only the run pairs whose box gap (a lower bound of their distance) does not exceed
 *   the best upper bound found for the pair (a run's first vertex to the other run) are measured exactly,
 *   with path <-> path (for two Roubaix QPVs at 1 km: 25 of 358 candidate run pairs);
 * - a part lying inside another, edges apart, puts the pair at 0 (edges that cross or touch do anyway);
 * - each run pair is measured in one direction (lower code first), so A -> B and B -> A agree exactly;
 * - the planar distance, times the cosine of the pair's mean latitude, gives metres.
 */
const NEIGHBOURS = (columns: string) => `
WITH parent AS (
  SELECT q.code, $2::float8 * 100 / cos(radians(least(greatest(abs(q.min_latitude), abs(q.max_latitude)) + 0.1, 89.9))) AS margin
  FROM qpv q WHERE q.code = ANY ($1::text[])
),
close_run AS (
  SELECT p.code AS parent, b.qpv_code AS code, a.line AS a_line, b.line AS b_line,
         geo_box_gap(a.bounds, b.bounds) AS lower, least(a.vertex <-> b.line, b.vertex <-> a.line) AS upper
  FROM parent p
  JOIN qpv_contour_run a ON a.qpv_code = p.code
  JOIN qpv_contour_run b ON b.qpv_code <> p.code
   AND b.bounds && box(a.bounds[1] - point(p.margin, p.margin), a.bounds[0] + point(p.margin, p.margin))
),
edge_distance AS (
  SELECT parent, code, min(CASE WHEN parent < code THEN a_line <-> b_line ELSE b_line <-> a_line END) AS planar
  FROM (SELECT *, min(upper) OVER (PARTITION BY parent, code) AS best FROM close_run) bounded
  WHERE lower <= best
  GROUP BY parent, code
),
nested AS (
  SELECT p.code AS parent, b.qpv_code AS code, 0::float8 AS planar
  FROM parent p
  JOIN qpv_part a ON a.qpv_code = p.code
  JOIN qpv_part b ON b.qpv_code <> p.code AND b.bounds && a.bounds
  WHERE (a.outer_ring @> b.vertex AND NOT (b.vertex <@ ANY (a.holes)))
     OR (b.outer_ring @> a.vertex AND NOT (a.vertex <@ ANY (b.holes)))
),
pair AS (
  SELECT parent, code, min(planar) AS planar
  FROM (SELECT * FROM edge_distance UNION ALL SELECT * FROM nested) found
  GROUP BY parent, code
)
SELECT pair.parent AS __parent, d.meters AS __distance, ${columns}
FROM pair
JOIN qpv qa ON qa.code = pair.parent
JOIN qpv q ON q.code = pair.code
CROSS JOIN LATERAL (SELECT round((pair.planar / 100 * cos(radians((qa.latitude + q.latitude) / 2)))::numeric, 1)::float8 AS meters) d
WHERE d.meters <= $2::float8
ORDER BY pair.parent, d.meters, q.code`;

/** A QPV near another one and the distance between their contours, as the `QpvNeighbour` type reads it. */
export interface QpvNeighbourValue {
  qpv: Qpv;
  distanceMeters: number;
}

/** Batch: the neighbours of many QPVs (nearest first, ties by code), in one statement for a whole level. */
export function qpvNeighboursByCode(db: ReadSession, withinMeters: number) {
  return async (codes: readonly (string | number)[]): Promise<QpvNeighbourValue[][]> => {
    const metadata = db.dataSource.getMetadata(Qpv);
    const rows: Record<string, unknown>[] = await db.sql.query(NEIGHBOURS(selectList(metadata, "q")), [codes, withinMeters]);
    const byParent = new Map<string, QpvNeighbourValue[]>();
    for (const row of rows) {
      const list = byParent.get(String(row.__parent)) ?? [];
      list.push({ qpv: hydrate<Qpv>(db.dataSource, metadata, row), distanceMeters: Number(row.__distance) });
      byParent.set(String(row.__parent), list);
    }
    return codes.map((code) => byParent.get(String(code)) ?? []);
  };
}
