import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Participation events in the dashboard aggregates (issues 17 and 19): the events figure was the last one a
 * network's dashboard counted from the rows (every member's events, found through its members) and a
 * territory's from every event of its communes. docs/aggregates.md explains the design.
 *
 * - `agg_event_scope (event_id, scope, code)`: one row per (public event, scope) pair, a set: its QPV, its
 *   commune (an EPCI, a département or a région is the sum over its communes: an event has one commune), each
 *   organiser as a network head and each network an organiser is a current, non-archived member of (once
 *   however many organisers are). `agg_event_state` is what its pairs were counted with (its residents count).
 * - `agg_event (scope, code, events, counted, residents)`: the sum over the pairs. `agg_event_refresh(id)` locks
 *   the event's row, takes its stored pairs out and puts the current ones in, as `agg_project_refresh` does.
 *
 * Refreshed by: the event's counted columns, its organisers, a membership of an organiser, an organiser archived
 * or restored. `agg_rebuild()` and the view `agg_differences` now cover them too.
 */
export class EventAggregates1733100000300 implements MigrationInterface {
  name = "EventAggregates1733100000300";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
    await queryRunner.query(`SELECT agg_event_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}

/** The triggers keeping the event aggregates, by table (with the first migration's: bench/data/generate.ts turns them off for a bulk load). */
export const EVENT_AGGREGATE_TRIGGERS: [string, string][] = [
  ["participation_event", "agg_event_delete"], ["participation_event", "agg_event_change"], ["event_organizer", "agg_event_organizer_insert"],
  ["event_organizer", "agg_event_organizer_update"], ["event_organizer", "agg_event_organizer_delete"],
  ["membership", "agg_membership_events"], ["organization", "agg_organization_events"],
];

/** The pairs, set-based: every public event's (the rebuild, the recount), or one event's (`agg_event_pairs(id)`, same rule). */
const PAIRS = (where: string) => `
  WITH ev AS (SELECT id, qpv_code, commune_insee_code FROM participation_event WHERE archived_at IS NULL AND NOT draft ${where}),
  organizers AS (SELECT eo.event_id, eo.organization_id FROM event_organizer eo JOIN ev ON ev.id = eo.event_id)
  SELECT id AS event_id, 'QPV'::text AS scope, qpv_code AS code FROM ev WHERE qpv_code IS NOT NULL
  UNION SELECT id, 'COMMUNE', commune_insee_code FROM ev
  UNION SELECT event_id, 'NETWORK', organization_id::text FROM organizers
  UNION SELECT o.event_id, 'NETWORK', m.network_id::text FROM organizers o JOIN membership m ON m.member_id = o.organization_id
    JOIN organization mo ON mo.id = o.organization_id
    WHERE m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed AND mo.archived_at IS NULL`;

/** The first migration's differences (associations and projects). */
const DIFFERENCES = `SELECT 'association' AS aggregate, coalesce(k.scope, r.scope) AS scope, coalesce(k.code, r.code) AS code,
         coalesce(k.employer_size, r.employer_size) || CASE WHEN coalesce(k.federated, r.federated) THEN ':federated' ELSE '' END AS measure,
         coalesce(k.n, 0)::bigint AS kept, coalesce(r.n, 0)::bigint AS recounted
  FROM agg_association k FULL JOIN agg_association_recount r
    ON r.scope = k.scope AND r.code = k.code AND r.employer_size = k.employer_size AND r.federated = k.federated
  WHERE coalesce(k.n, 0) <> coalesce(r.n, 0)
  UNION ALL
  SELECT 'project', coalesce(k.scope, r.scope), coalesce(k.code, r.code), coalesce(k.measure, r.measure), coalesce(k.n, 0), coalesce(r.n, 0)
  FROM agg_project k FULL JOIN agg_project_recount r ON r.scope = k.scope AND r.code = k.code AND r.measure = k.measure
  WHERE coalesce(k.n, 0) <> coalesce(r.n, 0)`;

const UP = `
CREATE TABLE agg_event_state (
  event_id integer PRIMARY KEY,
  residents integer
);

CREATE TABLE agg_event_scope (
  event_id integer NOT NULL,
  scope text NOT NULL CHECK (scope IN ('QPV', 'COMMUNE', 'NETWORK')),
  code text NOT NULL,
  PRIMARY KEY (event_id, scope, code)
);

CREATE TABLE agg_event (
  scope text NOT NULL,
  code text NOT NULL,
  events bigint NOT NULL,
  counted bigint NOT NULL,
  residents bigint NOT NULL,
  PRIMARY KEY (scope, code)
);

-- The pairs an event counts in now (none when it is not public), as the dashboard's scopes list its events.
CREATE FUNCTION agg_event_pairs(e integer) RETURNS TABLE (scope text, code text) LANGUAGE sql STABLE AS $$
  SELECT scope, code FROM (${PAIRS("AND id = e")}) pairs
$$;

-- Takes an event's stored pairs out of the counters and puts its current ones in (rows in key order), then stores them.
-- The event's row is locked first: two refreshes of one event follow each other.
CREATE FUNCTION agg_event_refresh(e integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM participation_event WHERE id = e FOR UPDATE;
  WITH delta AS (
    SELECT sp.scope, sp.code, -1 AS events, -(st.residents IS NOT NULL)::int AS counted, -coalesce(st.residents, 0)::bigint AS residents
    FROM agg_event_scope sp JOIN agg_event_state st ON st.event_id = sp.event_id WHERE sp.event_id = e
    UNION ALL
    SELECT np.scope, np.code, 1, (ev.residents_count IS NOT NULL)::int, coalesce(ev.residents_count, 0)::bigint
    FROM participation_event ev CROSS JOIN agg_event_pairs(e) np WHERE ev.id = e
  )
  INSERT INTO agg_event AS a (scope, code, events, counted, residents)
  SELECT scope, code, sum(events), sum(counted), sum(residents) FROM delta
  GROUP BY scope, code HAVING sum(events) <> 0 OR sum(counted) <> 0 OR sum(residents) <> 0
  ORDER BY scope, code
  ON CONFLICT (scope, code) DO UPDATE SET events = a.events + excluded.events, counted = a.counted + excluded.counted,
    residents = a.residents + excluded.residents;
  DELETE FROM agg_event_scope WHERE event_id = e;
  DELETE FROM agg_event_state WHERE event_id = e;
  INSERT INTO agg_event_state SELECT id, residents_count FROM participation_event WHERE id = e AND archived_at IS NULL AND NOT draft;
  INSERT INTO agg_event_scope SELECT e, pair.scope, pair.code FROM agg_event_pairs(e) pair;
END $$;

CREATE FUNCTION agg_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Before the delete: take the stored pairs out (the cascaded organiser deletes then refresh an event that is gone: no-op).
    PERFORM 1 FROM participation_event WHERE id = OLD.id FOR UPDATE;
    INSERT INTO agg_event AS a (scope, code, events, counted, residents)
    SELECT sp.scope, sp.code, -1, -(st.residents IS NOT NULL)::int, -coalesce(st.residents, 0)
    FROM agg_event_scope sp JOIN agg_event_state st ON st.event_id = sp.event_id WHERE sp.event_id = OLD.id
    ORDER BY 1, 2
    ON CONFLICT (scope, code) DO UPDATE SET events = a.events + excluded.events, counted = a.counted + excluded.counted,
      residents = a.residents + excluded.residents;
    DELETE FROM agg_event_scope WHERE event_id = OLD.id;
    DELETE FROM agg_event_state WHERE event_id = OLD.id;
    RETURN OLD;
  END IF;
  PERFORM agg_event_refresh(NEW.id);
  RETURN NULL;
END $$;

-- Organisers, per statement: each event whose organisers changed is refreshed once, in key order (a write replaces an
-- event's organisers with one DELETE and one INSERT).
CREATE FUNCTION agg_event_organizer_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM agg_event_refresh(e.event_id) FROM (SELECT DISTINCT event_id FROM new_rows ORDER BY 1) e;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM agg_event_refresh(e.event_id) FROM (SELECT DISTINCT event_id FROM old_rows ORDER BY 1) e;
  ELSE
    PERFORM agg_event_refresh(e.event_id) FROM (SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows ORDER BY 1) e;
  END IF;
  RETURN NULL;
END $$;

-- A membership that becomes or stops being current moves the member's events in or out of the network. FOR UPDATE on
-- the member waits for transactions adding it as an organiser (their foreign-key check holds a key-share lock).
CREATE FUNCTION agg_membership_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_current boolean := TG_OP <> 'INSERT' AND OLD.left_on IS NULL AND OLD.archived_at IS NULL AND OLD.confirmed;
  is_current boolean := TG_OP <> 'DELETE' AND NEW.left_on IS NULL AND NEW.archived_at IS NULL AND NEW.confirmed;
BEGIN
  IF was_current = is_current AND (NOT is_current OR (OLD.member_id = NEW.member_id AND OLD.network_id = NEW.network_id)) THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM organization WHERE id IN (OLD.member_id, NEW.member_id) ORDER BY id FOR UPDATE;
  PERFORM agg_event_refresh(eo.event_id) FROM (
    SELECT DISTINCT event_id FROM event_organizer
    WHERE (was_current AND organization_id = OLD.member_id) OR (is_current AND organization_id = NEW.member_id) ORDER BY 1) eo;
  RETURN NULL;
END $$;

-- An organisation archived or restored: it stops or starts counting as a member for its networks' events.
CREATE FUNCTION agg_organization_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM organization WHERE id = NEW.id FOR UPDATE;
  PERFORM agg_event_refresh(eo.event_id) FROM (SELECT event_id FROM event_organizer WHERE organization_id = NEW.id ORDER BY 1) eo;
  RETURN NULL;
END $$;

CREATE TRIGGER agg_event_delete BEFORE DELETE ON participation_event FOR EACH ROW EXECUTE FUNCTION agg_event_change();
CREATE TRIGGER agg_event_change AFTER INSERT OR UPDATE OF archived_at, draft, residents_count, commune_insee_code, qpv_code ON participation_event
  FOR EACH ROW EXECUTE FUNCTION agg_event_change();
CREATE TRIGGER agg_event_organizer_insert AFTER INSERT ON event_organizer REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_event_organizer_rows();
CREATE TRIGGER agg_event_organizer_update AFTER UPDATE ON event_organizer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_event_organizer_rows();
CREATE TRIGGER agg_event_organizer_delete AFTER DELETE ON event_organizer REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_event_organizer_rows();
CREATE TRIGGER agg_membership_events AFTER INSERT OR UPDATE OR DELETE ON membership FOR EACH ROW EXECUTE FUNCTION agg_membership_events();
CREATE TRIGGER agg_organization_events AFTER UPDATE OF archived_at ON organization
  FOR EACH ROW WHEN ((OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)) EXECUTE FUNCTION agg_organization_events();

CREATE VIEW agg_event_recount AS
  SELECT pair.scope, pair.code, count(*) AS events, count(ev.residents_count) AS counted, coalesce(sum(ev.residents_count), 0) AS residents
  FROM (${PAIRS("")}) pair JOIN participation_event ev ON ev.id = pair.event_id
  GROUP BY 1, 2;

-- Rewrites the event aggregates from the rows, set-based (agg_rebuild() calls it).
CREATE FUNCTION agg_event_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE agg_event, agg_event_scope, agg_event_state IN EXCLUSIVE MODE;
  DELETE FROM agg_event_scope;
  DELETE FROM agg_event_state;
  DELETE FROM agg_event;
  INSERT INTO agg_event_state SELECT id, residents_count FROM participation_event WHERE archived_at IS NULL AND NOT draft;
  INSERT INTO agg_event_scope SELECT event_id, scope, code FROM (${PAIRS("")}) pairs;
  INSERT INTO agg_event SELECT scope, code, events, counted, residents FROM agg_event_recount;
  ANALYZE agg_event, agg_event_scope, agg_event_state;
END $$;

CREATE OR REPLACE FUNCTION agg_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ${REBUILD_BODY("PERFORM agg_event_rebuild();")}
END $$;

CREATE OR REPLACE VIEW agg_differences AS
  ${DIFFERENCES}
  UNION ALL
  SELECT 'event', coalesce(k.scope, r.scope), coalesce(k.code, r.code), x.measure, x.kept, x.recounted
  FROM agg_event k FULL JOIN agg_event_recount r ON r.scope = k.scope AND r.code = k.code,
  LATERAL (VALUES ('events', coalesce(k.events, 0), coalesce(r.events, 0)), ('counted', coalesce(k.counted, 0), coalesce(r.counted, 0)),
                  ('residents', coalesce(k.residents, 0), coalesce(r.residents, 0))) x(measure, kept, recounted)
  WHERE x.kept <> x.recounted;
`;

/** The first migration's rebuild (projects and associations), with `more` at its end. */
function REBUILD_BODY(more: string): string {
  return `LOCK TABLE agg_association, agg_project, agg_project_scope, agg_project_state IN EXCLUSIVE MODE;
  DELETE FROM agg_association;
  INSERT INTO agg_association SELECT * FROM agg_association_recount;
  DELETE FROM agg_project_scope;
  DELETE FROM agg_project_state;
  DELETE FROM agg_project;
  INSERT INTO agg_project_state
    SELECT pr.id, m.measures, m.vals FROM project pr,
    LATERAL (SELECT array_agg(measure) AS measures, array_agg(v) AS vals FROM agg_project_measures(pr.id)) m
    WHERE pr.archived_at IS NULL AND NOT pr.draft;
  INSERT INTO agg_project_scope SELECT s.project_id, pair.scope, pair.code FROM agg_project_state s CROSS JOIN LATERAL agg_project_pairs(s.project_id) pair;
  INSERT INTO agg_project
    SELECT ps.scope, ps.code, m.measure, sum(m.v) FROM agg_project_scope ps JOIN agg_project_state s ON s.project_id = ps.project_id
    CROSS JOIN LATERAL unnest(s.measures, s.vals) AS m(measure, v) GROUP BY 1, 2, 3;
  -- Statistics for the readers' plans (a département reads its communes' counters by index, not every commune's).
  ANALYZE agg_association, agg_project, agg_project_scope, agg_project_state;
  ${more}`;
}

const DOWN = `
CREATE OR REPLACE VIEW agg_differences AS
  ${DIFFERENCES};
CREATE OR REPLACE FUNCTION agg_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ${REBUILD_BODY("")}
END $$;
DROP FUNCTION agg_event_rebuild();
DROP VIEW agg_event_recount;
DROP TRIGGER agg_organization_events ON organization;
DROP TRIGGER agg_membership_events ON membership;
DROP TRIGGER agg_event_organizer_delete ON event_organizer;
DROP TRIGGER agg_event_organizer_update ON event_organizer;
DROP TRIGGER agg_event_organizer_insert ON event_organizer;
DROP TRIGGER agg_event_change ON participation_event;
DROP TRIGGER agg_event_delete ON participation_event;
DROP FUNCTION agg_organization_events();
DROP FUNCTION agg_membership_events();
DROP FUNCTION agg_event_organizer_rows();
DROP FUNCTION agg_event_change();
DROP FUNCTION agg_event_refresh(integer);
DROP FUNCTION agg_event_pairs(integer);
DROP TABLE agg_event;
DROP TABLE agg_event_scope;
DROP TABLE agg_event_state;
`;
