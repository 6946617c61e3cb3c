import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The typo fallback's index on `search_word` by trigram: GIN instead of GiST. A searched word found nowhere
 * is replaced by the corpus's words close to it by trigram (`%`, then the nearest 16): through the GiST
 * index each such word read about 1,300 pages of it (the whole index at scale 0.1: trigram signatures of
 * 190,000 short words hardly prune), through GIN the posting lists of its own trigrams and the few hundred
 * candidate rows (40 to 220 pages for "roubiax", "sosial", "tourcoin", "lile"). GIN cannot order by
 * distance, but nothing did: the close words are few and sorted after.
 */
export class SearchWordGin1733200000100 implements MigrationInterface {
  name = "SearchWordGin1733200000100";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX search_word_trgm_idx;
      CREATE INDEX search_word_trgm_idx ON search_word USING gin (word gin_trgm_ops);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX search_word_trgm_idx;
      CREATE INDEX search_word_trgm_idx ON search_word USING gist (word gist_trgm_ops);
    `);
  }
}
