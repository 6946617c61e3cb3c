/**
 * The kinds of cooperation projects of the demo dataset: titles, summaries, themes, the stakes of
 * the 2021 advocacy paper they address, and the associations that usually lead them.
 */

export interface ProjectTemplate {
  key: string;
  weight: number;
  /** Title templates ({q} quartier, {c} commune, {n} evocative name, {y} year). */
  titles: string[];
  /** Summary templates, same variables. */
  summaries: string[];
  themes: string[];
  /** Stakes always addressed (1 small employers, 2 non-federated associations, 3 residents' participation, 4 cooperation with city-policy actors). */
  stakes: number[];
  /** Association kinds that usually lead it. */
  leadKinds: string[];
  /** Partner types often associated as PARTNER (not funder). */
  partnerTypes?: string[];
  /** Range of residents reached when run. */
  residents: [number, number];
  /** Range of duration in months. */
  months: [number, number];
}

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  {
    key: "aide-aux-devoirs",
    weight: 10,
    titles: ["Aide aux devoirs partagée {q}", "Réussir ensemble au quartier {q}", "Coordination de l'accompagnement scolaire {de_q}"],
    summaries: [
      "Les associations d'accompagnement à la scolarité du quartier {q} se coordonnent : un planning commun sur la semaine, des bénévoles formés ensemble, un lien régulier avec les écoles et le collège, et des temps d'échange avec les parents.",
      "Un accompagnement à la scolarité coordonné pour les enfants {de_q} : répartition des créneaux entre associations, outils pédagogiques partagés et rencontres trimestrielles avec les enseignants.",
    ],
    themes: ["015000", "021000"],
    stakes: [4],
    leadKinds: ["aide-aux-devoirs", "centre-social", "education-populaire", "langue", "parents"],
    residents: [40, 260],
    months: [10, 36],
  },
  {
    key: "jardin",
    weight: 8,
    titles: ["Jardin partagé {de_q}", "Cultivons {q}", "Un jardin au pied des immeubles {de_q}"],
    summaries: [
      "Création et animation d'un jardin partagé sur un terrain mis à disposition par le bailleur, avec les habitants, l'école voisine et les associations du quartier {q} : parcelles collectives, ateliers de jardinage au naturel, fêtes des récoltes.",
    ],
    themes: ["024000", "014000"],
    stakes: [3],
    leadKinds: ["jardin-partage", "centre-social", "habitants", "environnement", "espace-vie-sociale"],
    partnerTypes: ["SOCIAL_LANDLORD", "COMMUNE"],
    residents: [30, 180],
    months: [12, 36],
  },
  {
    key: "mediation",
    weight: 9,
    titles: ["Médiation sociale de proximité {q}", "Médiatrices dans le quartier {q}", "Tranquillité et lien social {de_q}"],
    summaries: [
      "Des médiatrices et médiateurs adultes-relais présents dans les halls, les écoles et les commerces du quartier {q}, en lien avec le bailleur, le centre social et les services de la ville, pour prévenir les conflits et orienter les habitants.",
    ],
    themes: ["019000", "003000"],
    stakes: [4, 3],
    leadKinds: ["femmes-relais", "prevention", "centre-social", "acces-aux-droits"],
    partnerTypes: ["SOCIAL_LANDLORD", "COMMUNE", "PREFECT_DELEGATE"],
    residents: [150, 900],
    months: [12, 36],
  },
  {
    key: "festival",
    weight: 8,
    titles: ["Festival de quartier {q} {y}", "Fête des habitants {de_q} {y}", "{q} en fête {y}"],
    summaries: [
      "Une fête de quartier préparée pendant six mois par un collectif d'associations et d'habitants {de_q} : scène ouverte, stands des associations, repas partagé, jeux pour les enfants, dans l'espace public.",
      "Festival construit avec les habitants du quartier {q} : comités de préparation ouverts, programmation mêlant artistes professionnels et amateurs du quartier, village associatif.",
    ],
    themes: ["006000", "008000"],
    stakes: [3, 4],
    leadKinds: ["culture", "centre-social", "interculturel", "jeunesse", "habitants", "mjc"],
    partnerTypes: ["COMMUNE", "SOCIAL_LANDLORD"],
    residents: [250, 1800],
    months: [4, 9],
  },
  {
    key: "sport-insertion",
    weight: 8,
    titles: ["Insertion par le sport {q}", "Sport, citoyenneté et emploi {de_q}", "Bouger pour s'insérer à {c}"],
    summaries: [
      "Des clubs sportifs du quartier {q} et une structure d'insertion s'associent : séances sportives régulières, préparation aux entretiens, rencontres avec des employeurs et accompagnement vers une formation ou un emploi.",
    ],
    themes: ["011000", "030000"],
    stakes: [3],
    leadKinds: ["sport", "jeunesse", "prevention", "insertion"],
    partnerTypes: ["PUBLIC_AGENCY", "COMMUNE"],
    residents: [25, 140],
    months: [9, 24],
  },
  {
    key: "acces-aux-droits",
    weight: 7,
    titles: ["Permanences d'accès aux droits {de_q}", "Accès aux droits itinérant à {c}", "Tous nos droits, près de chez nous ({q})"],
    summaries: [
      "Des permanences communes d'accès aux droits dans les locaux des associations du quartier {q}, tenues à tour de rôle par les écrivains publics, les médiatrices et des juristes bénévoles, avec un outil de suivi partagé.",
    ],
    themes: ["003000", "004000", "019000"],
    stakes: [4],
    leadKinds: ["acces-aux-droits", "femmes-relais", "centre-social", "numerique"],
    partnerTypes: ["CAF", "COMMUNE"],
    residents: [120, 700],
    months: [12, 36],
  },
  {
    key: "mobilite",
    weight: 5,
    titles: ["Mobilité solidaire vers l'emploi {de_c}", "Vélo et permis pour tous ({q})", "Se déplacer pour travailler à {c}"],
    summaries: [
      "Apprentissage du vélo, préparation au code de la route et location solidaire de véhicules pour les habitants du quartier {q} en recherche d'emploi, avec les structures d'insertion et le service public de l'emploi.",
    ],
    themes: ["030000", "024000"],
    stakes: [4],
    leadKinds: ["mobilite", "insertion", "centre-social"],
    partnerTypes: ["PUBLIC_AGENCY", "EPCI"],
    residents: [30, 220],
    months: [12, 30],
  },
  {
    key: "mutualisation-poste",
    weight: 6,
    titles: ["Un poste mutualisé de coordination {de_q}", "Mutualisation d'un poste administratif entre associations {de_c}", "Emploi partagé {q}"],
    summaries: [
      "Plusieurs petites associations employeuses du quartier {q} créent ensemble un poste de coordination et de gestion administrative (paie, dossiers de subvention, bilans), porté par l'une d'elles et financé en commun.",
      "Trois à cinq associations de moins de deux salariés mutualisent un emploi et des outils de gestion, accompagnées par le dispositif local d'accompagnement, pour consolider leurs emplois.",
    ],
    themes: ["030000", "022000"],
    stakes: [1, 4],
    leadKinds: ["femmes-relais", "aide-aux-devoirs", "culture", "espace-vie-sociale", "solidarite", "langue", "numerique"],
    partnerTypes: ["SUPPORT_SCHEME"],
    residents: [0, 60],
    months: [12, 36],
  },
  {
    key: "collectif",
    weight: 7,
    titles: ["Collectif inter-associatif {de_q}", "Associations {de_q} : agir ensemble", "Inter-associations {c}"],
    summaries: [
      "Un collectif ouvert à toutes les associations du quartier {q}, fédérées ou non : rencontres mensuelles, agenda commun, réponses conjointes à l'appel à projets du contrat de ville et porte-parole auprès de la ville et de l'État.",
    ],
    themes: ["030000", "003000"],
    stakes: [2, 4],
    leadKinds: ["centre-social", "habitants", "interculturel", "solidarite", "culture", "conseil-citoyen"],
    partnerTypes: ["PREFECT_DELEGATE", "COMMUNE", "SUPPORT_SCHEME"],
    residents: [0, 120],
    months: [12, 48],
  },
  {
    key: "diagnostic",
    weight: 5,
    titles: ["Diagnostic partagé du quartier {q}", "Regards croisés sur {q}", "Le quartier {q} vu par ses habitants"],
    summaries: [
      "Un diagnostic du quartier {q} mené avec les habitants : marches exploratoires, questionnaires portés par les associations, ateliers de restitution, et propositions remises au comité de pilotage du contrat de ville.",
    ],
    themes: ["003000", "024000"],
    stakes: [3, 4],
    leadKinds: ["conseil-citoyen", "centre-social", "habitants", "femmes-relais"],
    partnerTypes: ["COMMUNE", "EPCI", "PREFECT_DELEGATE"],
    residents: [60, 400],
    months: [4, 12],
  },
  {
    key: "numerique",
    weight: 6,
    titles: ["Inclusion numérique {q}", "Le numérique pour tous {de_q}", "Ateliers numériques partagés {de_c}"],
    summaries: [
      "Des ateliers d'initiation au numérique et un accompagnement aux démarches en ligne proposés dans plusieurs lieux du quartier {q}, avec des ordinateurs reconditionnés prêtés aux familles.",
    ],
    themes: ["005000", "015000"],
    stakes: [4],
    leadKinds: ["numerique", "centre-social", "acces-aux-droits", "jeunesse"],
    partnerTypes: ["CAF", "COMMUNE"],
    residents: [50, 350],
    months: [12, 24],
  },
  {
    key: "langue",
    weight: 5,
    titles: ["Ateliers sociolinguistiques en réseau {de_c}", "Parler français au quotidien ({q})"],
    summaries: [
      "Les associations d'ateliers sociolinguistiques du quartier {q} harmonisent leurs parcours, orientent ensemble les nouveaux arrivants et partagent la formation de leurs bénévoles.",
    ],
    themes: ["015000", "019000"],
    stakes: [4],
    leadKinds: ["langue", "centre-social", "femmes-relais", "education-populaire"],
    residents: [40, 200],
    months: [10, 24],
  },
  {
    key: "sante",
    weight: 4,
    titles: ["Santé communautaire {q}", "Bien manger, bien bouger {de_q}"],
    summaries: [
      "Des ateliers nutrition, activité physique et prévention animés par des habitantes relais formées, avec les associations sportives et le centre social du quartier {q}.",
    ],
    themes: ["017000", "011000"],
    stakes: [3],
    leadKinds: ["sante", "femmes-relais", "centre-social", "sport"],
    partnerTypes: ["PUBLIC_AGENCY", "CAF"],
    residents: [40, 300],
    months: [12, 24],
  },
  {
    key: "chantier-educatif",
    weight: 4,
    titles: ["Chantiers éducatifs jeunes {de_q}", "Premiers pas vers l'emploi ({q})"],
    summaries: [
      "Des chantiers éducatifs rémunérés de courte durée (peinture de halls, entretien d'espaces verts) pour des jeunes du quartier {q}, encadrés par l'équipe de prévention et la régie de quartier.",
    ],
    themes: ["030000", "019000"],
    stakes: [4],
    leadKinds: ["prevention", "regie-de-quartier", "insertion", "jeunesse"],
    partnerTypes: ["SOCIAL_LANDLORD"],
    residents: [15, 90],
    months: [6, 24],
  },
  {
    key: "familles",
    weight: 4,
    titles: ["Sorties et vacances familles {de_q}", "Un été au quartier {q} {y}"],
    summaries: [
      "Un programme d'été construit avec les familles du quartier {q} : sorties à la mer et en nature, activités au pied des immeubles, départs en vacances préparés avec les associations.",
    ],
    themes: ["021000", "007000"],
    stakes: [3],
    leadKinds: ["centre-social", "parents", "espace-vie-sociale", "interculturel"],
    partnerTypes: ["CAF", "SOCIAL_LANDLORD"],
    residents: [100, 600],
    months: [3, 8],
  },
  {
    key: "radio",
    weight: 3,
    titles: ["Web-radio des habitants {de_q}", "La voix du quartier {q}"],
    summaries: [
      "Une web-radio animée par les jeunes et les habitants du quartier {q} avec l'appui d'une radio associative : émissions mensuelles, reportages sur les associations, débats avant les instances du contrat de ville.",
    ],
    themes: ["005000", "006000"],
    stakes: [3],
    leadKinds: ["media", "jeunesse", "mjc", "culture"],
    residents: [30, 250],
    months: [9, 24],
  },
  {
    key: "formation-benevoles",
    weight: 4,
    titles: ["Former les bénévoles des petites associations {de_c}", "Parcours bénévoles {q}"],
    summaries: [
      "Un cycle de formations gratuites (gestion, comptabilité, demande de subvention, animation de réunion) ouvert aux bénévoles des associations du quartier {q}, fédérées ou non, avec le point d'appui Guid'Asso.",
    ],
    themes: ["015000", "020000"],
    stakes: [1, 2],
    leadKinds: ["education-populaire", "centre-social", "solidarite", "habitants"],
    partnerTypes: ["SUPPORT_SCHEME"],
    residents: [0, 40],
    months: [6, 18],
  },
  {
    key: "locaux-partages",
    weight: 3,
    titles: ["Maison des associations partagée {de_q}", "Des locaux partagés pour les associations {de_c}"],
    summaries: [
      "Des associations du quartier {q} occupent ensemble un local mis à disposition par le bailleur : planning partagé des salles, charges mutualisées, accueil commun des habitants.",
    ],
    themes: ["030000", "032000"],
    stakes: [1, 4],
    leadKinds: ["habitants", "interculturel", "culture", "solidarite", "conseil-citoyen"],
    partnerTypes: ["SOCIAL_LANDLORD", "COMMUNE"],
    residents: [0, 150],
    months: [12, 48],
  },
  {
    key: "fonds-participation",
    weight: 3,
    titles: ["Fonds de participation des habitants {de_q}", "Petits projets, grandes idées ({q})"],
    summaries: [
      "Un fonds géré par un comité d'habitants qui finance de petites initiatives du quartier {q} (fête d'immeuble, sortie, atelier) en quelques semaines, avec l'appui administratif d'une association.",
    ],
    themes: ["003000", "008000"],
    stakes: [3],
    leadKinds: ["conseil-citoyen", "centre-social", "habitants"],
    partnerTypes: ["COMMUNE"],
    residents: [80, 500],
    months: [12, 36],
  },
  {
    key: "reemploi",
    weight: 3,
    titles: ["Repair café et réemploi {de_q}", "Réparer ensemble à {c}"],
    summaries: [
      "Des ateliers de réparation et une collecte d'objets pour le réemploi, animés par des bénévoles et une ressourcerie, dans les lieux associatifs du quartier {q}.",
    ],
    themes: ["024000", "022000"],
    stakes: [3],
    leadKinds: ["environnement", "insertion", "jardin-partage"],
    residents: [40, 260],
    months: [9, 24],
  },
  {
    key: "memoire",
    weight: 2,
    titles: ["Mémoires du quartier {q}", "Histoires d'habitants {de_q}"],
    summaries: [
      "Collecte de récits d'habitants, d'archives familiales et de photographies pour une exposition itinérante et des balades urbaines dans le quartier {q}, avec les écoles et la médiathèque.",
    ],
    themes: ["009000", "006000"],
    stakes: [3],
    leadKinds: ["memoire", "culture", "aines", "media"],
    residents: [60, 400],
    months: [9, 24],
  },
  {
    key: "egalite-sport",
    weight: 3,
    titles: ["Le sport au féminin {de_q}", "Filles et garçons sur le terrain ({q})"],
    summaries: [
      "Des créneaux sportifs réservés aux filles et aux femmes, des encadrantes formées et des tournois mixtes organisés par les clubs du quartier {q} avec les associations de femmes.",
    ],
    themes: ["011000", "003000"],
    stakes: [3],
    leadKinds: ["sport", "femmes-relais", "jeunesse"],
    residents: [30, 200],
    months: [9, 24],
  },
];
