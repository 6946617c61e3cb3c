/**
 * The kinds of residents' participation events of the demo dataset: titles, descriptions, when
 * they usually happen (weekday evenings or weekends, Europe/Paris local time) and how many come.
 */

export type EventKind =
  | "CONSEIL_CITOYEN"
  | "PUBLIC_MEETING"
  | "WORKSHOP"
  | "DIAGNOSTIC_EN_MARCHANT"
  | "NEIGHBOURHOOD_FESTIVAL"
  | "CONSULTATION"
  | "TRAINING";

export interface EventTemplate {
  kind: EventKind;
  weight: number;
  titles: string[];
  descriptions: string[];
  /** Local start times, in minutes after midnight, and duration range in minutes. */
  weekdayStarts: number[];
  weekendStarts: number[];
  weekendShare: number;
  duration: [number, number];
  residents: [number, number];
  associations: [number, number];
  /** Venue kinds ("Place" and "Parc" are outdoor). */
  venues: string[];
}

const H = 60;

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  {
    kind: "CONSEIL_CITOYEN",
    weight: 14,
    titles: ["Conseil citoyen {q} : séance plénière", "Conseil citoyen {de_q} : bilan de l'année", "Conseil citoyen {q} : préparation du comité de pilotage"],
    descriptions: [
      "Séance ouverte du conseil citoyen : point sur les projets du quartier, retour du dernier comité de pilotage du contrat de ville, questions des habitants.",
    ],
    weekdayStarts: [18 * H, 18 * H + 30, 19 * H],
    weekendStarts: [10 * H],
    weekendShare: 0.15,
    duration: [90, 150],
    residents: [8, 45],
    associations: [1, 6],
    venues: ["Maison de quartier", "Salle polyvalente", "Mairie de quartier", "Centre social"],
  },
  {
    kind: "PUBLIC_MEETING",
    weight: 10,
    titles: ["Réunion publique : le renouvellement urbain {de_q}", "Réunion publique sur la tranquillité {de_q}", "Réunion d'information : la rentrée des associations {de_q}"],
    descriptions: [
      "Réunion publique en présence des élus, des services de la ville, du bailleur et des associations du quartier, avec un temps de questions-réponses.",
    ],
    weekdayStarts: [18 * H, 18 * H + 30],
    weekendStarts: [10 * H + 30],
    weekendShare: 0.1,
    duration: [90, 150],
    residents: [25, 140],
    associations: [2, 10],
    venues: ["Salle des fêtes", "Salle polyvalente", "Collège", "Maison de quartier"],
  },
  {
    kind: "WORKSHOP",
    weight: 22,
    titles: [
      "Atelier cuisine du monde {de_q}", "Atelier parents-enfants : jeux de société", "Atelier de réparation de vélos", "Atelier d'écriture {de_q}",
      "Atelier numérique : les démarches en ligne", "Atelier jardinage : semis de printemps", "Atelier couture et réemploi", "Atelier théâtre-forum sur la vie du quartier",
    ],
    descriptions: [
      "Atelier ouvert à tous les habitants, gratuit, sans inscription ; les enfants sont les bienvenus.",
      "Atelier animé par des bénévoles des associations du quartier, suivi d'un temps convivial.",
    ],
    weekdayStarts: [17 * H + 30, 18 * H],
    weekendStarts: [10 * H, 14 * H, 14 * H + 30],
    weekendShare: 0.55,
    duration: [90, 180],
    residents: [6, 35],
    associations: [1, 4],
    venues: ["Centre social", "Local associatif", "Médiathèque", "Maison de quartier", "Espace jeunes"],
  },
  {
    kind: "DIAGNOSTIC_EN_MARCHANT",
    weight: 8,
    titles: ["Diagnostic en marchant {de_q} : propreté et éclairage", "Marche exploratoire des femmes {de_q}", "Diagnostic en marchant : les abords des écoles {de_q}"],
    descriptions: [
      "Parcours à pied dans le quartier avec les habitants, les services de la ville et le bailleur pour relever ensemble les dysfonctionnements et les améliorations attendues.",
    ],
    weekdayStarts: [17 * H, 17 * H + 30],
    weekendStarts: [10 * H],
    weekendShare: 0.4,
    duration: [90, 150],
    residents: [8, 35],
    associations: [1, 5],
    venues: ["Place", "Parvis de l'école", "Maison de quartier"],
  },
  {
    kind: "NEIGHBOURHOOD_FESTIVAL",
    weight: 10,
    titles: ["Fête de quartier {de_q}", "Fête des voisins géante {de_q}", "{q} en fête", "Village des associations {de_q}"],
    descriptions: [
      "Grande fête organisée par les associations et les habitants : scène ouverte, stands, jeux pour les enfants, repas partagé.",
    ],
    weekdayStarts: [17 * H],
    weekendStarts: [11 * H, 14 * H, 15 * H],
    weekendShare: 0.9,
    duration: [240, 420],
    residents: [150, 900],
    associations: [5, 25],
    venues: ["Place", "Parc", "Gymnase"],
  },
  {
    kind: "CONSULTATION",
    weight: 8,
    titles: ["Consultation des habitants : le futur square {de_q}", "Consultation : quelles activités pour les jeunes {de_q} ?", "Consultation sur les horaires de la médiathèque {de_q}"],
    descriptions: [
      "Temps de consultation des habitants : présentation des options, votes et recueil des propositions, restitution prévue au conseil citoyen.",
    ],
    weekdayStarts: [17 * H + 30, 18 * H],
    weekendStarts: [10 * H, 14 * H],
    weekendShare: 0.5,
    duration: [120, 240],
    residents: [20, 160],
    associations: [1, 6],
    venues: ["Place", "Médiathèque", "Maison de quartier", "Salle polyvalente"],
  },
  {
    kind: "TRAINING",
    weight: 8,
    titles: [
      "Formation des bénévoles : accueillir et orienter", "Formation : monter une demande de subvention", "Formation : animer une réunion participative",
      "Formation premiers secours pour les associations", "Formation : la comptabilité d'une petite association",
    ],
    descriptions: [
      "Formation gratuite ouverte aux bénévoles et salariés des associations du quartier, fédérées ou non.",
    ],
    weekdayStarts: [18 * H],
    weekendStarts: [9 * H + 30],
    weekendShare: 0.6,
    duration: [150, 210],
    residents: [4, 20],
    associations: [3, 14],
    venues: ["Maison des associations", "Local associatif", "Centre social"],
  },
];
