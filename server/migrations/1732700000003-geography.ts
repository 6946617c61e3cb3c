import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Geography without PostGIS: QPV contours as PostgreSQL's built-in polygons (point-in-QPV, distances
 * between QPVs) and earthdistance indexes (organisations and events within a radius of a point).
 *
 * `qpv.geometry` (GeoJSON) stays the source of truth: `qpv_part` (polygons) and `qpv_contour_run`
 * (their edges, in short runs) are derived from it by triggers whenever a QPV is inserted or its
 * geometry changes (the reference data is loaded after the migrations on a fresh database), and
 * backfilled here for QPVs already loaded.
 */
export class Geography1732700000003 implements MigrationInterface {
  name = "Geography1732700000003";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}

const UP = `
-- The plane of the contours: Web Mercator in centimetres, on earthdistance's sphere (earth() =
-- 6378168 m, so every distance of the graph uses one sphere). Mercator is conformal: a planar distance
-- between nearby points, times the cosine of their latitude, is their distance on the sphere (off by
-- about 0.01% per kilometre they span north-south, at French latitudes). Centimetres, because the
-- built-in geometric operators compare with a fixed tolerance of 1e-6 (a tenth of a metre in degrees),
-- and because integers print and parse several times faster than decimals (polygons are built from
-- text). The poles have no image: latitudes are clamped to +-89.9 degrees, far from any QPV. These are
-- not STRICT: least/greatest are not, and a STRICT function whose body is not strict is never inlined
-- (loading the contours would be 4x slower).
CREATE FUNCTION geo_plane_x(longitude double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT 637816800 * radians(longitude) $fn$;
CREATE FUNCTION geo_plane_y(latitude double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT 637816800 * ln(tan(pi() / 4 + radians(least(greatest(latitude, -89.9), 89.9)) / 2)) $fn$;
CREATE FUNCTION geo_plane(longitude double precision, latitude double precision) RETURNS point
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT point(geo_plane_x(longitude), geo_plane_y(latitude)) $fn$;

-- A GeoJSON ring's positions in the plane, rounded to the centimetre and printed "(x,y)", in order:
-- polygons and paths can only be built from text, and each vertex is printed once for both tables.
CREATE FUNCTION geo_printed_ring(positions jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$
    SELECT ARRAY(
      SELECT '(' || round(geo_plane_x((position->>0)::float8))::bigint || ',' || round(geo_plane_y((position->>1)::float8))::bigint || ')'
      FROM jsonb_array_elements(positions) WITH ORDINALITY AS e(position, n)
      ORDER BY n)
  $fn$;

-- The polygons of each QPV, one row per polygon of its MultiPolygon, outer ring and holes apart (the
-- built-in polygon type has no holes), in the plane. Between two vertices (at most a few hundred metres
-- apart) a straight edge in the plane and the GeoJSON's straight edge in lon/lat part by less than a
-- centimetre, far below the contours' 4-decimal precision (about 10 m).
CREATE TABLE qpv_part (
  qpv_code text NOT NULL CONSTRAINT qpv_part_qpv_fk REFERENCES qpv (code) ON DELETE CASCADE,
  part smallint NOT NULL,
  outer_ring polygon NOT NULL,
  holes polygon[] NOT NULL,
  -- A point of the part (its first vertex): a part lying inside another one shows by it.
  vertex point NOT NULL,
  -- GiST indexes bounding boxes: box @> box and box && box are indexable (polygon @> point is not), and
  -- a box test is never stricter than the exact polygon test that follows it.
  bounds box GENERATED ALWAYS AS (box(outer_ring)) STORED,
  PRIMARY KEY (qpv_code, part)
);
CREATE INDEX qpv_part_bounds_idx ON qpv_part USING gist (bounds);

-- Every ring (outer and holes) cut into runs of at most 16 edges, consecutive runs sharing a vertex,
-- each with its bounding box. Distances between QPVs are computed between the runs that come close
-- (GiST on bounds), not between every pair of edges: polygon <-> polygon on whole rings takes seconds
-- for a page of large QPVs.
CREATE TABLE qpv_contour_run (
  qpv_code text NOT NULL CONSTRAINT qpv_contour_run_qpv_fk REFERENCES qpv (code) ON DELETE CASCADE,
  part smallint NOT NULL,
  ring smallint NOT NULL,
  run integer NOT NULL,
  line path NOT NULL,
  bounds box NOT NULL,
  vertex point NOT NULL,
  PRIMARY KEY (qpv_code, part, ring, run)
);
CREATE INDEX qpv_contour_run_bounds_idx ON qpv_contour_run USING gist (bounds);

-- (Re)derives qpv_part and qpv_contour_run for these QPVs from qpv.geometry (a MultiPolygon, or a Polygon).
CREATE FUNCTION qpv_contours_derive(codes text[]) RETURNS void
  LANGUAGE sql
  AS $fn$
    DELETE FROM qpv_contour_run WHERE qpv_code = ANY (codes);
    DELETE FROM qpv_part WHERE qpv_code = ANY (codes);
    WITH ring AS MATERIALIZED (
      SELECT q.code, p.part, r.ring, geo_printed_ring(r.positions) AS printed
      FROM qpv q
      CROSS JOIN LATERAL jsonb_array_elements(CASE q.geometry->>'type' WHEN 'Polygon' THEN jsonb_build_array(q.geometry->'coordinates')
                                                                      ELSE q.geometry->'coordinates' END) WITH ORDINALITY AS p(rings, part)
      CROSS JOIN LATERAL jsonb_array_elements(p.rings) WITH ORDINALITY AS r(positions, ring)
      WHERE q.code = ANY (codes)
    ),
    parts AS (
      INSERT INTO qpv_part (qpv_code, part, outer_ring, holes, vertex)
      SELECT code, part, (array_agg(outline ORDER BY ring))[1], coalesce((array_agg(outline ORDER BY ring))[2:], '{}'),
             (array_agg(printed[1]::point ORDER BY ring))[1]
      FROM ring CROSS JOIN LATERAL (SELECT ('(' || array_to_string(printed, ',') || ')')::polygon AS outline) o
      GROUP BY code, part
    )
    -- Run k holds vertices 16k+1 to 16k+17 (1-based): a ring of n vertices has max(1, ceil((n - 1) / 16)) runs.
    INSERT INTO qpv_contour_run (qpv_code, part, ring, run, line, bounds, vertex)
    SELECT code, part, ring, k, l.line, box(polygon(pclose(l.line))), printed[16 * k + 1]::point
    FROM ring
    CROSS JOIN LATERAL generate_series(0, greatest(0, (cardinality(printed) - 2) / 16)) AS k
    CROSS JOIN LATERAL (SELECT ('[' || array_to_string(printed[16 * k + 1 : 16 * k + 17], ',') || ']')::path AS line) l;
  $fn$;

-- Statement-level triggers: the reference loader upserts every QPV in one statement, so the contours
-- are derived in one go rather than once per QPV (all 1,584 QPVs, 232k vertices: about 1.5 s on PGlite,
-- under a second on PostgreSQL).
CREATE FUNCTION qpv_contours_sync() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM qpv_contours_derive(ARRAY(SELECT code FROM changed_qpv));
    ELSE
      -- Only QPVs whose contour changed: a renamed QPV keeps its contours.
      PERFORM qpv_contours_derive(ARRAY(
        SELECT c.code FROM changed_qpv c JOIN previous_qpv o ON o.code = c.code WHERE c.geometry IS DISTINCT FROM o.geometry));
    END IF;
    RETURN NULL;
  END
  $fn$;
CREATE TRIGGER qpv_contours_insert AFTER INSERT ON qpv
  REFERENCING NEW TABLE AS changed_qpv FOR EACH STATEMENT EXECUTE FUNCTION qpv_contours_sync();
CREATE TRIGGER qpv_contours_update AFTER UPDATE ON qpv
  REFERENCING OLD TABLE AS previous_qpv NEW TABLE AS changed_qpv FOR EACH STATEMENT EXECUTE FUNCTION qpv_contours_sync();

-- QPVs loaded before this migration.
SELECT qpv_contours_derive(ARRAY(SELECT code FROM qpv));

-- Smallest distance between two boxes (0 when they meet): a lower bound of the distance between what they hold.
-- Not STRICT, so that it is inlined (greatest is not strict).
CREATE FUNCTION geo_box_gap(a box, b box) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$
    SELECT sqrt(greatest(0, (b[1])[0] - (a[0])[0], (a[1])[0] - (b[0])[0]) ^ 2 + greatest(0, (b[1])[1] - (a[0])[1], (a[1])[1] - (b[0])[1]) ^ 2)
  $fn$;

-- Organisations and events within a radius: earth_box(...) @> ll_to_earth(latitude, longitude) uses these.
CREATE INDEX organization_location_earth_idx ON organization USING gist (ll_to_earth(latitude, longitude));
CREATE INDEX participation_event_location_earth_idx ON participation_event USING gist (ll_to_earth(latitude, longitude));
`;

const DOWN = `
DROP INDEX participation_event_location_earth_idx;
DROP INDEX organization_location_earth_idx;
DROP FUNCTION geo_box_gap(box, box);
DROP TRIGGER qpv_contours_update ON qpv;
DROP TRIGGER qpv_contours_insert ON qpv;
DROP FUNCTION qpv_contours_sync();
DROP FUNCTION qpv_contours_derive(text[]);
DROP TABLE qpv_contour_run;
DROP TABLE qpv_part;
DROP FUNCTION geo_printed_ring(jsonb);
DROP FUNCTION geo_plane(double precision, double precision);
DROP FUNCTION geo_plane_y(double precision);
DROP FUNCTION geo_plane_x(double precision);
`;
