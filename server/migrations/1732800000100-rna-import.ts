import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Import of the national register of associations (RNA open-data files, `npm run import:rna`).
 *
 * - `rna_record`: one row per association the register has described, with the provenance of what is
 *   stored (file, line, the register's `maj_time`, when it was imported), its status in the register and
 *   what the register says that has no column of its own on `organization` (raw INSEE code, district,
 *   theme codes, old-style id).
 * - `organization_qpv.presence` gains `POSSIBLY_BASED`: the head office is in a commune that has QPVs,
 *   the exact QPV is unknown (the register has no coordinates). Lists, filters and dashboards that read
 *   `organization_qpv` keep to `BASED` and `ACTIVE`.
 * - `organization_qpv.source` and `organization_theme.source`: who stated the row. `USER` (the default:
 *   everything typed in through the graph or loaded before this migration) is never changed by an import;
 *   `RNA` rows are derived by the import from the register and replaced when the register changes. A row
 *   stated by both keeps `USER` (the import adds a row only where none exists for that QPV or theme).
 */
export class RnaImport1732800000100 implements MigrationInterface {
  name = "RnaImport1732800000100";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}

const UP = `
ALTER TABLE organization_qpv DROP CONSTRAINT organization_qpv_presence_check;
ALTER TABLE organization_qpv ADD CONSTRAINT organization_qpv_presence_check
  CHECK (presence IN ('BASED', 'ACTIVE', 'POSSIBLY_BASED'));
ALTER TABLE organization_qpv ADD COLUMN source text NOT NULL DEFAULT 'USER'
  CONSTRAINT organization_qpv_source_check CHECK (source IN ('USER', 'RNA'));
-- Only imported rows can be POSSIBLY_BASED: a user states where an organisation is, or says nothing.
ALTER TABLE organization_qpv ADD CONSTRAINT organization_qpv_possibly_based_check
  CHECK (presence <> 'POSSIBLY_BASED' OR source = 'RNA');
-- What the QPV lists read: an association of Marseille may be POSSIBLY_BASED in each of its 41 QPVs, so
-- those rows (the bulk of the table once the national register is imported) are kept out of this index.
CREATE INDEX organization_qpv_stated_qpv_code_idx ON organization_qpv (qpv_code, organization_id)
  WHERE presence IN ('BASED', 'ACTIVE');

ALTER TABLE organization_theme ADD COLUMN source text NOT NULL DEFAULT 'USER'
  CONSTRAINT organization_theme_source_check CHECK (source IN ('USER', 'RNA'));

CREATE TABLE rna_record (
  organization_id integer PRIMARY KEY CONSTRAINT rna_record_organization_fk REFERENCES organization (id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('WALDEC', 'IMPORT')),
  -- File name as given (no folder); for a zip archive, "archive.zip/entry.csv".
  file text NOT NULL CHECK (length(file) BETWEEN 1 AND 500),
  line integer NOT NULL CHECK (line >= 1),
  -- The register's maj_time (Europe/Paris local time in the files); an import only applies a row newer than this.
  registry_updated_at timestamptz,
  imported_at timestamptz NOT NULL,
  status text CHECK (status IN ('ACTIVE', 'DISSOLVED', 'DELETED', 'TAKEN_OVER')),
  -- Old-style registry number (rna_import's id, or waldec's id_ex), as published.
  legacy_id text CHECK (length(legacy_id) <= 50),
  -- Head office INSEE code as published (a district code stays a district code; an unknown code is kept here only).
  insee_code text CHECK (length(insee_code) <= 10),
  district_insee_code text CONSTRAINT rna_record_district_fk REFERENCES municipal_district (insee_code),
  commune_label text CHECK (length(commune_label) <= 200),
  -- objet_social1 and objet_social2 as published (6 digits each; "000000", no code, is left out).
  theme_codes text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX rna_record_district_insee_code_idx ON rna_record (district_insee_code);
`;

const DOWN = `
DROP TABLE rna_record;
ALTER TABLE organization_theme DROP COLUMN source;
DROP INDEX organization_qpv_stated_qpv_code_idx;
DELETE FROM organization_qpv WHERE presence = 'POSSIBLY_BASED';
ALTER TABLE organization_qpv DROP CONSTRAINT organization_qpv_possibly_based_check;
ALTER TABLE organization_qpv DROP COLUMN source;
ALTER TABLE organization_qpv DROP CONSTRAINT organization_qpv_presence_check;
ALTER TABLE organization_qpv ADD CONSTRAINT organization_qpv_presence_check CHECK (presence IN ('BASED', 'ACTIVE'));
`;
