import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search indexes of the partners alone. Associations and partners share `organization`, its `search_vector`
 * index and its commune index; a search of partners by a common word ("association", "football") read,
 * through the first, every association holding the word to keep the few partners among them (13,000 rows
 * fetched for none kept at scale 0.1), and by a word of many commune names ("saint": 4,433 communes), through
 * the second, the 22,000 organisations of those communes. Partners are 3% of the organisations: their own
 * partial indexes are small (associations have `organization_association_commune_idx` already).
 */
export class SearchPartnerIndexes1733100000200 implements MigrationInterface {
  name = "SearchPartnerIndexes1733100000200";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX organization_partner_search_vector_idx ON organization USING gin (search_vector) WHERE kind = 'PARTNER' AND archived_at IS NULL;
      CREATE INDEX organization_partner_commune_idx ON organization (commune_insee_code) WHERE kind = 'PARTNER' AND archived_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organization_partner_search_vector_idx, organization_partner_commune_idx`);
  }
}
