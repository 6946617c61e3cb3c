import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search by full text, with a word list for typos.
 *
 * - `maillage_fr`: the French configuration with `unaccent` before the stemmer, so that "Réseaux",
 *   "reseau" and "RÉSEAU" give one lexeme ("reseau") and a commune "Préseau" another.
 * - `search_vector` on every searched table: a generated column (PostgreSQL keeps it current on every
 *   write, mutations and RNA import alike, with no code to forget), name or title weighted A, short name
 *   or venue B, long text C; a GIN index on it, partial like the trigram ones.
 * - `search_word`: every lexeme of those columns, for the typo fallback (a searched word that no lexeme
 *   starts with is replaced by the nearest lexemes by trigram, GiST index). Kept by statement-level
 *   triggers (one set-based INSERT per statement, so a bulk import pays once per batch, not per row).
 *   Words are never removed: a stale one only expands a typo to a word that matches nothing.
 * - The trigram indexes on long texts (purpose, summary, description) go: search reads them by full text
 *   now, and the import no longer maintains their large trigram posting lists.
 */
export class FullTextSearch1733100000000 implements MigrationInterface {
  name = "FullTextSearch1733100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TEXT SEARCH CONFIGURATION public.maillage_fr (COPY = pg_catalog.french);
      ALTER TEXT SEARCH CONFIGURATION public.maillage_fr
        ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.french_stem;

      CREATE TABLE search_word (word text COLLATE "C" PRIMARY KEY);
      CREATE INDEX search_word_trgm_idx ON search_word USING gist (word gist_trgm_ops);

      CREATE FUNCTION search_words_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        -- Sorted, so that two transactions adding the same new words lock them in the same order.
        INSERT INTO search_word (word)
          SELECT DISTINCT w FROM new_rows n CROSS JOIN unnest(tsvector_to_array(n.search_vector)) w ORDER BY w
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $fn$;

      -- An update adds only the words its rows did not have: most updates (a figure, a date, a counter)
      -- change no text and insert nothing. Inserting a word another transaction has just added waits for
      -- that transaction; a writer that waited so while holding its own new words, in a second statement,
      -- was a deadlock (the chaos run's concurrent updates found it).
      CREATE FUNCTION search_words_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO search_word (word)
          SELECT w FROM (
            SELECT DISTINCT w FROM new_rows n CROSS JOIN unnest(tsvector_to_array(n.search_vector)) w
            EXCEPT SELECT w FROM old_rows o CROSS JOIN unnest(tsvector_to_array(o.search_vector)) w
          ) added ORDER BY w
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $fn$;

      DROP INDEX organization_purpose_search_idx, project_summary_search_idx, participation_event_description_search_idx,
        good_practice_summary_search_idx;
    `);
    for (const [table, texts, partial] of DOCUMENTS) {
      const document = texts.map(([column, label]) => `setweight(to_tsvector('public.maillage_fr'::regconfig, coalesce(${column}, '')), '${label}')`).join(" || ");
      await queryRunner.query(`
        ALTER TABLE ${table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${document}) STORED;
        CREATE INDEX ${table}_search_vector_idx ON ${table} USING gin (search_vector)${partial ? " WHERE archived_at IS NULL" : ""};
        CREATE TRIGGER ${table}_search_words_insert AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_add();
        CREATE TRIGGER ${table}_search_words_update AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_update();
        INSERT INTO search_word (word) SELECT DISTINCT w FROM ${table} CROSS JOIN unnest(tsvector_to_array(search_vector)) w ON CONFLICT DO NOTHING;
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of DOCUMENTS) {
      await queryRunner.query(`
        DROP TRIGGER ${table}_search_words_insert ON ${table};
        DROP TRIGGER ${table}_search_words_update ON ${table};
        ALTER TABLE ${table} DROP COLUMN search_vector;
      `);
    }
    await queryRunner.query(`
      DROP FUNCTION search_words_update();
      DROP FUNCTION search_words_add();
      DROP TABLE search_word;
      DROP TEXT SEARCH CONFIGURATION public.maillage_fr;
      CREATE INDEX organization_purpose_search_idx ON organization USING gin (search_fold(purpose) gin_trgm_ops) WHERE archived_at IS NULL;
      CREATE INDEX project_summary_search_idx ON project USING gin (search_fold(summary) gin_trgm_ops) WHERE archived_at IS NULL;
      CREATE INDEX participation_event_description_search_idx ON participation_event USING gin (search_fold(description) gin_trgm_ops) WHERE archived_at IS NULL;
      CREATE INDEX good_practice_summary_search_idx ON good_practice USING gin (search_fold(summary) gin_trgm_ops) WHERE archived_at IS NULL;
    `);
  }
}

/** Table, its texts with their weight letters, and whether it has archived rows (left out of the index). */
const DOCUMENTS: [string, [string, "A" | "B" | "C"][], boolean][] = [
  ["organization", [["name", "A"], ["short_name", "B"], ["purpose", "C"]], true],
  ["project", [["title", "A"], ["summary", "C"]], true],
  ["participation_event", [["title", "A"], ["venue_name", "B"], ["description", "C"]], true],
  ["good_practice", [["title", "A"], ["summary", "C"]], true],
  ["qpv", [["name", "A"]], false],
  ["commune", [["name", "A"]], false],
];
