import { registerEnumType } from "type-graphql";

/** What `search` can find: one value per type of the `SearchResult` union. */
export enum SearchKind {
  ASSOCIATION = "ASSOCIATION",
  PARTNER = "PARTNER",
  PROJECT = "PROJECT",
  EVENT = "EVENT",
  GOOD_PRACTICE = "GOOD_PRACTICE",
  QPV = "QPV",
  COMMUNE = "COMMUNE",
}
registerEnumType(SearchKind, {
  name: "SearchKind",
  description: "Kind of record `search` can find.",
  valuesConfig: {
    ASSOCIATION: { description: "Associations (`Association`), by name, short name, purpose, RNA/SIREN/SIRET or head-office commune." },
    PARTNER: { description: "Institutional partners (`Partner`), by name, short name, SIREN/SIRET or head-office commune." },
    PROJECT: { description: "Cooperation projects (`CooperationProject`), by title or summary." },
    EVENT: { description: "Participation events (`ParticipationEvent`), by title, venue, venue commune or description." },
    GOOD_PRACTICE: { description: "Good practices (`GoodPractice`), by title or summary." },
    QPV: { description: "QPVs (`Qpv`), by name, code or the communes they lie in." },
    COMMUNE: { description: "Communes (`Commune`), by name or INSEE code." },
  },
});

/** Which text of a result matched the search. */
export enum SearchField {
  NAME = "NAME",
  SHORT_NAME = "SHORT_NAME",
  TITLE = "TITLE",
  CODE = "CODE",
  COMMUNE = "COMMUNE",
  VENUE = "VENUE",
  PURPOSE = "PURPOSE",
  SUMMARY = "SUMMARY",
  DESCRIPTION = "DESCRIPTION",
}
registerEnumType(SearchField, {
  name: "SearchField",
  description: "A text of a search result that the searched text matched.",
  valuesConfig: {
    NAME: { description: "Name (organisation, QPV, commune)." },
    SHORT_NAME: { description: "Short name or acronym of an organisation." },
    TITLE: { description: "Title (project, event, good practice)." },
    CODE: { description: "An identifier given exactly: QPV code, INSEE code, RNA, SIREN or SIRET." },
    COMMUNE: { description: "Name of a related commune: an organisation's head office, an event's venue, the communes a QPV lies in." },
    VENUE: { description: "Name of an event's venue." },
    PURPOSE: { description: "Purpose (objet) of an association." },
    SUMMARY: { description: "Summary (project, good practice)." },
    DESCRIPTION: { description: "Description of an event." },
  },
});
