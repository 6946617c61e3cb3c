import { ReadSession } from "../../database/sql-session";
import { STATED_PRESENCE } from "../qpv-presence";

/** Who suggestions are for: an organisation looking for partners, or a project looking for participants. */
export type SuggestionSubject = { kind: "organization"; id: number } | { kind: "project"; id: number };

/** A suggested organisation, with what brought it up. */
export interface SuggestionRow {
  organizationId: number;
  score: number;
  sameQpvs: string[];
  nearbyQpvs: { qpvCode: string; distanceMeters: number }[];
  sharedThemes: string[];
  complementaryThemes: string[];
}

/** Where the subject works, what it is about, and who it already works with. */
const SUBJECT = {
  organization: {
    qpvs: `SELECT qpv_code FROM organization_qpv WHERE organization_id = $1 AND ${STATED_PRESENCE}`,
    themes: "SELECT theme_code FROM organization_theme WHERE organization_id = $1",
    excluded: "SELECT $1::int UNION SELECT partner_id FROM cooperation_link WHERE organization_id = $1",
  },
  project: {
    qpvs: "SELECT qpv_code FROM project_qpv WHERE project_id = $1",
    themes: "SELECT theme_code FROM project_theme WHERE project_id = $1",
    excluded: "SELECT organization_id FROM project_participant WHERE project_id = $1",
  },
};

/**
 * Organisations active in the subject's QPVs or in QPVs nearby (centres within `radiusMeters`), with
 * themes that match the subject's or complement them, and no link with it yet. Complementary themes
 * are learnt from the data: two different themes complement each other when organisations carrying
 * them already take part in a project together. Score: 3 per shared QPV, up to 1.5 for the nearest
 * nearby QPV when none is shared, 2 per shared theme, 1 per complementary theme. One statement.
 */
export async function partnerSuggestions(db: ReadSession, subject: SuggestionSubject, radiusMeters: number, first: number): Promise<SuggestionRow[]> {
  const s = SUBJECT[subject.kind];
  const rows: {
    organization_id: number; score: string; same_qpvs: string[]; nearby_codes: string[]; nearby_distances: number[];
    shared_themes: string[]; complementary_themes: string[];
  }[] = await db.sql.query(
    `WITH subject_qpv AS (${s.qpvs}),
     subject_theme AS (${s.themes}),
     excluded AS (${s.excluded}),
     nearby_qpv AS (
       SELECT q2.code AS qpv_code,
              min(earth_distance(ll_to_earth(q1.latitude, q1.longitude), ll_to_earth(q2.latitude, q2.longitude))) AS distance
       FROM qpv q1
       JOIN qpv q2 ON q2.code NOT IN (SELECT qpv_code FROM subject_qpv)
        AND earth_box(ll_to_earth(q1.latitude, q1.longitude), $2) @> ll_to_earth(q2.latitude, q2.longitude)
        AND earth_distance(ll_to_earth(q1.latitude, q1.longitude), ll_to_earth(q2.latitude, q2.longitude)) <= $2
       WHERE q1.code IN (SELECT qpv_code FROM subject_qpv)
       GROUP BY q2.code
     ),
     complementary AS (
       SELECT DISTINCT t2.theme_code AS theme_code
       FROM project_participant p1
       JOIN project_participant p2 ON p2.project_id = p1.project_id AND p2.organization_id <> p1.organization_id
       JOIN project cp ON cp.id = p1.project_id AND cp.archived_at IS NULL AND NOT cp.draft
       JOIN organization_theme t1 ON t1.organization_id = p1.organization_id
       JOIN organization_theme t2 ON t2.organization_id = p2.organization_id AND t2.theme_code <> t1.theme_code
       WHERE t1.theme_code IN (SELECT theme_code FROM subject_theme)
     ),
     candidate AS (
       SELECT o.id, o.name_sort,
         array(SELECT oq.qpv_code FROM organization_qpv oq
               WHERE oq.organization_id = o.id AND oq.${STATED_PRESENCE} AND oq.qpv_code IN (SELECT qpv_code FROM subject_qpv) ORDER BY 1) AS same_qpvs,
         array(SELECT n.qpv_code FROM organization_qpv oq JOIN nearby_qpv n ON n.qpv_code = oq.qpv_code
               WHERE oq.organization_id = o.id AND oq.${STATED_PRESENCE} ORDER BY n.distance, n.qpv_code) AS nearby_codes,
         array(SELECT round(n.distance)::int FROM organization_qpv oq JOIN nearby_qpv n ON n.qpv_code = oq.qpv_code
               WHERE oq.organization_id = o.id AND oq.${STATED_PRESENCE} ORDER BY n.distance, n.qpv_code) AS nearby_distances,
         array(SELECT ot.theme_code FROM organization_theme ot
               WHERE ot.organization_id = o.id AND ot.theme_code IN (SELECT theme_code FROM subject_theme) ORDER BY 1) AS shared_themes,
         array(SELECT ot.theme_code FROM organization_theme ot
               WHERE ot.organization_id = o.id AND ot.theme_code NOT IN (SELECT theme_code FROM subject_theme)
                 AND ot.theme_code IN (SELECT theme_code FROM complementary) ORDER BY 1) AS complementary_themes
       FROM organization o
       WHERE o.archived_at IS NULL AND o.id NOT IN (SELECT * FROM excluded)
         AND o.id IN (SELECT organization_id FROM organization_qpv
                      WHERE ${STATED_PRESENCE} AND qpv_code IN (SELECT qpv_code FROM subject_qpv UNION SELECT qpv_code FROM nearby_qpv))
     ),
     scored AS (
       SELECT c.*, round((3 * cardinality(c.same_qpvs)
         + CASE WHEN cardinality(c.same_qpvs) = 0 AND cardinality(c.nearby_distances) > 0
                THEN 1.5 * (1 - c.nearby_distances[1]::numeric / ($2::numeric + 1)) ELSE 0 END
         + 2 * cardinality(c.shared_themes) + cardinality(c.complementary_themes))::numeric, 2) AS score
       FROM candidate c
       WHERE cardinality(c.shared_themes) + cardinality(c.complementary_themes) > 0
     )
     SELECT id AS organization_id, score, same_qpvs, nearby_codes, nearby_distances, shared_themes, complementary_themes
     FROM scored ORDER BY score DESC, name_sort, id LIMIT $3`,
    [subject.id, radiusMeters, first],
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    score: Number(r.score),
    sameQpvs: r.same_qpvs,
    nearbyQpvs: r.nearby_codes.map((qpvCode, i) => ({ qpvCode, distanceMeters: r.nearby_distances[i] })),
    sharedThemes: r.shared_themes,
    complementaryThemes: r.complementary_themes,
  }));
}
