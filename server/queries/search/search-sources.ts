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
 * row, folded as `search_fold(column)` (the expression its GIN trigram index is built on), or the name of a
 * related commune, reached through the communes that match (themselves found through their own index)
 * and the row's foreign-key index.
 */
export type SearchableText = {
  field: SearchField;
  /** How much a match here counts, 0 to 1 (a record's own name or title counts most). */
  weight: number;
  /** Name-like text: the whole searched text is compared with it (an exact name scores 1). */
  phrase: boolean;
  /**
   * Mostly one word (a commune's name): a word close to the whole of it counts too (`%`), which tolerates a
   * typo in a short name ("Roubiax"). Not for longer texts: with so few trigrams to share, the index would
   * hand over most rows to be rechecked.
   */
  wholeWord: boolean;
  /** SQL of the row's folded text when it has one value (folded once per row, then measured); null when it has several. */
  value: string | null;
  /** For several values (a QPV's communes): the largest `measure(folded)` over them, 0 when there is none. */
  best?(measure: (folded: string) => string): string;
} & (
  | { own: true; folded: string }
  | {
      own: false;
      /** Keys of the source's records related to the communes listed in `communes` (a CTE with `insee_code`). */
      keysThrough(communes: string): string;
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
  texts: SearchableText[];
  /** Territory conditions (the filter's communes, EPCI, départements, régions). */
  territory(params: SqlParams, criteria: TerritoryCriteria): string[];
}

/** A column of the row, folded. */
function column(field: SearchField, weight: number, phrase: boolean, expression: string): SearchableText {
  const folded = `search_fold(${expression})`;
  return { field, weight, phrase, wholeWord: false, own: true, folded, value: folded };
}

/** The name of the commune a row points to through `commune_insee_code` (head office, venue). */
function communeOf(table: string, alias: string, weight: number): SearchableText {
  return {
    field: SearchField.COMMUNE, weight, phrase: true, wholeWord: true, own: false,
    keysThrough: (communes) => `SELECT r.id FROM ${communes} m JOIN ${table} r ON r.commune_insee_code = m.insee_code`,
    value: `(SELECT search_fold(sc.name) FROM commune sc WHERE sc.insee_code = ${alias}.commune_insee_code)`,
  };
}

/**
 * A commune's own name, read from the matched communes (computed once per statement, as other kinds reach
 * records through them too) rather than matched a second time.
 */
function communeName(weight: number): SearchableText {
  return {
    field: SearchField.NAME, weight, phrase: true, wholeWord: true, own: false,
    keysThrough: (communes) => `SELECT m.insee_code FROM ${communes} m`,
    value: "search_fold(c.name)",
  };
}

/** The names of the communes a QPV lies in. */
function communesOfQpv(weight: number): SearchableText {
  return {
    field: SearchField.COMMUNE, weight, phrase: true, wholeWord: true, own: false,
    keysThrough: (communes) => `SELECT r.qpv_code FROM ${communes} m JOIN qpv_commune r ON r.commune_insee_code = m.insee_code`,
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
    sort: "o.name_sort",
    where: [`o.kind = '${association ? "ASSOCIATION" : "PARTNER"}'`, "o.archived_at IS NULL"],
    codes: association ? ["o.rna", "o.siren", "o.siret"] : ["o.siren", "o.siret"],
    texts: [
      column(SearchField.NAME, OWN, true, "o.name"),
      column(SearchField.SHORT_NAME, SHORT_NAME, true, "o.short_name"),
      communeOf("organization", "o", COMMUNE),
      ...(association ? [column(SearchField.PURPOSE, LONG_TEXT, false, "o.purpose")] : []),
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
    sort: "pr.title_sort", where: ["pr.archived_at IS NULL", "NOT pr.draft"], codes: [],
    texts: [column(SearchField.TITLE, OWN, true, "pr.title"), column(SearchField.SUMMARY, LONG_TEXT, false, "pr.summary")],
    territory: throughQpvs("project_qpv", "project_id", "pr.id"),
  },
  {
    kind: SearchKind.EVENT, rank: 4, entity: ParticipationEvent, table: "participation_event", alias: "ev", key: "ev.id", keyColumn: "id",
    keyType: "integer", sort: "ev.title_sort", where: ["ev.archived_at IS NULL", "NOT ev.draft"], codes: [],
    texts: [
      column(SearchField.TITLE, OWN, true, "ev.title"),
      column(SearchField.VENUE, VENUE, true, "ev.venue_name"),
      communeOf("participation_event", "ev", COMMUNE),
      column(SearchField.DESCRIPTION, LONG_TEXT, false, "ev.description"),
    ],
    territory: (params, criteria) => territoryConditions(params, criteria, "ev.commune_insee_code"),
  },
  {
    kind: SearchKind.GOOD_PRACTICE, rank: 5, entity: GoodPractice, table: "good_practice", alias: "gp", key: "gp.id", keyColumn: "id",
    keyType: "integer", sort: "gp.title_sort", where: ["gp.archived_at IS NULL"], codes: [],
    texts: [column(SearchField.TITLE, OWN, true, "gp.title"), column(SearchField.SUMMARY, LONG_TEXT, false, "gp.summary")],
    territory: throughQpvs("good_practice_qpv", "good_practice_id", "gp.id"),
  },
  {
    kind: SearchKind.QPV, rank: 6, entity: Qpv, table: "qpv", alias: "q", key: "q.code", keyColumn: "code", keyType: "text",
    sort: "q.name_sort", where: [], codes: ["q.code"],
    texts: [column(SearchField.NAME, OWN, true, "q.name"), communesOfQpv(COMMUNE)],
    territory: (params, criteria) => {
      if (!hasTerritory(criteria)) return [];
      return [`q.code IN (SELECT tqc.qpv_code FROM qpv_commune tqc WHERE ${territoryConditions(params, criteria, "tqc.commune_insee_code").join(" AND ")})`];
    },
  },
  {
    kind: SearchKind.COMMUNE, rank: 7, entity: Commune, table: "commune", alias: "c", key: "c.insee_code", keyColumn: "insee_code", keyType: "text",
    sort: "c.name_sort", where: [], codes: ["c.insee_code"],
    texts: [communeName(OWN)],
    territory: (params, criteria) => territoryConditions(params, criteria, "c.insee_code"),
  },
];
