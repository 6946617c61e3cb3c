import { MigrationInterface, QueryRunner } from "typeorm";

/** Schema for geography (point-in-QPV, distances, neighbouring QPVs). */
export class Geography1732700000003 implements MigrationInterface {
  name = "Geography1732700000003";

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
