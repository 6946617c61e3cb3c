import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The advocacy paper's 16 proposals become records an administrator writes (createProposal,
 * updateProposal, `npm run load:proposals`): numbered 1 to 16, with an optional summary, a version for
 * optimistic locking and the dates every tracked record has. Good practices carry proposals forward as
 * projects do. Nothing is loaded here: the proposals' texts are data, never shipped with the code.
 */
export class Proposals1733000000100 implements MigrationInterface {
  name = "Proposals1733000000100";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE proposal
        DROP CONSTRAINT proposal_number_check,
        ADD CONSTRAINT proposal_number_check CHECK (number BETWEEN 1 AND 16),
        ADD COLUMN summary text CONSTRAINT proposal_summary_check CHECK (length(summary) BETWEEN 1 AND 2000),
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN version integer NOT NULL DEFAULT 1;

      CREATE TABLE good_practice_proposal (
        good_practice_id integer NOT NULL
          CONSTRAINT good_practice_proposal_good_practice_fk REFERENCES good_practice (id) ON DELETE CASCADE,
        proposal_id integer NOT NULL CONSTRAINT good_practice_proposal_proposal_fk REFERENCES proposal (id),
        PRIMARY KEY (good_practice_id, proposal_id)
      );
      CREATE INDEX good_practice_proposal_proposal_id_idx ON good_practice_proposal (proposal_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE good_practice_proposal;
      ALTER TABLE proposal
        DROP COLUMN summary, DROP COLUMN created_at, DROP COLUMN updated_at, DROP COLUMN version,
        DROP CONSTRAINT proposal_number_check,
        ADD CONSTRAINT proposal_number_check CHECK (number BETWEEN 1 AND 99);
    `);
  }
}
