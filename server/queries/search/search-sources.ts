import { Commune } from "../../../entities/commune.entity";
import { GoodPractice } from "../../../entities/good-practice.entity";
import { Organization } from "../../../entities/organization.entity";
import { ParticipationEvent } from "../../../entities/participation-event.entity";
import { CooperationProject } from "../../../entities/project.entity";
import { Qpv } from "../../../entities/qpv.entity";
import { SearchField, SearchKind } from "../../../schema/types/search-kind";
import { SqlParams } from "../../database/sql-params";
import { hasTerritory, TerritoryCriteria, territoryConditions } from "../filters/territory-conditions";

/**
 * A text of a record that search compares with the searched words. Either a column of the record's own
 * row, whose words are in the row's `search_vector` (full-text, `maillage_fr`) under one weight letter, or
 * the name of a related commune, reached through the communes whose `search_vector` matches (found through
 * their own index) and the row's foreign-key index.
 */
export type SearchableText = {
  field: SearchField;
  /** How much a match here counts, 0 to 1 (a record's own name or title counts most). */
  weight: number;
  /** Name-like text: the whole searched text is compared with it by trigram similarity (an exact name scores 1). */
  phrase: boolean;
  /** SQL of the row's folded text when it has one value (folded once per row, then measured); null when it has several. */
  value: string | null;
  /** For several values (a QPV's communes): the largest `measure(folded)` over them, 0 when there is none. */
  best?(measure: (folded: string) => string): string;
} & (
  | {
      own: true;
      /** The text folded by `search_fold` (its trigram index serves a text without significant words). */
      folded: string;
      /** Its weight letter in the row's `search_vector` (`ts_filter` keeps its words only). */
      label: "a" | "b" | "c";
      /**
       * The column's stored sort key (`sort_key`, b-tree indexed), when it has one: a text of stop words only
       * ("de la") finds the records whose name or title is that text, through this index (see `candidates`).
       */
      sorted?: string;
    }
  | {
      own: false;
      /** The condition that a record is related to one of the communes listed by `communes` (a subquery of `insee_code`). */
      through(communes: string): string;
      /**
       * The same condition checked on rows found otherwise (an uncorrelated IN: a hashed subplan, not an index
       * probe per listed commune); for the kinds whose rows holding a word are few (`fewPerWord`).
       */
      within(communes: string): string;
      /** The closeness of a word to this text, given `closenessIn(document)` of the word (0 when none). */
      closeness(closenessIn: (document: string) => string): string;
    }
);

/** Where one kind of search result comes from. */
export interface SearchSource {
  kind: SearchKind;
  /** Position of the kind in the tie-break (after score and name). */
  rank: number;
  entity: Function;
  table: string;
  alias: string;
  /** Unique key, and its SQL type for loading the row back. */
  key: string;
  keyColumn: string;
  keyType: "integer" | "text";
  /** Folded name or title (COLLATE "C"), the tie-break between equal scores. */
  sort: string;
  /** Conditions every result of this kind meets (kind, archived records and drafts left out: search covers the public graph). */
  where: string[];
  /** Identifier columns matched exactly against a code-like searched text. */
  codes: string[];
  /** The row's full-text document (a generated column: name A, short name or venue B, long text C). */
  vector: string;
  /**
   * Popularity prior, 0 to 1 (SQL on the row): how active or large the record is. It only breaks ties: it
   * moves a score by at most 5% of what separates it from 1.
   */
  prior: string;
  /**
   * The prior as the first order reads it for every visited match (up to MAILLAGE_SEARCH_COUNTED + 1 per kind),
   * when `prior` is costly there: the same value in floating point (numeric `ln` cost about 8 µs a row). Only
   * which of the visited matches are scored depends on it; scores and their order use `prior`.
   */
  firstOrderPrior?: string;
  /**
   * The rows of this kind holding a given word are few (partners: 3% of the organisations). A route with some
   * words in the row's own document and others in a commune's name then reads the former by index and checks
   * the commune with `within`: probing the commune index for each commune matching the other words (4,433
   * for "saint", 9,400 index pages) cost more than reading the few rows holding the own words.
   */
  fewPerWord?: boolean;
  texts: SearchableText[];
  /** Territory conditions (the filter's communes, EPCI, départements, régions). */
  territory(params: SqlParams, criteria: TerritoryCriteria): string[];
}

/**
 * A column of the row, folded, and its weight letter in the row's `search_vector`. `sorted`: the column's
 * stored sort key (`sort_key`: accents, case and punctuation folded much as `search_fold` does, and
 * pg_trgm splits words on what is left), measured instead of folding the text again for every row.
 */
function column(field: SearchField, weight: number, phrase: boolean, expression: string, label: "a" | "b" | "c", sorted?: string): SearchableText {
  const folded = `search_fold(${expression})`;
  return { field, weight, phrase, own: true, folded, label, value: sorted ?? folded, sorted };
}

/** The name of the commune a row points to through `commune_insee_code` (head office, venue). */
function communeOf(table: string, alias: string, weight: number): SearchableText {
  return {
    field: SearchField.COMMUNE, weight, phrase: true, own: false,
    // The row's own foreign key against the communes' codes: its index joins the BitmapOr directly.
    through: (communes) => `${alias}.commune_insee_code = ANY(ARRAY(${communes}))`,
    within: (communes) => `${alias}.commune_insee_code IN (${communes})`,
    closeness: (closenessIn) => `coalesce((SELECT ${closenessIn("sc.search_vector")} FROM commune sc WHERE sc.insee_code = ${alias}.commune_insee_code), 0)`,
    value: `(SELECT search_fold(sc.name) FROM commune sc WHERE sc.insee_code = ${alias}.commune_insee_code)`,
  };
}

/** The names of the communes a QPV lies in. */
function communesOfQpv(weight: number): SearchableText {
  return {
    field: SearchField.COMMUNE, weight, phrase: true, own: false,
    through: (communes) => `q.code = ANY(ARRAY(SELECT r.qpv_code FROM qpv_commune r WHERE r.commune_insee_code IN (${communes})))`,
    within: (communes) => `q.code IN (SELECT r.qpv_code FROM qpv_commune r WHERE r.commune_insee_code IN (${communes}))`,
    closeness: (closenessIn) => `coalesce((SELECT max(${closenessIn("sc.search_vector")}) FROM qpv_commune sqc JOIN commune sc
      ON sc.insee_code = sqc.commune_insee_code WHERE sqc.qpv_code = q.code), 0)`,
    value: null,
    best: (measure) => `coalesce((SELECT max(${measure("search_fold(sc.name)")}) FROM qpv_commune sqc JOIN commune sc
      ON sc.insee_code = sqc.commune_insee_code WHERE sqc.qpv_code = q.code), 0)`,
  };
}

/** Territory through the QPVs a record is linked to (projects, good practices). */
function throughQpvs(linkTable: string, linkColumn: string, key: string) {
  return (params: SqlParams, criteria: TerritoryCriteria): string[] => {
    if (!hasTerritory(criteria)) return [];
    const inTerritory = territoryConditions(params, criteria, "tqc.commune_insee_code").join(" AND ");
    return [`${key} IN (SELECT tl.${linkColumn} FROM ${linkTable} tl JOIN qpv_commune tqc ON tqc.qpv_code = tl.qpv_code WHERE ${inTerritory})`];
  };
}

// Weights: the record's own name or title counts fully; a short name nearly so; a venue, then a related
// commune, less; long texts (purpose, summary, description) only by their words, at half weight.
const OWN = 1;
const SHORT_NAME = 0.9;
const VENUE = 0.7;
const COMMUNE = 0.6;
const LONG_TEXT = 0.5;

function organizations(kind: SearchKind.ASSOCIATION | SearchKind.PARTNER, rank: number): SearchSource {
  const association = kind === SearchKind.ASSOCIATION;
  return {
    kind, rank, entity: Organization, table: "organization", alias: "o", key: "o.id", keyColumn: "id", keyType: "integer",
    fewPerWord: !association,
    sort: "o.name_sort",
    where: [`o.kind = '${association ? "ASSOCIATION" : "PARTNER"}'`, "o.archived_at IS NULL"],
    codes: association ? ["o.rna", "o.siren", "o.siret"] : ["o.siren", "o.siret"],
    vector: "o.search_vector",
    // People and staff (an FTE counts as ten people) and the networks it belongs to, on a log scale: 0 for an
    // empty record, about 0.5 for 150 people, 1 from about 22,000.
    prior: `least(1, ln(1 + coalesce(o.members, 0) + coalesce(o.volunteers, 0) + 10 * coalesce(o.staff_etp, 0) + 20 * o.current_networks) / 10)::float8`,
    firstOrderPrior: `least(1, ln((1 + coalesce(o.members, 0) + coalesce(o.volunteers, 0) + 10 * coalesce(o.staff_etp, 0) + 20 * o.current_networks)::float8) / 10)`,
    texts: [
      column(SearchField.NAME, OWN, true, "o.name", "a", "o.name_sort"),
      column(SearchField.SHORT_NAME, SHORT_NAME, true, "o.short_name", "b"),
      communeOf("organization", "o", COMMUNE),
      ...(association ? [column(SearchField.PURPOSE, LONG_TEXT, false, "o.purpose", "c")] : []),
    ],
    territory: (params, criteria) => territoryConditions(params, criteria, "o.commune_insee_code"),
  };
}

/** Every kind, in tie-break order. */
export const SEARCH_SOURCES: readonly SearchSource[] = [
  organizations(SearchKind.ASSOCIATION, 1),
  organizations(SearchKind.PARTNER, 2),
  {
    kind: SearchKind.PROJECT, rank: 3, entity: CooperationProject, table: "project", alias: "pr", key: "pr.id", keyColumn: "id", keyType: "integer",
    sort: "pr.title_sort", where: ["pr.archived_at IS NULL", "NOT pr.draft"], codes: [], vector: "pr.search_vector",
    prior: "least(1, ln(1 + coalesce(pr.residents_reached, 0)) / 10)::float8",
    texts: [column(SearchField.TITLE, OWN, true, "pr.title", "a", "pr.title_sort"), column(SearchField.SUMMARY, LONG_TEXT, false, "pr.summary", "c")],
    territory: throughQpvs("project_qpv", "project_id", "pr.id"),
  },
  {
    kind: SearchKind.EVENT, rank: 4, entity: ParticipationEvent, table: "participation_event", alias: "ev", key: "ev.id", keyColumn: "id",
    keyType: "integer", sort: "ev.title_sort", where: ["ev.archived_at IS NULL", "NOT ev.draft"], codes: [], vector: "ev.search_vector", prior: "0::float8",
    texts: [
      column(SearchField.TITLE, OWN, true, "ev.title", "a", "ev.title_sort"),
      column(SearchField.VENUE, VENUE, true, "ev.venue_name", "b"),
      communeOf("participation_event", "ev", COMMUNE),
      column(SearchField.DESCRIPTION, LONG_TEXT, false, "ev.description", "c"),
    ],
    territory: (params, criteria) => territoryConditions(params, criteria, "ev.commune_insee_code"),
  },
  {
    kind: SearchKind.GOOD_PRACTICE, rank: 5, entity: GoodPractice, table: "good_practice", alias: "gp", key: "gp.id", keyColumn: "id",
    keyType: "integer", sort: "gp.title_sort", where: ["gp.archived_at IS NULL"], codes: [], vector: "gp.search_vector", prior: "0::float8",
    texts: [column(SearchField.TITLE, OWN, true, "gp.title", "a", "gp.title_sort"), column(SearchField.SUMMARY, LONG_TEXT, false, "gp.summary", "c")],
    territory: throughQpvs("good_practice_qpv", "good_practice_id", "gp.id"),
  },
  {
    kind: SearchKind.QPV, rank: 6, entity: Qpv, table: "qpv", alias: "q", key: "q.code", keyColumn: "code", keyType: "text",
    sort: "q.name_sort", where: [], codes: ["q.code"], vector: "q.search_vector", prior: "0::float8",
    texts: [column(SearchField.NAME, OWN, true, "q.name", "a", "q.name_sort"), communesOfQpv(COMMUNE)],
    territory: (params, criteria) => {
      if (!hasTerritory(criteria)) return [];
      return [`q.code IN (SELECT tqc.qpv_code FROM qpv_commune tqc WHERE ${territoryConditions(params, criteria, "tqc.commune_insee_code").join(" AND ")})`];
    },
  },
  {
    kind: SearchKind.COMMUNE, rank: 7, entity: Commune, table: "commune", alias: "c", key: "c.insee_code", keyColumn: "insee_code", keyType: "text",
    sort: "c.name_sort", where: [], codes: ["c.insee_code"], vector: "c.search_vector",
    // Communes where the policy of the city is at work first: one QPV counts 0.5, two or more 1 (of the
    // five Saint-Denis, the one in Seine-Saint-Denis).
    prior: "least(1, (SELECT count(*) FROM qpv_commune pqc WHERE pqc.commune_insee_code = c.insee_code) / 2.0)::float8",
    texts: [column(SearchField.NAME, OWN, true, "c.name", "a", "c.name_sort")],
    territory: (params, criteria) => territoryConditions(params, criteria, "c.insee_code"),
  },
];
