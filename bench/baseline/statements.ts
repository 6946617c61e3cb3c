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
 * The dashboard as Maillage answers it: every figure from the aggregates the writes keep (docs/aggregates.md;
 * `associations` selects rows of `agg_association a0`, `projectScope` the scope and code of `agg_project`,
 * `events` rows of `agg_event ae`).
 */
function dashboard(kind: string, associations: string, projectScope: string, events: string): string {
  const measure = (m: string) => `coalesce(sum(ap.n) FILTER (WHERE ap.measure = '${m}'), 0)`;
  return `
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
     (SELECT coalesce(sum(ae.events), 0)::int AS events, coalesce(sum(ae.counted), 0)::int AS counted, coalesce(sum(ae.residents), 0)::bigint AS residents
      FROM agg_event ae WHERE ${events}) e`;
}

const DEPARTMENT_DASHBOARD = dashboard("DEPARTMENT",
  `a0.scope = 'COMMUNE' AND a0.code IN (SELECT insee_code FROM commune WHERE department_code = $1)`,
  `ap.scope = 'DEPARTMENT' AND ap.code = $1`,
  `ae.scope = 'COMMUNE' AND ae.code IN (SELECT insee_code FROM commune WHERE department_code = $1)`);

const NETWORK_DASHBOARD = dashboard("NETWORK",
  `a0.scope = 'NETWORK' AND a0.code = ($1::int)::text`,
  `ap.scope = 'NETWORK' AND ap.code = ($1::int)::text`,
  `ae.scope = 'NETWORK' AND ae.code = ($1::int)::text`);

/** Search words as Maillage splits them (letters and digits, 2 letters or more, at most 6; the few stop words of the generated texts dropped). */
export function searchWords(text: string): string[] {
  const stop = new Set(["de", "du", "des", "la", "le", "les", "et", "a", "au", "aux", "en", "d", "l", "pour"]);
  return [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 && !stop.has(w.toLowerCase())))].slice(0, 6);
}

/** Maillage's search bounds (server/config.ts defaults): matches counted, and ranked, per kind. */
const SEARCH_COUNTED = 1000;
const SEARCH_RANKED = 200;

/**
 * Search among associations, in the shape of Maillage's statement (server/queries/search/search-statement.ts):
 * each word stands for its lexeme (`maillage_fr`), the words it begins when it is the last one or unknown,
 * and, when unknown (`search_word`), its 16 nearest corpus words by trigram; matches are visited through the
 * full-text and commune indexes, names first, at most SEARCH_COUNTED + 1 (the total, exact up to that); the
 * best SEARCH_RANKED of them by identifier, tier, name length, prior are scored: half the mean of each word's
 * best weighted closeness (name 1, short name 0.9, commune 0.6, purpose 0.5) + half the best weighted trigram
 * similarity of the text with the name or short name, nudged by the popularity prior; ties by prior, name, id.
 * $1 the text, $2 its code-like form or null, $3.. the words.
 */
function searchStatement(wordCount: number): string {
  const words = Array.from({ length: wordCount }, (_, i) => i);
  const nq = (i: number) => `(SELECT nq FROM query WHERE i = ${i})`;
  const q = (i: number) => `(SELECT q FROM query WHERE i = ${i})`;
  const close = (i: number, document: string) => `coalesce((SELECT max(t.closeness) FROM term t WHERE t.i = ${i} AND ${document} @@ t.q), 0)`;
  const rawPrior = `least(1, ln(1 + coalesce(o.members, 0) + coalesce(o.volunteers, 0) + 10 * coalesce(o.staff_etp, 0) + 20 * o.current_networks) / 10)::float8`;
  const prior = `round(${rawPrior}::numeric, 4)`;
  const code = `coalesce(o.rna = $2 OR o.siren = $2 OR o.siret = $2, false)`;
  const named = `(${words.map((i) => `o.search_vector @@ ${nq(i)}`).join(" AND ")} OR ${code})`;
  const inCommunes = (of: number[]) => `o.commune_insee_code = ANY(ARRAY(SELECT insee_code FROM commune_match WHERE ${of.map((i) => `m${i} > 0`).join(" AND ")}))`;
  // Every word in the document or in the commune's name: up to 3 words, one route per split, so that each reads by index only full matches.
  const matches = wordCount > 3
    ? words.map((i) => `(o.search_vector @@ ${q(i)} OR ${inCommunes([i])})`).join(" AND ")
    : `(${Array.from({ length: 1 << wordCount }, (_, split) => {
      const commune = words.filter((i) => split & (1 << i));
      return `(${[...words.filter((i) => !(split & (1 << i))).map((i) => `o.search_vector @@ ${q(i)}`), ...(commune.length ? [inCommunes(commune)] : [])].join(" AND ")})`;
    }).join(" OR ")})`;
  const visit = (tier: number, where: string) => `(SELECT o.id, ${code} AS code, ${tier} AS tier, length(o.name_sort) AS len, ${prior} AS prior, o.name_sort
      FROM organization o WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL AND ${where} LIMIT ${SEARCH_COUNTED + 1})`;
  const best = (i: number) => `greatest(s.n${i}, 0.9 * s.s${i}, 0.6 * s.c${i}, 0.5 * s.p${i})`;
  const relevance = `(0.5 * (${words.map(best).join(" + ")}) / ${wordCount} + 0.5 * greatest(s.phrase_name, 0.9 * s.phrase_short))`;
  return `
WITH term AS MATERIALIZED (
  SELECT x.i, e.q, e.closeness
  FROM unnest($3::text[]) WITH ORDINALITY AS w(word, n) CROSS JOIN LATERAL (SELECT (w.n - 1)::int AS i, w.n = ${wordCount} AS last) x
  CROSS JOIN LATERAL (SELECT coalesce((tsvector_to_array(to_tsvector('public.maillage_fr'::regconfig, w.word)))[1], search_fold(w.word)) AS lex) l
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM search_word sw WHERE sw.word = l.lex) AS known) k
  CROSS JOIN LATERAL (
    SELECT quote_literal(l.lex)::tsquery AS q, 1::float8 AS closeness
    UNION ALL SELECT (quote_literal(l.lex) || ':*')::tsquery, 0.9 WHERE x.last OR NOT k.known
    UNION ALL (SELECT quote_literal(sw.word)::tsquery, round((similarity(sw.word, l.lex) * 0.9)::numeric, 4)::float8
      FROM search_word sw WHERE NOT k.known AND sw.word % l.lex ORDER BY sw.word <-> l.lex, sw.word LIMIT 16)) e
), query AS MATERIALIZED (
  SELECT i, string_agg(q::text, ' | ')::tsquery AS q,
    string_agg(q::text || CASE WHEN q::text LIKE '%:*' THEN 'AB' ELSE ':AB' END, ' | ')::tsquery AS nq FROM term GROUP BY i
), commune_match AS MATERIALIZED (
  SELECT c.insee_code, ${words.map((i) => `${close(i, "c.search_vector")} AS m${i}`).join(", ")}
  FROM commune c WHERE ${words.map((i) => `c.search_vector @@ ${q(i)}`).join(" OR ")}
), visit AS MATERIALIZED (
  SELECT * FROM (${visit(0, named)} UNION ALL ${visit(1, `(${matches} OR ${code}) AND NOT ${named}`)}) u LIMIT ${SEARCH_COUNTED + 1}
), scored AS (
  SELECT o.id, o.name, o.name_sort, r.prior, r.code, ${rawPrior} AS raw_prior, s.*
  FROM (SELECT * FROM visit ORDER BY code DESC, tier, len, prior DESC, name_sort COLLATE "C", (id::text) COLLATE "C" LIMIT ${SEARCH_RANKED}) r
  JOIN organization o ON o.id = r.id
  CROSS JOIN LATERAL (SELECT coalesce(similarity(search_fold($1::text), o.name_sort)::float8, 0) AS phrase_name,
      coalesce(similarity(search_fold($1::text), search_fold(o.short_name))::float8, 0) AS phrase_short,
      ${words.map((i) => `${close(i, "ts_filter(o.search_vector, '{a}')")} AS n${i}, ${close(i, "ts_filter(o.search_vector, '{b}')")} AS s${i},
      coalesce((SELECT ${close(i, "c.search_vector")} FROM commune c WHERE c.insee_code = o.commune_insee_code), 0) AS c${i},
      ${close(i, "ts_filter(o.search_vector, '{c}')")} AS p${i}`).join(",\n      ")} OFFSET 0) s
), hit AS (
  SELECT h.id, h.name, h.name_sort, h.prior,
    round((CASE WHEN h.code THEN 1 ELSE ${relevance.replace(/s\./g, "h.")} + (1 - ${relevance.replace(/s\./g, "h.")}) * 0.05 * h.raw_prior END)::numeric, 4) AS score
  FROM scored h
)
SELECT json_build_object('search', json_build_object(
  'totalCount', (SELECT least(count(*), ${SEARCH_COUNTED}) FROM visit),
  'edges', coalesce((SELECT json_agg(json_build_object('score', h.score, 'node', json_build_object('id', ${gid("'Association'", "h.id")}, 'name', h.name))
                              ORDER BY h.score DESC, h.prior DESC, h.name_sort COLLATE "C", (h.id::text) COLLATE "C")
                     FROM (SELECT * FROM hit ORDER BY score DESC, prior DESC, name_sort COLLATE "C", (id::text) COLLATE "C" LIMIT 20) h), '[]')))::text AS json`;
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
    const text = String(v.text).trim();
    const words = searchWords(text);
    // An identifier (RNA, SIREN, SIRET) given as the text, as Maillage recognises it.
    const compact = text.replace(/[\s.]+/g, "").toUpperCase();
    const code = /^[0-9A-Z]{5,14}$/.test(compact) && /[0-9]/.test(compact) ? compact : null;
    return { sql: searchStatement(words.length), params: [text, code, words] };
  },
  wideProjects: () => ({ sql: WIDE_PROJECTS, params: [] }),
  wideAssociations: (v) => ({ sql: WIDE_ASSOCIATIONS, params: [v.department] }),
  qpvAssociationsProjects: (v) => ({ sql: QPV_ASSOCIATIONS_PROJECTS, params: [v.qpv] }),
};
