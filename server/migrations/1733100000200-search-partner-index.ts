import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A full-text index of the partners alone. Associations and partners share `organization` and its
 * `search_vector` index; a search of partners by a common word ("association", "football") read, through
 * it, every association holding the word to keep the few partners among them (13,000 rows fetched for none
 * kept at scale 0.1). Partners are 3% of the organisations: their own partial index is small.
 */
export class SearchPartnerIndex1733100000200 implements MigrationInterface {
  name = "SearchPartnerIndex1733100000200";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX organization_partner_search_vector_idx ON organization USING gin (search_vector) WHERE kind = 'PARTNER' AND archived_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organization_partner_search_vector_idx`);
  }
}
