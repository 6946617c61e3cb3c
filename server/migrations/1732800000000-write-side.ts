import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The write side: drafts of projects and events (seen only by those allowed), archivable memberships
 * and charter signatures, organisations' contact people (personal data, shown only to allowed roles),
 * the append-only audit trail and the idempotency keys of replayable mutations.
 */
export class WriteSide1732800000000 implements MigrationInterface {
  name = "WriteSide1732800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE project ADD COLUMN draft boolean NOT NULL DEFAULT false;
      ALTER TABLE participation_event ADD COLUMN draft boolean NOT NULL DEFAULT false;
      CREATE INDEX project_draft_idx ON project (id) WHERE draft;
      CREATE INDEX participation_event_draft_idx ON participation_event (id) WHERE draft;

      -- A network manager's invitation waits for the member's confirmation (see server/queries/memberships.ts).
      ALTER TABLE membership ADD COLUMN archived_at timestamptz, ADD COLUMN confirmed boolean NOT NULL DEFAULT true;
      ALTER TABLE charter_signature
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN archived_at timestamptz;

      -- People to contact in an organisation: personal data, never shown to anonymous users.
      CREATE TABLE organization_contact (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id integer NOT NULL CONSTRAINT organization_contact_organization_fk REFERENCES organization (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position >= 0),
        full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
        job_title text CHECK (length(job_title) <= 200),
        email text CHECK (email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' AND length(email) <= 254),
        phone text CHECK (length(phone) <= 30),
        CONSTRAINT organization_contact_position_key UNIQUE (organization_id, position)
      );

      -- Every change, who made it and what it was before and after: append-only.
      CREATE TABLE audit_entry (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_subject text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE')),
        record_type text NOT NULL,
        record_id integer NOT NULL,
        -- Organisations whose editors may read this entry (the record's own organisations).
        organization_ids integer[] NOT NULL DEFAULT '{}',
        before jsonb,
        after jsonb
      );
      CREATE INDEX audit_entry_record_idx ON audit_entry (record_type, record_id, id);
      CREATE INDEX audit_entry_organization_ids_idx ON audit_entry USING gin (organization_ids);
      CREATE INDEX audit_entry_occurred_at_idx ON audit_entry (occurred_at, id);

      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

      -- The first result of a mutation sent with an idempotency key, per caller.
      CREATE TABLE idempotency_key (
        actor_subject text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        operation text NOT NULL,
        request_hash text NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_subject, key)
      );
      CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
    `);
    await queryRunner.query(COOPERATION_ACTIVITY);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE idempotency_key, audit_entry, organization_contact;
      DROP FUNCTION audit_entry_append_only();
      ALTER TABLE charter_signature DROP COLUMN updated_at, DROP COLUMN version, DROP COLUMN archived_at;
      ALTER TABLE membership DROP COLUMN archived_at, DROP COLUMN confirmed;
      ALTER TABLE participation_event DROP COLUMN draft;
      ALTER TABLE project DROP COLUMN draft;
    `);
  }
}

/** The cooperation view of 1732700000001, now also leaving out drafts, archived and unconfirmed memberships. */
const COOPERATION_ACTIVITY = `
  CREATE OR REPLACE VIEW cooperation_activity AS
  WITH pieces AS (
    SELECT a.organization_id, b.organization_id AS partner_id, 'PROJECT' AS kind, a.project_id AS item_id,
           CASE WHEN pr.start_date > current_date THEN pr.start_date
                ELSE least(coalesce(pr.end_date, current_date), current_date) END AS activity_on
    FROM project_participant a
    JOIN project_participant b ON b.project_id = a.project_id AND b.organization_id <> a.organization_id
    JOIN project pr ON pr.id = a.project_id AND pr.archived_at IS NULL AND NOT pr.draft
    UNION ALL
    SELECT a.organization_id, b.organization_id, 'EVENT', a.event_id, (ev.starts_at AT TIME ZONE 'Europe/Paris')::date
    FROM event_organizer a
    JOIN event_organizer b ON b.event_id = a.event_id AND b.organization_id <> a.organization_id
    JOIN participation_event ev ON ev.id = a.event_id AND ev.archived_at IS NULL AND NOT ev.draft
    UNION ALL
    SELECT f.funder_id, pp.organization_id, 'FUNDING', f.id,
           CASE WHEN make_date(f.year, 1, 1) > current_date THEN make_date(f.year, 1, 1)
                ELSE least(make_date(f.year, 12, 31), current_date) END
    FROM funding f
    JOIN project_participant pp ON pp.project_id = f.project_id AND pp.organization_id <> f.funder_id
    JOIN project pr ON pr.id = f.project_id AND pr.archived_at IS NULL AND NOT pr.draft
    UNION ALL
    SELECT pp.organization_id, f.funder_id, 'FUNDING', f.id,
           CASE WHEN make_date(f.year, 1, 1) > current_date THEN make_date(f.year, 1, 1)
                ELSE least(make_date(f.year, 12, 31), current_date) END
    FROM funding f
    JOIN project_participant pp ON pp.project_id = f.project_id AND pp.organization_id <> f.funder_id
    JOIN project pr ON pr.id = f.project_id AND pr.archived_at IS NULL AND NOT pr.draft
    UNION ALL
    SELECT m.network_id, m.member_id, 'MEMBERSHIP', m.id, coalesce(m.left_on, current_date) FROM membership m
    WHERE m.archived_at IS NULL AND m.confirmed
    UNION ALL
    SELECT m.member_id, m.network_id, 'MEMBERSHIP', m.id, coalesce(m.left_on, current_date) FROM membership m
    WHERE m.archived_at IS NULL AND m.confirmed
  )
  SELECT DISTINCT p.organization_id, p.partner_id, p.kind, p.item_id, p.activity_on
  FROM pieces p
  JOIN organization o ON o.id = p.organization_id AND o.archived_at IS NULL
  JOIN organization po ON po.id = p.partner_id AND po.archived_at IS NULL;
`;
