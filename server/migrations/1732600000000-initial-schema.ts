import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The whole data model of the graph: territory, organisations, cooperation, participation.
 * Integrity lives here as much as in the code: foreign keys, unique natural keys,
 * check constraints, and a named index on every foreign key and filter column.
 */
export class InitialSchema1732600000000 implements MigrationInterface {
  name = "InitialSchema1732600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(DOWN);
  }
}

const INSEE = `'^(([0-9]{2}|2[AB])[0-9]{3}|9[78][0-9]{3})$'`;

const UP = `
-- Which reference datasets are loaded, and from which files (checksum), so start-up loads them once.
CREATE TABLE reference_dataset (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- Sort key of names and titles: accents, case and punctuation folded, so that "Élan" sorts with
-- "elan" and before "Zèbre" on every engine (byte order of the key, COLLATE "C"). Immutable, so
-- generated columns keep it right whatever writes the row.
CREATE FUNCTION sort_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$ SELECT replace(replace(replace(replace(lower(translate(value, 'ÀÁÂÃÄÅàáâãäåÇçÉÈÊËéèêëÎÏÍÌîïíìÑñÔÖÓÒÕôöóòõØøÙÚÛÜùúûüŸÝÿý''’‘-–—.,/', 'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyy         ')), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae') $fn$;

-- Territory (reference data, loaded by the load-reference command)
CREATE TABLE region (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2,3}$'),
  name text NOT NULL,
  chef_lieu_insee_code text,
  zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX region_name_sort_idx ON region (name_sort, code);

CREATE TABLE department (
  code text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|2[AB]|9[78][0-9])$'),
  name text NOT NULL,
  region_code text NOT NULL CONSTRAINT department_region_fk REFERENCES region (code),
  chef_lieu_insee_code text,
  zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX department_region_code_idx ON department (region_code);
CREATE INDEX department_name_sort_idx ON department (name_sort, code);

CREATE TABLE epci (
  siren text PRIMARY KEY CHECK (siren ~ '^[0-9]{9}$'),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('CC', 'CA', 'CU', 'METRO', 'MET69')),
  population integer CHECK (population >= 0),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX epci_name_sort_idx ON epci (name_sort, siren);
CREATE INDEX epci_type_idx ON epci (type);

CREATE TABLE commune (
  insee_code text PRIMARY KEY CHECK (insee_code ~ ${INSEE}),
  name text NOT NULL,
  department_code text NOT NULL CONSTRAINT commune_department_fk REFERENCES department (code),
  epci_siren text CONSTRAINT commune_epci_fk REFERENCES epci (siren),
  postal_code text CHECK (postal_code ~ '^[0-9]{5}$'),
  other_postal_codes text[] NOT NULL DEFAULT '{}',
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX commune_department_code_idx ON commune (department_code);
CREATE INDEX commune_epci_siren_idx ON commune (epci_siren);
CREATE INDEX commune_name_sort_idx ON commune (name_sort, insee_code);
CREATE INDEX commune_postal_code_idx ON commune (postal_code);

-- Paris, Lyon and Marseille districts: addresses use their codes, territory resolves to the city.
CREATE TABLE municipal_district (
  insee_code text PRIMARY KEY CHECK (insee_code ~ ${INSEE}),
  city_insee_code text NOT NULL CONSTRAINT municipal_district_city_fk REFERENCES commune (insee_code),
  name text NOT NULL,
  postal_code text CHECK (postal_code ~ '^[0-9]{5}$'),
  latitude double precision,
  longitude double precision
);
CREATE INDEX municipal_district_city_insee_code_idx ON municipal_district (city_insee_code);

CREATE TABLE qpv (
  code text PRIMARY KEY CHECK (code ~ '^(QN[0-9]{2}[0-9AB][0-9]{2}[A-Z]|QP[0-9]{6})$'),
  name text NOT NULL,
  department_code text NOT NULL CONSTRAINT qpv_department_fk REFERENCES department (code),
  geometry jsonb NOT NULL,
  min_longitude double precision NOT NULL,
  min_latitude double precision NOT NULL,
  max_longitude double precision NOT NULL,
  max_latitude double precision NOT NULL,
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  CHECK (min_longitude <= max_longitude AND min_latitude <= max_latitude),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX qpv_department_code_idx ON qpv (department_code);
CREATE INDEX qpv_name_sort_idx ON qpv (name_sort, code);

CREATE TABLE qpv_commune (
  qpv_code text NOT NULL CONSTRAINT qpv_commune_qpv_fk REFERENCES qpv (code) ON DELETE CASCADE,
  commune_insee_code text NOT NULL CONSTRAINT qpv_commune_commune_fk REFERENCES commune (insee_code),
  PRIMARY KEY (qpv_code, commune_insee_code)
);
CREATE INDEX qpv_commune_commune_insee_code_idx ON qpv_commune (commune_insee_code);

-- Themes: RNA "objet social" codes; stakes and proposals of the 2021 advocacy paper
CREATE TABLE theme (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  label text NOT NULL,
  parent_code text CONSTRAINT theme_parent_fk REFERENCES theme (code)
);
CREATE INDEX theme_parent_code_idx ON theme (parent_code);

CREATE TABLE stake (
  number smallint PRIMARY KEY CHECK (number BETWEEN 1 AND 4),
  title text NOT NULL
);

CREATE TABLE proposal (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number smallint NOT NULL CONSTRAINT proposal_number_key UNIQUE CHECK (number BETWEEN 1 AND 99),
  stake_number smallint NOT NULL CONSTRAINT proposal_stake_fk REFERENCES stake (number),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500)
);
CREATE INDEX proposal_stake_number_idx ON proposal (stake_number);

-- Organisations: associations and partners in one table, so every reference
-- (participant, organiser, funder, signatory, member) points to one place.
CREATE TABLE organization (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ASSOCIATION', 'PARTNER')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  short_name text CHECK (length(short_name) <= 100),
  siren text CHECK (siren ~ '^[0-9]{9}$'),
  siret text CHECK (siret ~ '^[0-9]{14}$'),
  rna text,
  purpose text CHECK (length(purpose) <= 5000),
  grouping text CHECK (grouping IN ('SIMPLE', 'UNION', 'FEDERATION')),
  created_on date,
  dissolved_on date,
  staff_etp numeric(8, 2) CHECK (staff_etp >= 0),
  volunteers integer CHECK (volunteers >= 0),
  members integer CHECK (members >= 0),
  employer_size text GENERATED ALWAYS AS (
    CASE WHEN kind <> 'ASSOCIATION' THEN NULL
         WHEN coalesce(staff_etp, 0) = 0 THEN 'NONE'
         WHEN staff_etp <= 2 THEN 'SMALL_EMPLOYER'
         ELSE 'EMPLOYER' END) STORED,
  partner_type text CHECK (partner_type IN ('STATE_SERVICE', 'PREFECT_DELEGATE', 'ANCT', 'COMMUNE', 'EPCI',
    'DEPARTMENT', 'REGION', 'CAF', 'SOCIAL_LANDLORD', 'SUPPORT_SCHEME', 'PUBLIC_AGENCY', 'FOUNDATION', 'COMPANY', 'OTHER')),
  address text CHECK (length(address) <= 500),
  postal_code text CHECK (postal_code ~ '^[0-9]{5}$'),
  commune_insee_code text CONSTRAINT organization_commune_fk REFERENCES commune (insee_code),
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  website text CHECK (website ~ '^https?://'),
  email text CHECK (email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  CONSTRAINT organization_rna_key UNIQUE (rna),
  CONSTRAINT organization_siret_key UNIQUE (siret),
  CONSTRAINT organization_siret_siren_check CHECK (siret IS NULL OR siren = left(siret, 9)),
  CONSTRAINT organization_kind_fields_check CHECK (
    (kind = 'ASSOCIATION' AND partner_type IS NULL AND grouping IS NOT NULL)
    OR (kind = 'PARTNER' AND partner_type IS NOT NULL AND rna IS NULL AND grouping IS NULL
        AND staff_etp IS NULL AND created_on IS NULL AND dissolved_on IS NULL)),
  CONSTRAINT organization_dates_check CHECK (dissolved_on IS NULL OR created_on IS NULL OR dissolved_on >= created_on),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX organization_kind_name_sort_idx ON organization (kind, name_sort, id);
CREATE INDEX organization_name_sort_idx ON organization (name_sort, id);
CREATE INDEX organization_commune_insee_code_idx ON organization (commune_insee_code);
CREATE INDEX organization_siren_idx ON organization (siren);
CREATE INDEX organization_employer_size_idx ON organization (employer_size);
CREATE INDEX organization_partner_type_idx ON organization (partner_type);
CREATE INDEX organization_grouping_idx ON organization (grouping);
CREATE INDEX organization_created_at_idx ON organization (created_at, id);

CREATE TABLE organization_theme (
  organization_id integer NOT NULL CONSTRAINT organization_theme_organization_fk REFERENCES organization (id) ON DELETE CASCADE,
  theme_code text NOT NULL CONSTRAINT organization_theme_theme_fk REFERENCES theme (code),
  PRIMARY KEY (organization_id, theme_code)
);
CREATE INDEX organization_theme_theme_code_idx ON organization_theme (theme_code);

-- Where an association is based (head office in the QPV) or active.
CREATE TABLE organization_qpv (
  organization_id integer NOT NULL CONSTRAINT organization_qpv_organization_fk REFERENCES organization (id) ON DELETE CASCADE,
  qpv_code text NOT NULL CONSTRAINT organization_qpv_qpv_fk REFERENCES qpv (code),
  presence text NOT NULL CHECK (presence IN ('BASED', 'ACTIVE')),
  PRIMARY KEY (organization_id, qpv_code)
);
CREATE INDEX organization_qpv_qpv_code_idx ON organization_qpv (qpv_code, organization_id);

-- Territory a partner covers: exactly one level per row.
CREATE TABLE partner_coverage (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partner_id integer NOT NULL CONSTRAINT partner_coverage_partner_fk REFERENCES organization (id) ON DELETE CASCADE,
  region_code text CONSTRAINT partner_coverage_region_fk REFERENCES region (code),
  department_code text CONSTRAINT partner_coverage_department_fk REFERENCES department (code),
  epci_siren text CONSTRAINT partner_coverage_epci_fk REFERENCES epci (siren),
  commune_insee_code text CONSTRAINT partner_coverage_commune_fk REFERENCES commune (insee_code),
  CHECK (num_nonnulls(region_code, department_code, epci_siren, commune_insee_code) = 1)
);
CREATE INDEX partner_coverage_partner_id_idx ON partner_coverage (partner_id);
CREATE INDEX partner_coverage_region_code_idx ON partner_coverage (region_code);
CREATE INDEX partner_coverage_department_code_idx ON partner_coverage (department_code);
CREATE INDEX partner_coverage_epci_siren_idx ON partner_coverage (epci_siren);
CREATE INDEX partner_coverage_commune_insee_code_idx ON partner_coverage (commune_insee_code);

-- Network memberships: an association (or a network head) belongs to a network head.
CREATE TABLE membership (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  network_id integer NOT NULL CONSTRAINT membership_network_fk REFERENCES organization (id),
  member_id integer NOT NULL CONSTRAINT membership_member_fk REFERENCES organization (id),
  joined_on date,
  left_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT membership_network_member_key UNIQUE (network_id, member_id),
  CHECK (network_id <> member_id),
  CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX membership_member_id_idx ON membership (member_id, (coalesce(joined_on, '-infinity'::date)), id);
CREATE INDEX membership_network_id_idx ON membership (network_id, (coalesce(joined_on, '-infinity'::date)), id);

-- Contrats de ville (2024-2030 "Engagements Quartiers 2030")
CREATE TABLE contrat_de_ville (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  department_code text NOT NULL CONSTRAINT contrat_de_ville_department_fk REFERENCES department (code),
  epci_siren text CONSTRAINT contrat_de_ville_epci_fk REFERENCES epci (siren),
  commune_insee_code text CONSTRAINT contrat_de_ville_commune_fk REFERENCES commune (insee_code),
  start_year smallint NOT NULL CHECK (start_year BETWEEN 1990 AND 2100),
  end_year smallint NOT NULL CHECK (end_year BETWEEN 1990 AND 2100),
  signed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (end_year >= start_year),
  name_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(name)) STORED
);
CREATE INDEX contrat_de_ville_name_sort_idx ON contrat_de_ville (name_sort, id);
CREATE INDEX contrat_de_ville_department_code_idx ON contrat_de_ville (department_code);
CREATE INDEX contrat_de_ville_epci_siren_idx ON contrat_de_ville (epci_siren);
CREATE INDEX contrat_de_ville_commune_insee_code_idx ON contrat_de_ville (commune_insee_code);

CREATE TABLE contrat_de_ville_qpv (
  contrat_de_ville_id integer NOT NULL CONSTRAINT contrat_de_ville_qpv_contrat_fk REFERENCES contrat_de_ville (id) ON DELETE CASCADE,
  qpv_code text NOT NULL CONSTRAINT contrat_de_ville_qpv_qpv_fk REFERENCES qpv (code),
  PRIMARY KEY (contrat_de_ville_id, qpv_code)
);
CREATE INDEX contrat_de_ville_qpv_qpv_code_idx ON contrat_de_ville_qpv (qpv_code);

CREATE TABLE contrat_de_ville_signatory (
  contrat_de_ville_id integer NOT NULL CONSTRAINT contrat_de_ville_signatory_contrat_fk REFERENCES contrat_de_ville (id) ON DELETE CASCADE,
  organization_id integer NOT NULL CONSTRAINT contrat_de_ville_signatory_organization_fk REFERENCES organization (id),
  PRIMARY KEY (contrat_de_ville_id, organization_id)
);
CREATE INDEX contrat_de_ville_signatory_organization_id_idx ON contrat_de_ville_signatory (organization_id);

-- Cooperation projects
CREATE TABLE project (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  summary text CHECK (length(summary) <= 5000),
  status text NOT NULL CHECK (status IN ('PROPOSED', 'ACTIVE', 'COMPLETED', 'ABANDONED')),
  start_date date,
  end_date date,
  residents_reached integer CHECK (residents_reached >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
  title_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(title)) STORED
);
CREATE INDEX project_status_idx ON project (status);
CREATE INDEX project_title_sort_idx ON project (title_sort, id);
CREATE INDEX project_start_date_idx ON project ((coalesce(start_date, '-infinity'::date)), id);
CREATE INDEX project_created_at_idx ON project (created_at, id);

CREATE TABLE project_theme (
  project_id integer NOT NULL CONSTRAINT project_theme_project_fk REFERENCES project (id) ON DELETE CASCADE,
  theme_code text NOT NULL CONSTRAINT project_theme_theme_fk REFERENCES theme (code),
  PRIMARY KEY (project_id, theme_code)
);
CREATE INDEX project_theme_theme_code_idx ON project_theme (theme_code);

CREATE TABLE project_qpv (
  project_id integer NOT NULL CONSTRAINT project_qpv_project_fk REFERENCES project (id) ON DELETE CASCADE,
  qpv_code text NOT NULL CONSTRAINT project_qpv_qpv_fk REFERENCES qpv (code),
  PRIMARY KEY (project_id, qpv_code)
);
CREATE INDEX project_qpv_qpv_code_idx ON project_qpv (qpv_code, project_id);

CREATE TABLE project_stake (
  project_id integer NOT NULL CONSTRAINT project_stake_project_fk REFERENCES project (id) ON DELETE CASCADE,
  stake_number smallint NOT NULL CONSTRAINT project_stake_stake_fk REFERENCES stake (number),
  PRIMARY KEY (project_id, stake_number)
);
CREATE INDEX project_stake_stake_number_idx ON project_stake (stake_number);

CREATE TABLE project_proposal (
  project_id integer NOT NULL CONSTRAINT project_proposal_project_fk REFERENCES project (id) ON DELETE CASCADE,
  proposal_id integer NOT NULL CONSTRAINT project_proposal_proposal_fk REFERENCES proposal (id),
  PRIMARY KEY (project_id, proposal_id)
);
CREATE INDEX project_proposal_proposal_id_idx ON project_proposal (proposal_id);

CREATE TABLE project_participant (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id integer NOT NULL CONSTRAINT project_participant_project_fk REFERENCES project (id) ON DELETE CASCADE,
  organization_id integer NOT NULL CONSTRAINT project_participant_organization_fk REFERENCES organization (id),
  role text NOT NULL CHECK (role IN ('LEAD', 'PARTNER', 'FUNDER', 'SUPPORT')),
  CONSTRAINT project_participant_project_organization_role_key UNIQUE (project_id, organization_id, role)
);
CREATE INDEX project_participant_organization_id_idx ON project_participant (organization_id, project_id);
CREATE INDEX project_participant_role_idx ON project_participant (role);

CREATE TABLE funding (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id integer NOT NULL CONSTRAINT funding_project_fk REFERENCES project (id) ON DELETE CASCADE,
  funder_id integer NOT NULL CONSTRAINT funding_funder_fk REFERENCES organization (id),
  amount_eur numeric(14, 2) NOT NULL CHECK (amount_eur >= 0),
  year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  scheme text NOT NULL CHECK (scheme IN ('CONTRAT_DE_VILLE', 'FONJEP', 'ADULTE_RELAIS', 'DLA', 'OTHER')),
  scheme_label text CHECK (length(scheme_label) <= 200)
);
CREATE INDEX funding_project_id_idx ON funding (project_id);
CREATE INDEX funding_funder_id_idx ON funding (funder_id);
CREATE INDEX funding_year_idx ON funding (year);
CREATE INDEX funding_scheme_idx ON funding (scheme);

-- Residents' participation events: residents are counted, never named.
CREATE TABLE participation_event (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text CHECK (length(description) <= 5000),
  kind text NOT NULL CHECK (kind IN ('CONSEIL_CITOYEN', 'PUBLIC_MEETING', 'WORKSHOP', 'DIAGNOSTIC_EN_MARCHANT',
    'NEIGHBOURHOOD_FESTIVAL', 'CONSULTATION', 'TRAINING')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  venue_name text CHECK (length(venue_name) <= 300),
  venue_address text CHECK (length(venue_address) <= 500),
  commune_insee_code text NOT NULL CONSTRAINT participation_event_commune_fk REFERENCES commune (insee_code),
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  qpv_code text CONSTRAINT participation_event_qpv_fk REFERENCES qpv (code),
  project_id integer CONSTRAINT participation_event_project_fk REFERENCES project (id),
  residents_count integer CHECK (residents_count >= 0),
  associations_count integer CHECK (associations_count >= 0),
  total_count integer CHECK (total_count >= 0),
  accessibility text[] NOT NULL DEFAULT '{}' CHECK (accessibility <@ ARRAY['WHEELCHAIR', 'HEARING_LOOP', 'SIGN_LANGUAGE',
    'EASY_READ', 'INTERPRETING', 'CHILDCARE']::text[]),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  CHECK (ends_at >= starts_at),
  CHECK (total_count IS NULL OR total_count >= coalesce(residents_count, 0)),
  title_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(title)) STORED
);
CREATE INDEX participation_event_starts_at_idx ON participation_event (starts_at, id);
CREATE INDEX participation_event_title_sort_idx ON participation_event (title_sort, id);
CREATE INDEX participation_event_kind_idx ON participation_event (kind);
CREATE INDEX participation_event_commune_insee_code_idx ON participation_event (commune_insee_code);
CREATE INDEX participation_event_qpv_code_idx ON participation_event (qpv_code, starts_at);
CREATE INDEX participation_event_project_id_idx ON participation_event (project_id);

CREATE TABLE event_organizer (
  event_id integer NOT NULL CONSTRAINT event_organizer_event_fk REFERENCES participation_event (id) ON DELETE CASCADE,
  organization_id integer NOT NULL CONSTRAINT event_organizer_organization_fk REFERENCES organization (id),
  PRIMARY KEY (event_id, organization_id)
);
CREATE INDEX event_organizer_organization_id_idx ON event_organizer (organization_id, event_id);

-- The charter for inter-associative cooperation: one signature per organisation.
CREATE TABLE charter_signature (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id integer NOT NULL CONSTRAINT charter_signature_organization_fk REFERENCES organization (id),
  signed_on date NOT NULL,
  commune_insee_code text CONSTRAINT charter_signature_commune_fk REFERENCES commune (insee_code),
  qpv_code text CONSTRAINT charter_signature_qpv_fk REFERENCES qpv (code),
  signatory_role text CHECK (length(signatory_role) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT charter_signature_organization_key UNIQUE (organization_id)
);
CREATE INDEX charter_signature_signed_on_idx ON charter_signature (signed_on, id);
CREATE INDEX charter_signature_commune_insee_code_idx ON charter_signature (commune_insee_code);
CREATE INDEX charter_signature_qpv_code_idx ON charter_signature (qpv_code);

-- Good practices (the guide and its monographs)
CREATE TABLE good_practice (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  summary text NOT NULL CHECK (length(summary) <= 2000),
  body text NOT NULL CHECK (length(body) <= 100000),
  published_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  title_sort text COLLATE "C" GENERATED ALWAYS AS (sort_key(title)) STORED
);
CREATE INDEX good_practice_title_sort_idx ON good_practice (title_sort, id);
CREATE INDEX good_practice_published_on_idx ON good_practice ((coalesce(published_on, '-infinity'::date)), id);

CREATE TABLE good_practice_organization (
  good_practice_id integer NOT NULL CONSTRAINT good_practice_organization_good_practice_fk REFERENCES good_practice (id) ON DELETE CASCADE,
  organization_id integer NOT NULL CONSTRAINT good_practice_organization_organization_fk REFERENCES organization (id),
  PRIMARY KEY (good_practice_id, organization_id)
);
CREATE INDEX good_practice_organization_organization_id_idx ON good_practice_organization (organization_id);

CREATE TABLE good_practice_project (
  good_practice_id integer NOT NULL CONSTRAINT good_practice_project_good_practice_fk REFERENCES good_practice (id) ON DELETE CASCADE,
  project_id integer NOT NULL CONSTRAINT good_practice_project_project_fk REFERENCES project (id),
  PRIMARY KEY (good_practice_id, project_id)
);
CREATE INDEX good_practice_project_project_id_idx ON good_practice_project (project_id);

CREATE TABLE good_practice_qpv (
  good_practice_id integer NOT NULL CONSTRAINT good_practice_qpv_good_practice_fk REFERENCES good_practice (id) ON DELETE CASCADE,
  qpv_code text NOT NULL CONSTRAINT good_practice_qpv_qpv_fk REFERENCES qpv (code),
  PRIMARY KEY (good_practice_id, qpv_code)
);
CREATE INDEX good_practice_qpv_qpv_code_idx ON good_practice_qpv (qpv_code);

CREATE TABLE good_practice_theme (
  good_practice_id integer NOT NULL CONSTRAINT good_practice_theme_good_practice_fk REFERENCES good_practice (id) ON DELETE CASCADE,
  theme_code text NOT NULL CONSTRAINT good_practice_theme_theme_fk REFERENCES theme (code),
  PRIMARY KEY (good_practice_id, theme_code)
);
CREATE INDEX good_practice_theme_theme_code_idx ON good_practice_theme (theme_code);

CREATE TABLE good_practice_stake (
  good_practice_id integer NOT NULL CONSTRAINT good_practice_stake_good_practice_fk REFERENCES good_practice (id) ON DELETE CASCADE,
  stake_number smallint NOT NULL CONSTRAINT good_practice_stake_stake_fk REFERENCES stake (number),
  PRIMARY KEY (good_practice_id, stake_number)
);
CREATE INDEX good_practice_stake_stake_number_idx ON good_practice_stake (stake_number);
`;

const DOWN = `
DROP TABLE good_practice_stake, good_practice_theme, good_practice_qpv, good_practice_project,
  good_practice_organization, good_practice, charter_signature, event_organizer, participation_event,
  funding, project_participant, project_proposal, project_stake, project_qpv, project_theme, project,
  contrat_de_ville_signatory, contrat_de_ville_qpv, contrat_de_ville, membership, partner_coverage,
  organization_qpv, organization_theme, organization, proposal, stake, theme, qpv_commune, qpv,
  municipal_district, commune, epci, department, region, reference_dataset;
DROP FUNCTION sort_key(text);
`;
