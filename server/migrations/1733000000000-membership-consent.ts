import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A membership binds two parties (the network and its member): who ended or archived it decides who
 * may undo that (server/access/membership-consent.ts). Rows archived before this migration get
 * their party from the audit trail's last ARCHIVE entry; earlier endings stay unknown (null), which
 * the rules treat as "not yours".
 */
export class MembershipConsent1733000000000 implements MigrationInterface {
  name = "MembershipConsent1733000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE membership
        ADD COLUMN ended_by text CONSTRAINT membership_ended_by_check
          CHECK (ended_by IS NULL OR (ended_by IN ('NETWORK', 'MEMBER', 'ADMIN') AND left_on IS NOT NULL)),
        ADD COLUMN archived_by text CONSTRAINT membership_archived_by_check
          CHECK (archived_by IS NULL OR (archived_by IN ('NETWORK', 'MEMBER', 'ADMIN') AND archived_at IS NOT NULL));
      UPDATE membership m SET archived_by = CASE a.actor_role
          WHEN 'ADMIN' THEN 'ADMIN' WHEN 'FEDERATION_MANAGER' THEN 'NETWORK' WHEN 'ASSOCIATION_EDITOR' THEN 'MEMBER' END
        FROM (SELECT DISTINCT ON (record_id) record_id, actor_role FROM audit_entry
              WHERE record_type = 'Membership' AND action = 'ARCHIVE' ORDER BY record_id, id DESC) a
        WHERE a.record_id = m.id AND m.archived_at IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE membership DROP COLUMN ended_by, DROP COLUMN archived_by`);
  }
}
