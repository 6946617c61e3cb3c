import { MigrationInterface, QueryRunner } from "typeorm";
import { EVENT_AGGREGATE_TRIGGERS } from "./1733100000300-event-aggregates";

/**
 * Dashboard aggregates kept by the writes (issue 19), maintained by triggers so that every writer
 * (mutations, RNA import, archive/restore, memberships, demo seed, bulk loads that keep triggers on)
 * keeps them exact. docs/aggregates.md explains the design and why the counts are exact.
 *
 * - `agg_association (scope, code, employer_size, federated, n)`: public associations (kind ASSOCIATION,
 *   not archived) per head-office commune (COMMUNE), per QPV of a stated presence (QPV) and per network
 *   of a current membership (NETWORK; a current member is federated by definition, so `federated` is true
 *   there). A head office is one commune, so an EPCI, a département or a région is the sum over its
 *   communes. Kept with +1/-1 deltas: from the organisation's row (OLD/NEW) and from the link rows.
 * - `agg_project_scope (project_id, scope, code)`: one row per (public project, territory or network)
 *   pair, a set (primary key), so a project in two QPVs of one commune is one pair for the commune;
 *   `agg_project_state` is what the project's pairs were counted with (its measures: 1, status, stakes, residents,
 *   fundings per year).
 *   `agg_project (scope, code, measure, n)` is the sum over the pairs. `agg_project_refresh(id)` locks the
 *   project's row, takes its pairs and state out of the counters and puts the current ones in, in one
 *   statement whose counter rows are written in key order.
 */
export class DashboardAggregates1733100000100 implements MigrationInterface {
  name = "DashboardAggregates1733100000100";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
    await queryRunner.query(REBUILD_AGGREGATES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}

/** The triggers keeping the aggregates, by table. */
const AGGREGATE_TRIGGERS: [string, string][] = [
  ["organization", "agg_organization_delete"], ["organization", "agg_organization_insert"], ["organization", "agg_organization_update"],
  ["organization_qpv", "agg_organization_qpv_insert"], ["organization_qpv", "agg_organization_qpv_update"], ["organization_qpv", "agg_organization_qpv_delete"],
  ["membership", "agg_membership_change"], ["project", "agg_project_delete"], ["project", "agg_project_change"],
  ["project_qpv", "agg_project_qpv_change"], ["project_stake", "agg_project_stake_change"], ["project_participant", "agg_project_participant_change"],
  ["funding", "agg_funding_change"],
];

/**
 * Turns the aggregate triggers off or on, the events' (migration EventAggregates) included (a bulk load in one
 * transaction: off before it, on and `REBUILD_AGGREGATES` after it, so the aggregates are counted once instead of per row).
 */
export const aggregateTriggers = (on: boolean) =>
  [...AGGREGATE_TRIGGERS, ...EVENT_AGGREGATE_TRIGGERS].map(([table, trigger]) => `ALTER TABLE ${table} ${on ? "ENABLE" : "DISABLE"} TRIGGER ${trigger}`).join(";\n");

/** Recomputes every aggregate from the rows (the `rebuild:aggregates` command, and after bulk loads with triggers off). */
export const REBUILD_AGGREGATES = `SELECT agg_rebuild()`;

const UP = `
CREATE TABLE agg_association (
  scope text NOT NULL CHECK (scope IN ('COMMUNE', 'QPV', 'NETWORK')),
  code text NOT NULL,
  employer_size text NOT NULL,
  federated boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (scope, code, employer_size, federated)
);

CREATE TABLE agg_project_state (
  project_id integer PRIMARY KEY,
  measures text[] NOT NULL,
  vals bigint[] NOT NULL
);

CREATE TABLE agg_project_scope (
  project_id integer NOT NULL,
  scope text NOT NULL CHECK (scope IN ('QPV', 'COMMUNE', 'EPCI', 'DEPARTMENT', 'REGION', 'NETWORK')),
  code text NOT NULL,
  PRIMARY KEY (project_id, scope, code)
);

CREATE TABLE agg_project (
  scope text NOT NULL,
  code text NOT NULL,
  measure text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (scope, code, measure)
);

-- Adds delta to an association counter.
CREATE FUNCTION agg_association_add(p_scope text, p_code text, p_size text, p_federated boolean, delta integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO agg_association AS a (scope, code, employer_size, federated, n) VALUES (p_scope, p_code, p_size, p_federated, delta)
  ON CONFLICT (scope, code, employer_size, federated) DO UPDATE SET n = a.n + excluded.n
$$;

-- The counted attributes of an organisation, its row locked against a concurrent change of them (NULL: not counted).
CREATE FUNCTION agg_counted_association(org integer, OUT employer_size text, OUT federated boolean) RETURNS record
LANGUAGE plpgsql AS $$
BEGIN
  SELECT o.employer_size, o.current_networks > 0 INTO employer_size, federated
  FROM organization o WHERE o.id = org AND o.kind = 'ASSOCIATION' AND o.archived_at IS NULL FOR SHARE;
END $$;

-- Before a delete: take the association out while its links still exist (their cascaded deletes then find no row).
CREATE FUNCTION agg_organization_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.kind = 'ASSOCIATION' AND OLD.archived_at IS NULL THEN
    PERFORM agg_association_contribution(OLD.id, OLD.commune_insee_code, OLD.employer_size, OLD.current_networks > 0, -1, true, true, true);
  END IF;
  RETURN OLD;
END $$;

-- Adds (sign 1) or takes out (sign -1) an association's contribution to the parts asked for.
CREATE FUNCTION agg_association_contribution(org integer, commune text, size text, federated boolean, sign integer,
  commune_part boolean, qpv_part boolean, network_part boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF commune_part AND commune IS NOT NULL THEN
    PERFORM agg_association_add('COMMUNE', commune, size, federated, sign);
  END IF;
  IF qpv_part THEN
    FOR r IN SELECT qpv_code FROM organization_qpv WHERE organization_id = org AND presence IN ('BASED', 'ACTIVE') ORDER BY qpv_code LOOP
      PERFORM agg_association_add('QPV', r.qpv_code, size, federated, sign);
    END LOOP;
  END IF;
  IF network_part THEN
    FOR r IN SELECT network_id FROM membership m WHERE m.member_id = org AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed
             ORDER BY network_id LOOP
      PERFORM agg_association_add('NETWORK', r.network_id::text, size, true, sign);
    END LOOP;
  END IF;
END $$;

-- Organisations, per statement (a bulk import updates each counter row once per statement, not once per row:
-- a row updated many times in one transaction leaves a version chain every later update walks). The parts of an
-- association's contribution whose key changed (counted, commune, size, federated) move from the old key to the new.
CREATE FUNCTION agg_organization_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  toggled integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new organisation has no QPV presence nor membership yet (their rows reference it).
    INSERT INTO agg_association AS a (scope, code, employer_size, federated, n)
    SELECT 'COMMUNE', commune_insee_code, employer_size, current_networks > 0, count(*) FROM new_rows
    WHERE kind = 'ASSOCIATION' AND archived_at IS NULL AND commune_insee_code IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (scope, code, employer_size, federated) DO UPDATE SET n = a.n + excluded.n;
    RETURN NULL;
  END IF;
  WITH changed AS (
    SELECT n.id, o.kind = 'ASSOCIATION' AND o.archived_at IS NULL AS was, n.kind = 'ASSOCIATION' AND n.archived_at IS NULL AS is_now,
           o.commune_insee_code AS old_commune, n.commune_insee_code AS new_commune, o.employer_size AS old_size, n.employer_size AS new_size,
           o.current_networks > 0 AS old_fed, n.current_networks > 0 AS new_fed
    FROM old_rows o JOIN new_rows n ON n.id = o.id
  ),
  moving AS (
    SELECT *, was <> is_now OR (is_now AND (old_commune IS DISTINCT FROM new_commune OR old_size IS DISTINCT FROM new_size OR old_fed <> new_fed)) AS commune_moves,
           was <> is_now OR (is_now AND (old_size IS DISTINCT FROM new_size OR old_fed <> new_fed)) AS qpv_moves,
           was <> is_now OR (is_now AND old_size IS DISTINCT FROM new_size) AS network_moves
    FROM changed WHERE was OR is_now
  ),
  parts AS (
    SELECT 'COMMUNE' AS scope, old_commune AS code, old_size AS size, old_fed AS fed, -1 AS d FROM moving WHERE was AND commune_moves AND old_commune IS NOT NULL
    UNION ALL SELECT 'COMMUNE', new_commune, new_size, new_fed, 1 FROM moving WHERE is_now AND commune_moves AND new_commune IS NOT NULL
    UNION ALL SELECT 'QPV', q.qpv_code, m.old_size, m.old_fed, -1 FROM moving m JOIN organization_qpv q ON q.organization_id = m.id
      WHERE m.was AND m.qpv_moves AND q.presence IN ('BASED', 'ACTIVE')
    UNION ALL SELECT 'QPV', q.qpv_code, m.new_size, m.new_fed, 1 FROM moving m JOIN organization_qpv q ON q.organization_id = m.id
      WHERE m.is_now AND m.qpv_moves AND q.presence IN ('BASED', 'ACTIVE')
    UNION ALL SELECT 'NETWORK', ms.network_id::text, m.old_size, true, -1 FROM moving m JOIN membership ms ON ms.member_id = m.id
      WHERE m.was AND m.network_moves AND ms.left_on IS NULL AND ms.archived_at IS NULL AND ms.confirmed
    UNION ALL SELECT 'NETWORK', ms.network_id::text, m.new_size, true, 1 FROM moving m JOIN membership ms ON ms.member_id = m.id
      WHERE m.is_now AND m.network_moves AND ms.left_on IS NULL AND ms.archived_at IS NULL AND ms.confirmed
  )
  INSERT INTO agg_association AS a (scope, code, employer_size, federated, n)
  SELECT scope, code, size, fed, sum(d) FROM parts GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (scope, code, employer_size, federated) DO UPDATE SET n = a.n + excluded.n;
  -- Whether a member counts for its networks' projects depends on it being archived (found by grouping, not by a join
  -- the planner would run as a nested loop under EXISTS). FOR UPDATE waits for transactions adding these organisations to
  -- a project (their foreign-key check holds a key-share lock).
  SELECT array_agg(id) INTO toggled FROM (
    SELECT id FROM (SELECT id, archived_at IS NULL AS live FROM old_rows UNION SELECT id, archived_at IS NULL FROM new_rows) s
    GROUP BY id HAVING count(*) > 1) t;
  IF toggled IS NOT NULL THEN
    PERFORM 1 FROM organization WHERE id = ANY(toggled) ORDER BY id FOR UPDATE;
    PERFORM agg_project_refresh(pp.project_id) FROM (SELECT DISTINCT project_id FROM project_participant WHERE organization_id = ANY(toggled) ORDER BY 1) pp;
  END IF;
  RETURN NULL;
END $$;

-- QPV presences, per statement: the organisations' rows are locked (FOR SHARE) against a concurrent change of what
-- they are counted with, then the presences move in one upsert.
CREATE FUNCTION agg_organization_qpv_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs integer[];
  qpvs text[];
  signs integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(organization_id), array_agg(qpv_code), array_agg(1) INTO orgs, qpvs, signs FROM new_rows WHERE presence IN ('BASED', 'ACTIVE');
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(organization_id), array_agg(qpv_code), array_agg(-1) INTO orgs, qpvs, signs FROM old_rows WHERE presence IN ('BASED', 'ACTIVE');
  ELSE
    SELECT array_agg(organization_id), array_agg(qpv_code), array_agg(d) INTO orgs, qpvs, signs FROM (
      SELECT organization_id, qpv_code, -1 AS d FROM old_rows WHERE presence IN ('BASED', 'ACTIVE')
      UNION ALL SELECT organization_id, qpv_code, 1 FROM new_rows WHERE presence IN ('BASED', 'ACTIVE')) c;
  END IF;
  IF orgs IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM organization WHERE id = ANY(orgs) ORDER BY id FOR SHARE;
  INSERT INTO agg_association AS a (scope, code, employer_size, federated, n)
  SELECT 'QPV', c.qpv_code, o.employer_size, o.current_networks > 0, sum(c.d) FROM unnest(orgs, qpvs, signs) AS c(organization_id, qpv_code, d)
  JOIN organization o ON o.id = c.organization_id AND o.kind = 'ASSOCIATION' AND o.archived_at IS NULL
  GROUP BY 1, 2, 3, 4 HAVING sum(c.d) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (scope, code, employer_size, federated) DO UPDATE SET n = a.n + excluded.n;
  RETURN NULL;
END $$;

-- Memberships: the member's NETWORK counter, and the network pairs of the member's projects.
CREATE FUNCTION agg_membership_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_current boolean := TG_OP <> 'INSERT' AND OLD.left_on IS NULL AND OLD.archived_at IS NULL AND OLD.confirmed;
  is_current boolean := TG_OP <> 'DELETE' AND NEW.left_on IS NULL AND NEW.archived_at IS NULL AND NEW.confirmed;
  a record;
BEGIN
  IF was_current AND is_current AND OLD.member_id = NEW.member_id AND OLD.network_id = NEW.network_id THEN
    RETURN NULL;
  END IF;
  -- FOR UPDATE on the member waits for transactions adding it to a project (their foreign-key check holds a key-share
  -- lock), so the projects read below include theirs, or theirs see this membership.
  PERFORM 1 FROM organization WHERE id IN (OLD.member_id, NEW.member_id) ORDER BY id FOR UPDATE;
  IF was_current THEN
    a := agg_counted_association(OLD.member_id);
    IF a.employer_size IS NOT NULL THEN PERFORM agg_association_add('NETWORK', OLD.network_id::text, a.employer_size, true, -1); END IF;
    PERFORM agg_project_refresh(pp.project_id) FROM (SELECT DISTINCT project_id FROM project_participant WHERE organization_id = OLD.member_id ORDER BY 1) pp;
  END IF;
  IF is_current THEN
    a := agg_counted_association(NEW.member_id);
    IF a.employer_size IS NOT NULL THEN PERFORM agg_association_add('NETWORK', NEW.network_id::text, a.employer_size, true, 1); END IF;
    IF NOT (was_current AND OLD.member_id = NEW.member_id) THEN
      PERFORM agg_project_refresh(pp.project_id) FROM (SELECT DISTINCT project_id FROM project_participant WHERE organization_id = NEW.member_id ORDER BY 1) pp;
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- The measures a project adds to each of its pairs now (none when it is not public): 1, its status, its stakes, the
-- residents reached, and its fundings' count and amount (cents) per year.
CREATE FUNCTION agg_project_measures(p integer) RETURNS TABLE (measure text, v bigint) LANGUAGE sql STABLE AS $$
  WITH pr AS (SELECT * FROM project WHERE id = p AND archived_at IS NULL AND NOT draft)
  SELECT 'total', 1::bigint FROM pr
  UNION ALL SELECT 'status:' || status, 1 FROM pr
  UNION ALL SELECT 'stake:' || s.stake_number, 1 FROM pr JOIN project_stake s ON s.project_id = pr.id
  UNION ALL SELECT 'residents', coalesce(residents_reached, 0) FROM pr
  UNION ALL SELECT m.measure, m.v FROM pr JOIN funding f ON f.project_id = pr.id,
    LATERAL (VALUES ('funding_count:' || f.year, 1::bigint), ('funding_cents:' || f.year, (f.amount_eur * 100)::bigint)) m(measure, v)
$$;

-- The pairs a project counts in now (none when it is not public): its QPVs, their communes, EPCIs, départements
-- and régions (a set: counted once each), its participants as network heads, and the networks of which a
-- participant is a current member (not archived), as the dashboard's network scope lists them.
CREATE FUNCTION agg_project_pairs(p integer) RETURNS TABLE (scope text, code text) LANGUAGE sql STABLE AS $$
  WITH public_project AS (SELECT id FROM project WHERE id = p AND archived_at IS NULL AND NOT draft),
  qpvs AS (SELECT pq.qpv_code FROM project_qpv pq JOIN public_project pp ON pp.id = pq.project_id),
  communes AS (SELECT DISTINCT c.insee_code, c.epci_siren, c.department_code, d.region_code
    FROM qpvs JOIN qpv_commune qc ON qc.qpv_code = qpvs.qpv_code JOIN commune c ON c.insee_code = qc.commune_insee_code
    JOIN department d ON d.code = c.department_code),
  participants AS (SELECT DISTINCT pt.organization_id FROM project_participant pt JOIN public_project pp ON pp.id = pt.project_id)
  SELECT 'QPV', qpv_code FROM qpvs
  UNION SELECT 'COMMUNE', insee_code FROM communes
  UNION SELECT 'EPCI', epci_siren FROM communes WHERE epci_siren IS NOT NULL
  UNION SELECT 'DEPARTMENT', department_code FROM communes
  UNION SELECT 'REGION', region_code FROM communes
  UNION SELECT 'NETWORK', organization_id::text FROM participants
  UNION SELECT 'NETWORK', m.network_id::text FROM participants pt JOIN membership m ON m.member_id = pt.organization_id
    JOIN organization mo ON mo.id = pt.organization_id
    WHERE m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed AND mo.archived_at IS NULL
$$;

-- Takes a project's stored pairs and state out of the counters and puts its current ones in. The project's row is
-- locked first, so two refreshes of one project follow each other and the second (a new snapshot per statement)
-- sees what the first committed.
CREATE FUNCTION agg_project_refresh(p integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM project WHERE id = p FOR UPDATE;
  -- The counters: the stored pairs and measures out, the current ones in (one upsert, rows in key order).
  WITH delta AS (
    SELECT op.scope, op.code, m.measure, -m.v AS v
    FROM agg_project_scope op JOIN agg_project_state os ON os.project_id = op.project_id, unnest(os.measures, os.vals) AS m(measure, v)
    WHERE op.project_id = p
    UNION ALL
    SELECT np.scope, np.code, m.measure, m.v FROM agg_project_pairs(p) np, agg_project_measures(p) m
  )
  INSERT INTO agg_project AS a (scope, code, measure, n)
  SELECT scope, code, measure, sum(v) FROM delta
  GROUP BY scope, code, measure HAVING sum(v) <> 0
  ORDER BY scope, code, measure
  ON CONFLICT (scope, code, measure) DO UPDATE SET n = a.n + excluded.n;
  -- Then what they were counted with. Nobody changed the rows in between: changing them refreshes this project, which waits for the lock.
  DELETE FROM agg_project_scope WHERE project_id = p;
  DELETE FROM agg_project_state WHERE project_id = p;
  INSERT INTO agg_project_state SELECT p, array_agg(measure), array_agg(v) FROM agg_project_measures(p) HAVING count(*) > 0;
  INSERT INTO agg_project_scope SELECT p, pair.scope, pair.code FROM agg_project_pairs(p) pair WHERE EXISTS (SELECT 1 FROM agg_project_state WHERE project_id = p);
END $$;

CREATE FUNCTION agg_project_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Before the delete: the row and its links are still there; take them out as if archived.
    PERFORM 1 FROM project WHERE id = OLD.id FOR UPDATE;
    PERFORM agg_project_forget(OLD.id);
    RETURN OLD;
  END IF;
  PERFORM agg_project_refresh(NEW.id);
  RETURN NULL;
END $$;

-- Takes a project out of the counters entirely (it is being deleted).
CREATE FUNCTION agg_project_forget(p integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agg_project AS a (scope, code, measure, n)
  SELECT op.scope, op.code, m.measure, -sum(m.v)
  FROM agg_project_scope op JOIN agg_project_state os ON os.project_id = op.project_id, unnest(os.measures, os.vals) AS m(measure, v)
  WHERE op.project_id = p
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, code, measure) DO UPDATE SET n = a.n + excluded.n;
  DELETE FROM agg_project_scope WHERE project_id = p;
  DELETE FROM agg_project_state WHERE project_id = p;
END $$;

-- A link row of a project changed: refresh the project(s) it belongs to.
CREATE FUNCTION agg_project_link_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM agg_project_refresh(OLD.project_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.project_id <> OLD.project_id) THEN PERFORM agg_project_refresh(NEW.project_id); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER agg_organization_delete BEFORE DELETE ON organization FOR EACH ROW EXECUTE FUNCTION agg_organization_delete();
CREATE TRIGGER agg_organization_insert AFTER INSERT ON organization REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_organization_rows();
CREATE TRIGGER agg_organization_update AFTER UPDATE ON organization REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_organization_rows();
CREATE TRIGGER agg_organization_qpv_insert AFTER INSERT ON organization_qpv REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_organization_qpv_rows();
CREATE TRIGGER agg_organization_qpv_update AFTER UPDATE ON organization_qpv REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_organization_qpv_rows();
CREATE TRIGGER agg_organization_qpv_delete AFTER DELETE ON organization_qpv REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_organization_qpv_rows();
CREATE TRIGGER agg_membership_change AFTER INSERT OR UPDATE OR DELETE ON membership FOR EACH ROW EXECUTE FUNCTION agg_membership_change();
CREATE TRIGGER agg_project_delete BEFORE DELETE ON project FOR EACH ROW EXECUTE FUNCTION agg_project_change();
CREATE TRIGGER agg_project_change AFTER INSERT OR UPDATE OF status, residents_reached, archived_at, draft ON project
  FOR EACH ROW EXECUTE FUNCTION agg_project_change();
CREATE TRIGGER agg_project_qpv_change AFTER INSERT OR UPDATE OR DELETE ON project_qpv FOR EACH ROW EXECUTE FUNCTION agg_project_link_change();
CREATE TRIGGER agg_project_stake_change AFTER INSERT OR UPDATE OR DELETE ON project_stake FOR EACH ROW EXECUTE FUNCTION agg_project_link_change();
CREATE TRIGGER agg_project_participant_change AFTER INSERT OR UPDATE OR DELETE ON project_participant
  FOR EACH ROW EXECUTE FUNCTION agg_project_link_change();
CREATE TRIGGER agg_funding_change AFTER INSERT OR UPDATE OR DELETE ON funding FOR EACH ROW EXECUTE FUNCTION agg_project_link_change();

-- The aggregates as recounted from the rows (what check:aggregates compares and rebuild writes).
CREATE VIEW agg_association_recount AS
  SELECT 'COMMUNE'::text AS scope, o.commune_insee_code AS code, o.employer_size, o.current_networks > 0 AS federated, count(*)::int AS n
  FROM organization o WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL AND o.commune_insee_code IS NOT NULL GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT 'QPV', oq.qpv_code, o.employer_size, o.current_networks > 0, count(*)::int
  FROM organization o JOIN organization_qpv oq ON oq.organization_id = o.id AND oq.presence IN ('BASED', 'ACTIVE')
  WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT 'NETWORK', m.network_id::text, o.employer_size, true, count(*)::int
  FROM organization o JOIN membership m ON m.member_id = o.id AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed
  WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL GROUP BY 1, 2, 3, 4;

CREATE VIEW agg_project_recount AS
  SELECT pair.scope, pair.code, m.measure, sum(m.v)::bigint AS n
  FROM project pr
  CROSS JOIN LATERAL agg_project_pairs(pr.id) pair
  CROSS JOIN LATERAL agg_project_measures(pr.id) m
  WHERE pr.archived_at IS NULL AND NOT pr.draft
  GROUP BY 1, 2, 3;

-- Rewrites every aggregate from the rows (locks the counters: writers wait for it).
CREATE FUNCTION agg_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE agg_association, agg_project, agg_project_scope, agg_project_state IN EXCLUSIVE MODE;
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
END $$;

-- Differences between the aggregates and a recount from the rows (none when exact); zero counters equal missing ones.
CREATE VIEW agg_differences AS
  SELECT 'association' AS aggregate, coalesce(k.scope, r.scope) AS scope, coalesce(k.code, r.code) AS code,
         coalesce(k.employer_size, r.employer_size) || CASE WHEN coalesce(k.federated, r.federated) THEN ':federated' ELSE '' END AS measure,
         coalesce(k.n, 0)::bigint AS kept, coalesce(r.n, 0)::bigint AS recounted
  FROM agg_association k FULL JOIN agg_association_recount r
    ON r.scope = k.scope AND r.code = k.code AND r.employer_size = k.employer_size AND r.federated = k.federated
  WHERE coalesce(k.n, 0) <> coalesce(r.n, 0)
  UNION ALL
  SELECT 'project', coalesce(k.scope, r.scope), coalesce(k.code, r.code), coalesce(k.measure, r.measure), coalesce(k.n, 0), coalesce(r.n, 0)
  FROM agg_project k FULL JOIN agg_project_recount r ON r.scope = k.scope AND r.code = k.code AND r.measure = k.measure
  WHERE coalesce(k.n, 0) <> coalesce(r.n, 0);
`;

const DOWN = `
DROP VIEW agg_differences;
DROP FUNCTION agg_rebuild();
DROP VIEW agg_project_recount;
DROP VIEW agg_association_recount;
DROP TRIGGER agg_funding_change ON funding;
DROP TRIGGER agg_project_participant_change ON project_participant;
DROP TRIGGER agg_project_stake_change ON project_stake;
DROP TRIGGER agg_project_qpv_change ON project_qpv;
DROP TRIGGER agg_project_change ON project;
DROP TRIGGER agg_project_delete ON project;
DROP TRIGGER agg_membership_change ON membership;
DROP TRIGGER agg_organization_qpv_delete ON organization_qpv;
DROP TRIGGER agg_organization_qpv_update ON organization_qpv;
DROP TRIGGER agg_organization_qpv_insert ON organization_qpv;
DROP TRIGGER agg_organization_update ON organization;
DROP TRIGGER agg_organization_insert ON organization;
DROP TRIGGER agg_organization_delete ON organization;
DROP FUNCTION agg_project_link_change();
DROP FUNCTION agg_project_forget(integer);
DROP FUNCTION agg_project_change();
DROP FUNCTION agg_project_refresh(integer);
DROP FUNCTION agg_project_pairs(integer);
DROP FUNCTION agg_project_measures(integer);
DROP FUNCTION agg_membership_change();
DROP FUNCTION agg_organization_qpv_rows();
DROP FUNCTION agg_organization_rows();
DROP FUNCTION agg_association_contribution(integer, text, text, boolean, integer, boolean, boolean, boolean);
DROP FUNCTION agg_organization_delete();
DROP FUNCTION agg_counted_association(integer);
DROP FUNCTION agg_association_add(text, text, text, boolean, integer);
DROP TABLE agg_project;
DROP TABLE agg_project_scope;
DROP TABLE agg_project_state;
DROP TABLE agg_association;
`;
