import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Drops the GIN trigram indexes on the folded names and titles (`search_fold(name)`...: migration
 * `1732700000002-search`). Their last reader was a search text of stop words only ("de la"), compared whole
 * with every name by trigram: that read most of these indexes (the trigrams of " de", "la " are in most
 * French names) and took seconds. Such a text now finds the names equal to it through the b-tree indexes of
 * the sort keys (server/queries/search/search-statement.ts, `candidates`), and nothing else reads them,
 * while every insert and every rename paid for them (the one on organisation names was about 17 µs of an
 * RNA import's 60 µs a row: bench/IMPORT.md). The typo fallback's trigram index on `search_word` stays.
 */
export class DropNameTrigramIndexes1733300000100 implements MigrationInterface {
  name = "DropNameTrigramIndexes1733300000100";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${INDEXES.map(([table, column]) => `${table}_${column}_search_idx`).join(", ")};`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(INDEXES.map(([table, column, partial]) =>
      `CREATE INDEX ${table}_${column}_search_idx ON ${table} USING gin (search_fold(${column}) gin_trgm_ops)${partial ? " WHERE archived_at IS NULL" : ""};`,
    ).join("\n"));
  }
}

/** Table, column, and whether the index leaves archived rows out (as migration 1732700000002 made them). */
const INDEXES: [string, string, boolean][] = [
  ["organization", "name", true],
  ["organization", "short_name", true],
  ["project", "title", true],
  ["participation_event", "title", true],
  ["participation_event", "venue_name", true],
  ["good_practice", "title", true],
  ["qpv", "name", false],
  ["commune", "name", false],
];
