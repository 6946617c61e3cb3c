import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Extensions for search (pg_trgm, unaccent) and distances (cube, earthdistance). On PGlite they are
 * registered when the database is opened (server/database/data-source.ts); on PostgreSQL they come
 * with the server's contrib modules.
 */
export class Extensions1732700000000 implements MigrationInterface {
  name = "Extensions1732700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE EXTENSION IF NOT EXISTS unaccent;
      CREATE EXTENSION IF NOT EXISTS cube;
      CREATE EXTENSION IF NOT EXISTS earthdistance;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION earthdistance; DROP EXTENSION cube; DROP EXTENSION unaccent; DROP EXTENSION pg_trgm;`);
  }
}
