/**
 * The raw-SQL baseline (issue 7, item 3): for each read query of the mix, one hand-written statement
 * returning the JSON of Maillage's `data` (json_build_object / json_agg, subqueries per relation), same
 * rows, same order, on the same schema (federation read from `organization.current_networks`, as Maillage
 * does). Each takes the query's variables and returns one row with one text column `json`. The baseline
 * server sends them as named prepared statements (planned once per connection).
 */

/** A global id in SQL: base64url of "<Type>:<key>", without padding (schema/global-id.ts). */
const gid = (type: string, key: string) => `rtrim(translate(encode(convert_to(${type} || ':' || ${key}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;
const orgGid = (o: string) => gid(`CASE ${o}.kind WHEN 'ASSOCIATION' THEN 'Association' ELSE 'Partner' END`, `${o}.id`);
/** An instant as Maillage prints it: ISO 8601 in Europe/Paris time with its offset. */
const parisIso = (t: string) =>
  `to_char(${t} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') || '+' || to_char((${t} AT TIME ZONE 'Europe/Paris') - (${t} AT TIME ZONE 'UTC'), 'HH24:MI')`;

export interface BaselineStatement {
  sql: string;
  params: (variables: Record<string, unknown>) => unknown[];
}

const decodeKey = (id: unknown) => Number(Buffer.from(String(id), "base64url").toString("utf8").split(":")[1]);

const MOBILE_DETAIL = `
WITH link AS MATERIALIZED (SELECT cl.* FROM cooperation_link cl WHERE cl.organization_id = $1),
next_event AS MATERIALIZED (
  SELECT ev.id, ev.title, ev.kind, ev.starts_at, ev.qpv_code FROM participation_event ev JOIN event_organizer eo ON eo.event_id = ev.id AND eo.organization_id = $1
  WHERE ev.starts_at >= $2::timestamptz AND ev.archived_at IS NULL AND NOT ev.draft)
SELECT json_build_object('association', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object(
  'id', ${gid("'Association'", "o.id")}, 'name', o.name, 'shortName', o.short_name, 'employerSize', o.employer_size,
  'commune', (SELECT json_build_object('inseeCode', c.insee_code, 'name', c.name) FROM commune c WHERE c.insee_code = o.commune_insee_code),
  'cooperationLinks', json_build_object(
    'totalCount', (SELECT count(*) FROM link),
    'edges', coalesce((
      SELECT json_agg(json_build_object('node', json_build_object('weight', l.weight, 'kinds', l.kinds, 'lastActivityOn', l.last_activity_on,
               'partner', json_build_object('id', ${orgGid("p")}, 'name', p.name))) ORDER BY l.weight DESC, l.partner_id DESC)
      FROM (SELECT * FROM link ORDER BY weight DESC, partner_id DESC LIMIT 10) l
      JOIN organization p ON p.id = l.partner_id), '[]')),
  'events', json_build_object(
    'totalCount', (SELECT count(*) FROM next_event),
    'edges', coalesce((
      SELECT json_agg(json_build_object('node', json_build_object('id', ${gid("'ParticipationEvent'", "e.id")}, 'title', e.title, 'kind', e.kind,
               'startsAt', ${parisIso("e.starts_at")},
               'qpv', (SELECT json_build_object('code', q.code, 'name', q.name) FROM qpv q WHERE q.code = e.qpv_code))) ORDER BY e.starts_at, e.id)
      FROM (SELECT * FROM next_event ORDER BY starts_at, id LIMIT 5) e), '[]'))
) END)::text AS json
FROM (SELECT 1) one LEFT JOIN organization o ON o.id = $1 AND o.kind = 'ASSOCIATION' AND o.archived_at IS NULL`;

const OFFICER_CONDITION = `o.kind = 'ASSOCIATION' AND o.archived_at IS NULL
  AND o.id IN (SELECT organization_id FROM organization_qpv WHERE qpv_code = q.code AND presence IN ('BASED', 'ACTIVE'))
  AND o.id IN (SELECT organization_id FROM organization_theme WHERE theme_code IN (SELECT code FROM theme WHERE code = $2 OR parent_code = $2))`;

const OFFICER_LIST = `
SELECT json_build_object('qpv', (
  SELECT json_build_object('code', q.code, 'name', q.name, 'associations', json_build_object(
    'totalCount', (SELECT count(*) FROM organization o WHERE ${OFFICER_CONDITION}),
    'edges', coalesce((
      SELECT json_agg(json_build_object('node', json_build_object('id', ${gid("'Association'", "o.id")}, 'name', o.name, 'rna', o.rna,
               'employerSize', o.employer_size,
               'themes', (SELECT coalesce(json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.code), '[]')
                          FROM organization_theme ot JOIN theme t ON t.code = ot.theme_code WHERE ot.organization_id = o.id))) ORDER BY o.name_sort, o.id)
      FROM (SELECT o.* FROM organization o WHERE ${OFFICER_CONDITION} ORDER BY o.name_sort, o.id LIMIT 50) o), '[]')))
  FROM qpv q WHERE q.code = $1))::text AS json`;

/**
 * The dashboard as Maillage answers it: associations, projects and fundings from the aggregates the writes
 * keep (docs/aggregates.md; `associations` selects rows of `agg_association a0`, `projectScope` the scope
 * and code of `agg_project`), participation counted from the events (`events`: conditions on ev).
 */
function dashboard(kind: string, associations: string, projectScope: string, events: string, prelude = ""): string {
  const measure = (m: string) => `coalesce(sum(ap.n) FILTER (WHERE ap.measure = '${m}'), 0)`;
  return `${prelude}
SELECT json_build_object('dashboard', json_build_object(
  'scopeKind', '${kind}',
  'employerSizes', json_build_object('total', a.total, 'none', a.none, 'smallEmployer', a.small, 'employer', a.employer),
  'federation', json_build_object('federated', a.federated, 'nonFederated', a.total - a.federated, 'nonFederatedSmallEmployers', a.non_federated_small),
  'projects', json_build_object('total', p.total, 'residentsReached', p.residents, 'byStatus', json_build_array(
     json_build_object('status', 'PROPOSED', 'count', p.proposed), json_build_object('status', 'ACTIVE', 'count', p.active),
     json_build_object('status', 'COMPLETED', 'count', p.completed), json_build_object('status', 'ABANDONED', 'count', p.abandoned))),
  'participation', json_build_object('events', e.events, 'eventsWithResidentCount', e.counted, 'residents', e.residents),
  'funding', json_build_object('amountEur', p.cents::float8 / 100, 'count', p.fundings)))::text AS json
FROM (SELECT coalesce(sum(a0.n), 0)::int AS total,
             coalesce(sum(a0.n) FILTER (WHERE a0.employer_size = 'NONE'), 0)::int AS none,
             coalesce(sum(a0.n) FILTER (WHERE a0.employer_size = 'SMALL_EMPLOYER'), 0)::int AS small,
             coalesce(sum(a0.n) FILTER (WHERE a0.employer_size = 'EMPLOYER'), 0)::int AS employer,
             coalesce(sum(a0.n) FILTER (WHERE a0.federated), 0)::int AS federated,
             coalesce(sum(a0.n) FILTER (WHERE NOT a0.federated AND a0.employer_size = 'SMALL_EMPLOYER'), 0)::int AS non_federated_small
      FROM agg_association a0 WHERE ${associations}) a,
     (SELECT ${measure("total")}::int AS total, ${measure("residents")}::bigint AS residents,
             ${measure("status:PROPOSED")}::int AS proposed, ${measure("status:ACTIVE")}::int AS active,
             ${measure("status:COMPLETED")}::int AS completed, ${measure("status:ABANDONED")}::int AS abandoned,
             coalesce(sum(ap.n) FILTER (WHERE ap.measure LIKE 'funding\\_count:%'), 0)::int AS fundings,
             coalesce(sum(ap.n) FILTER (WHERE ap.measure LIKE 'funding\\_cents:%'), 0)::bigint AS cents
      FROM agg_project ap WHERE ${projectScope}) p,
     (SELECT count(*)::int AS events, count(ev.residents_count)::int AS counted, coalesce(sum(ev.residents_count), 0)::bigint AS residents
      FROM participation_event ev WHERE ev.archived_at IS NULL AND NOT ev.draft AND ${events}) e`;
}

const DEPARTMENT_DASHBOARD = dashboard("DEPARTMENT",
  `a0.scope = 'COMMUNE' AND a0.code IN (SELECT insee_code FROM commune WHERE department_code = $1)`,
  `ap.scope = 'DEPARTMENT' AND ap.code = $1`,
  `ev.commune_insee_code IN (SELECT insee_code FROM commune WHERE department_code = $1)`);

const NETWORK_DASHBOARD = dashboard("NETWORK",
  `a0.scope = 'NETWORK' AND a0.code = ($1::int)::text`,
  `ap.scope = 'NETWORK' AND ap.code = ($1::int)::text`,
  `ev.id IN (SELECT event_id FROM event_organizer WHERE organization_id IN (SELECT id FROM members))`,
  `WITH members AS MATERIALIZED (
     SELECT $1::int AS id
     UNION ALL
     SELECT mo.id FROM membership m CROSS JOIN LATERAL (SELECT x.id FROM organization x WHERE x.id = m.member_id AND x.archived_at IS NULL OFFSET 0) mo
     WHERE m.network_id = $1 AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed)`);

/** Search words as Maillage splits them (letters and digits; the few stop words of the generated texts dropped). */
export function searchWords(text: string): string[] {
  const stop = new Set(["de", "du", "des", "la", "le", "les", "et", "a", "au", "aux", "en", "d", "l", "pour"]);
  return [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !stop.has(w.toLowerCase())))];
}

/**
 * Search among associations: every word close to the name, short name or purpose (a stretch of it), or
 * to the name of the head office's commune; score = half the mean of each word's best weighted closeness
 * (name 1, short name 0.9, commune 0.6, purpose 0.5) + half the best weighted similarity of the whole text
 * with a name-like text (name, short name, commune), rounded to 4 decimals; ties by sort name and id.
 */
function searchStatement(wordCount: number): string {
  const words = Array.from({ length: wordCount }, (_, i) => `search_fold($${i + 2}::text)`);
  const phrase = "search_fold($1::text)";
  const communeClose = (w: string) => `(${w} <% search_fold(sc.name) OR ${w} % search_fold(sc.name))`;
  const candidate = (w: string, i: number) => `(${w} <% search_fold(o.name) OR ${w} <% search_fold(o.short_name) OR ${w} <% search_fold(o.purpose)
      OR o.id = ANY(ARRAY(SELECT r.id FROM matched_commune m JOIN organization r ON r.commune_insee_code = m.insee_code WHERE m.m${i})))`;
  const closeness = (w: string) => `greatest(coalesce(word_similarity(${w}, search_fold(o.name)), 0),
      0.9 * coalesce(word_similarity(${w}, search_fold(o.short_name)), 0),
      0.6 * greatest(coalesce(word_similarity(${w}, search_fold(c.name)), 0), coalesce(similarity(${w}, search_fold(c.name)), 0)),
      0.5 * coalesce(word_similarity(${w}, search_fold(o.purpose)), 0))`;
  const found = (w: string) => `(coalesce(word_similarity(${w}, search_fold(o.name)), 0) >= 0.6 OR coalesce(word_similarity(${w}, search_fold(o.short_name)), 0) >= 0.6
      OR coalesce(word_similarity(${w}, search_fold(c.name)), 0) >= 0.6 OR coalesce(similarity(${w}, search_fold(c.name)), 0) >= 0.3
      OR coalesce(word_similarity(${w}, search_fold(o.purpose)), 0) >= 0.6)`;
  return `
WITH matched_commune AS MATERIALIZED (
  SELECT sc.insee_code, ${words.map((w, i) => `${communeClose(w)} AS m${i}`).join(", ")}
  FROM commune sc WHERE ${words.map(communeClose).join(" OR ")}
), hit AS (
  SELECT o.id, o.name, o.name_sort,
         round((0.5 * (${words.map(closeness).join(" + ")}) / ${wordCount}
               + 0.5 * greatest(coalesce(similarity(${phrase}, search_fold(o.name)), 0), 0.9 * coalesce(similarity(${phrase}, search_fold(o.short_name)), 0),
                                0.6 * coalesce(similarity(${phrase}, search_fold(c.name)), 0)))::numeric, 4) AS score
  FROM organization o CROSS JOIN LATERAL (SELECT cc.name FROM commune cc WHERE cc.insee_code = o.commune_insee_code) c
  WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL AND ${words.map(candidate).join(" AND ")}
    AND ${words.map(found).join(" AND ")}
)
SELECT json_build_object('search', json_build_object(
  'totalCount', (SELECT count(*) FROM hit),
  'edges', coalesce((SELECT json_agg(json_build_object('score', h.score, 'node', json_build_object('id', ${gid("'Association'", "h.id")}, 'name', h.name))
                              ORDER BY h.score DESC, h.name_sort, h.id::text COLLATE "C")
                     FROM (SELECT * FROM hit ORDER BY score DESC, name_sort, id::text COLLATE "C" LIMIT 20) h), '[]')))::text AS json`;
}

/** Participants of a project as the graph lists them: lead first, then partners, funders, supporters; ties by id. */
const ROLE_ORDER = "array_position(ARRAY['LEAD','PARTNER','FUNDER','SUPPORT'], pp.role), pp.id";

/** Anonymous readers see published projects that are not archived. */
const PUBLIC_PROJECT = "pr.archived_at IS NULL AND NOT pr.draft";

const WIDE_PROJECTS = `
SELECT json_build_object('projects', json_build_object('edges', coalesce((
  SELECT json_agg(json_build_object('node', json_build_object('id', ${gid("'CooperationProject'", "pr.id")}, 'title', pr.title,
           'participants', (SELECT coalesce(json_agg(json_build_object('role', pp.role,
                                'organization', json_build_object('id', ${orgGid("o")}, 'name', o.name)) ORDER BY ${ROLE_ORDER}), '[]')
                            FROM project_participant pp JOIN organization o ON o.id = pp.organization_id WHERE pp.project_id = pr.id)))
           ORDER BY pr.title_sort, pr.id)
  FROM (SELECT pr.* FROM project pr WHERE ${PUBLIC_PROJECT} ORDER BY pr.title_sort, pr.id LIMIT 50) pr), '[]')))::text AS json`;

const WIDE_ASSOCIATIONS = `
SELECT json_build_object('associations', json_build_object('edges', coalesce((
  SELECT json_agg(json_build_object('node', json_build_object('id', ${gid("'Association'", "o.id")}, 'name', o.name,
           'themes', (SELECT coalesce(json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.code), '[]')
                      FROM organization_theme ot JOIN theme t ON t.code = ot.theme_code WHERE ot.organization_id = o.id),
           'qpvs', (SELECT coalesce(json_agg(json_build_object('presence', oq.presence, 'qpv', json_build_object('code', q.code, 'name', q.name))
                                    ORDER BY CASE oq.presence WHEN 'BASED' THEN 0 WHEN 'ACTIVE' THEN 1 ELSE 2 END, oq.qpv_code), '[]')
                    FROM organization_qpv oq JOIN qpv q ON q.code = oq.qpv_code
                    WHERE oq.organization_id = o.id AND oq.presence IN ('BASED', 'ACTIVE')))) ORDER BY o.name_sort, o.id)
  FROM (SELECT o.* FROM organization o
        WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL AND o.commune_insee_code IN (SELECT insee_code FROM commune WHERE department_code = $1)
        ORDER BY o.name_sort, o.id LIMIT 100) o), '[]')))::text AS json`;

const IN_QPV = `o.kind = 'ASSOCIATION' AND o.archived_at IS NULL
  AND o.id IN (SELECT organization_id FROM organization_qpv WHERE qpv_code = q.code AND presence IN ('BASED', 'ACTIVE'))`;
const OF_ASSOCIATION = `${PUBLIC_PROJECT} AND pr.id IN (SELECT project_id FROM project_participant WHERE organization_id = a.id)`;

const QPV_ASSOCIATIONS_PROJECTS = `
SELECT json_build_object('qpv', (
  SELECT json_build_object('code', q.code, 'name', q.name, 'associations', json_build_object(
    'totalCount', (SELECT count(*) FROM organization o WHERE ${IN_QPV}),
    'edges', coalesce((
      SELECT json_agg(json_build_object('node', json_build_object('id', ${gid("'Association'", "a.id")}, 'name', a.name,
               'projects', json_build_object(
                 'totalCount', (SELECT count(*) FROM project pr WHERE ${OF_ASSOCIATION}),
                 'edges', coalesce((
                   SELECT json_agg(json_build_object('node', json_build_object('id', ${gid("'CooperationProject'", "p.id")}, 'title', p.title, 'status', p.status))
                                   ORDER BY p.title_sort, p.id)
                   FROM (SELECT pr.* FROM project pr WHERE ${OF_ASSOCIATION} ORDER BY pr.title_sort, pr.id LIMIT 10) p), '[]'))))
               ORDER BY a.name_sort, a.id)
      FROM (SELECT o.* FROM organization o WHERE ${IN_QPV} ORDER BY o.name_sort, o.id LIMIT 50) a), '[]')))
  FROM qpv q WHERE q.code = $1))::text AS json`;

export const STATEMENTS: Record<string, (variables: Record<string, unknown>) => { sql: string; params: unknown[] }> = {
  mobileDetail: (v) => ({ sql: MOBILE_DETAIL, params: [decodeKey(v.id), v.now] }),
  officerList: (v) => ({ sql: OFFICER_LIST, params: [v.qpv, v.theme] }),
  departmentDashboard: (v) => ({ sql: DEPARTMENT_DASHBOARD, params: [v.scope] }),
  networkDashboard: (v) => ({ sql: NETWORK_DASHBOARD, params: [decodeKey(v.scope)] }),
  search: (v) => {
    const words = searchWords(String(v.text));
    return { sql: searchStatement(words.length), params: [v.text, ...words] };
  },
  wideProjects: () => ({ sql: WIDE_PROJECTS, params: [] }),
  wideAssociations: (v) => ({ sql: WIDE_ASSOCIATIONS, params: [v.department] }),
  qpvAssociationsProjects: (v) => ({ sql: QPV_ASSOCIATIONS_PROJECTS, params: [v.qpv] }),
};
