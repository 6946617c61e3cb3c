/**
 * The French words of the schema's enums, for people, in one place: the explorer shows them
 * (explorer/src/ui/dom.ts `LABELS`) and the spreadsheet form of the CSV exports writes them instead
 * of the codes. tests/unit/french-labels.test.ts checks every value of each enum has its word.
 * No import here: the explorer's bundle takes this file as it is.
 */
export const FRENCH_LABELS = {
  AccessibilityFeature: {
    CHILDCARE: "Garde d'enfants", EASY_READ: "Facile à lire et à comprendre", HEARING_LOOP: "Boucle magnétique",
    INTERPRETING: "Interprétariat", SIGN_LANGUAGE: "Langue des signes", WHEELCHAIR: "Accessible en fauteuil",
  },
  AssociationGrouping: { SIMPLE: "Association simple", UNION: "Union", FEDERATION: "Fédération" },
  CooperationKind: { PROJECT: "Projet", EVENT: "Événement", FUNDING: "Financement", MEMBERSHIP: "Adhésion" },
  EmployerSize: { NONE: "Sans salarié", SMALL_EMPLOYER: "Petit employeur (≤ 2 ETP)", EMPLOYER: "Employeur (> 2 ETP)" },
  EventKind: {
    CONSEIL_CITOYEN: "Conseil citoyen", CONSULTATION: "Concertation", DIAGNOSTIC_EN_MARCHANT: "Diagnostic en marchant",
    NEIGHBOURHOOD_FESTIVAL: "Fête de quartier", PUBLIC_MEETING: "Réunion publique", TRAINING: "Formation", WORKSHOP: "Atelier",
  },
  FundingScheme: { ADULTE_RELAIS: "Adulte-relais", CONTRAT_DE_VILLE: "Contrat de ville", DLA: "DLA", FONJEP: "FONJEP", OTHER: "Autre" },
  ParticipantRole: { LEAD: "Porteur", PARTNER: "Partenaire", FUNDER: "Financeur", SUPPORT: "Appui" },
  PartnerType: {
    ANCT: "ANCT", CAF: "CAF", COMMUNE: "Commune", COMPANY: "Entreprise", DEPARTMENT: "Département", EPCI: "EPCI",
    FOUNDATION: "Fondation", OTHER: "Autre", PREFECT_DELEGATE: "Délégué du préfet", PUBLIC_AGENCY: "Agence publique",
    REGION: "Région", SOCIAL_LANDLORD: "Bailleur social", STATE_SERVICE: "Service de l'État", SUPPORT_SCHEME: "Dispositif d'appui",
  },
  ProjectStatus: { PROPOSED: "Proposé", ACTIVE: "En cours", COMPLETED: "Terminé", ABANDONED: "Abandonné" },
  QpvPresenceKind: { BASED: "Siège", ACTIVE: "Active", POSSIBLY_BASED: "Siège possible" },
  SearchKind: {
    ASSOCIATION: "Association", PARTNER: "Partenaire", PROJECT: "Projet", EVENT: "Événement",
    GOOD_PRACTICE: "Bonne pratique", QPV: "QPV", COMMUNE: "Commune",
  },
  SuggestionReasonKind: { SAME_QPV: "Même QPV", NEARBY_QPV: "QPV voisin", SHARED_THEME: "Thème partagé", COMPLEMENTARY_THEME: "Thème complémentaire" },
  /**
   * The 4 stakes of the advocacy paper, by number: the reference data holds them in English
   * (server/reference/stakes.ts); these are their French wording, for people.
   */
  Stake: {
    1: "Soutenir les petites associations employeuses (jusqu'à 2 équivalents temps plein).",
    2: "Garantir l'expression et la place des associations non fédérées.",
    3: "Favoriser la participation des habitants.",
    4: "Mieux coopérer entre associations et acteurs de la politique de la ville.",
  },
} as const satisfies Record<string, Record<string, string>>;

export type LabelledEnum = keyof typeof FRENCH_LABELS;

/** The French word of an enum value; null stays null. A value without a word is a bug the unit test catches. */
export function frenchLabel(group: LabelledEnum, value: string | number | null | undefined): string | null {
  if (value == null) return null;
  return (FRENCH_LABELS[group] as Record<string, string>)[value] ?? value;
}
