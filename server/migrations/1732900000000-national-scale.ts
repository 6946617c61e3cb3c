import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the national-scale benchmark (issue 7) showed the reads need.
 *
 * - `organization.current_networks`: how many current memberships (see `currentMembership`) an
 *   organisation has, kept by a trigger on `membership` with deltas (+1/-1 commute, so concurrent
 *   membership writes never lose a count; the member's row lock orders them). "Federated" is
 *   `current_networks > 0`: a column of the row, instead of a membership look-up per association
 *   (a département's dashboard looked up 153,000 of them, three times each).
 * - Covering partial indexes holding exactly what the public lists and dashboards of a territory read,
 *   so that counting a département's 150,000 associations or 80,000 events is an index-only scan
 *   instead of one random heap page per row.
 * - `organization_theme (theme_code, organization_id)` (was `(theme_code)`): the theme filter of a list
 *   reads the organisations of a theme from the index alone.
 */
export class NationalScale1732900000000 implements MigrationInterface {
  name = "NationalScale1732900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}

/** Sets every organisation's `current_networks` from the memberships (also run by the benchmark's bulk load, which loads memberships with the trigger off). */
export const COUNT_CURRENT_NETWORKS = `
UPDATE organization o SET current_networks = m.n
FROM (SELECT member_id, count(*) AS n FROM membership WHERE left_on IS NULL AND archived_at IS NULL AND confirmed GROUP BY member_id) m
WHERE m.member_id = o.id AND o.current_networks <> m.n`;

const UP = `
ALTER TABLE organization ADD COLUMN current_networks integer NOT NULL DEFAULT 0
  CONSTRAINT organization_current_networks_check CHECK (current_networks >= 0);
${COUNT_CURRENT_NETWORKS};

CREATE FUNCTION membership_current_networks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_current boolean := TG_OP <> 'INSERT' AND OLD.left_on IS NULL AND OLD.archived_at IS NULL AND OLD.confirmed;
  is_current boolean := TG_OP <> 'DELETE' AND NEW.left_on IS NULL AND NEW.archived_at IS NULL AND NEW.confirmed;
BEGIN
  IF was_current AND NOT (is_current AND NEW.member_id = OLD.member_id) THEN
    UPDATE organization SET current_networks = current_networks - 1 WHERE id = OLD.member_id;
  END IF;
  IF is_current AND NOT (was_current AND NEW.member_id = OLD.member_id) THEN
    UPDATE organization SET current_networks = current_networks + 1 WHERE id = NEW.member_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER membership_current_networks AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_current_networks();

CREATE INDEX organization_association_commune_idx ON organization (commune_insee_code)
  INCLUDE (employer_size, current_networks) WHERE kind = 'ASSOCIATION' AND archived_at IS NULL;
CREATE INDEX participation_event_public_commune_idx ON participation_event (commune_insee_code)
  INCLUDE (starts_at, residents_count) WHERE archived_at IS NULL AND NOT draft;
CREATE INDEX project_public_idx ON project (id)
  INCLUDE (status, residents_reached, start_date, end_date) WHERE archived_at IS NULL AND NOT draft;
CREATE INDEX funding_project_figures_idx ON funding (project_id) INCLUDE (funder_id, year, scheme, amount_eur);
DROP INDEX organization_theme_theme_code_idx;
CREATE INDEX organization_theme_theme_code_idx ON organization_theme (theme_code, organization_id);
`;

const DOWN = `
DROP INDEX organization_theme_theme_code_idx;
CREATE INDEX organization_theme_theme_code_idx ON organization_theme (theme_code);
DROP INDEX funding_project_figures_idx;
DROP INDEX project_public_idx;
DROP INDEX participation_event_public_commune_idx;
DROP INDEX organization_association_commune_idx;
DROP TRIGGER membership_current_networks ON membership;
DROP FUNCTION membership_current_networks();
ALTER TABLE organization DROP COLUMN current_networks;
`;
