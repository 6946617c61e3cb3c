import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Search: one folding function and GIN trigram indexes on the folded texts that `search` matches.
 *
 * `unaccent()` is only STABLE (its dictionary could change), so it cannot appear in an index; the usual
 * answer is an IMMUTABLE wrapper naming the dictionary and schema explicitly, so that it gives the same
 * result whatever the search_path (index builds, restores). `search_fold` then lower-cases and turns every
 * run of characters other than a-z and 0-9 into one space: "Régie de quartier d'Hem" -> "regie de quartier
 * d hem". Only ASCII survives, so lower() and pg_trgm's word splitting cannot depend on the locale: PGlite
 * (C locale) and PostgreSQL fold identically.
 *
 * The indexes are on exactly the expressions the search statement uses (`search_fold(column)`), partial on
 * `archived_at IS NULL` where records can be archived, since search leaves archived records out.
 */
export class Search1732700000002 implements MigrationInterface {
  name = "Search1732700000002";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION f_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $fn$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $fn$;

      CREATE FUNCTION search_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $fn$ SELECT btrim(regexp_replace(lower(public.f_unaccent($1)), '[^a-z0-9]+', ' ', 'g')) $fn$;

      ${INDEXES.map(([table, column, partial]) =>
        `CREATE INDEX ${table}_${column}_search_idx ON ${table} USING gin (search_fold(${column}) gin_trgm_ops)${partial ? " WHERE archived_at IS NULL" : ""};`,
      ).join("\n      ")}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX ${INDEXES.map(([table, column]) => `${table}_${column}_search_idx`).join(", ")};
      DROP FUNCTION search_fold(text);
      DROP FUNCTION f_unaccent(text);
    `);
  }
}

/** Table, column, and whether the table has archived rows (left out of the index). */
const INDEXES: [string, string, boolean][] = [
  ["organization", "name", true],
  ["organization", "short_name", true],
  ["organization", "purpose", true],
  ["project", "title", true],
  ["project", "summary", true],
  ["participation_event", "title", true],
  ["participation_event", "venue_name", true],
  ["participation_event", "description", true],
  ["good_practice", "title", true],
  ["good_practice", "summary", true],
  ["qpv", "name", false],
  ["commune", "name", false],
];
