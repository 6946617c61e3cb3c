/**
 * The kinds of neighbourhood associations the demo dataset draws from: how they are named, what
 * they do, their RNA themes, how likely they are to employ staff or be federated, and the
 * networks they usually join.
 */

/** A kind of association, with the knobs the generator uses. */
export interface AssociationKind {
  key: string;
  /** Relative frequency among the demo associations. */
  weight: number;
  /** RNA theme codes (the first always applies, the others sometimes). */
  themes: string[];
  /** Name templates ({q} quartier, {c} commune, {n} evocative name; {de_x} elided "de x"). */
  names: string[];
  /** Purpose (objet) templates. */
  purposes: string[];
  /** Weights of being an employer above 2 ETP, or a small employer (0 < ETP <= 2). */
  employerWeight: number;
  smallWeight: number;
  /** ETP range when employer. */
  employerEtp: [number, number];
  /** Weight of being a member of a network. */
  federatedWeight: number;
  /** Network keys the kind usually joins, best first. */
  networks: string[];
  /** Range of creation years. */
  createdYears: [number, number];
  volunteers: [number, number];
  members: [number, number];
  /** At most one association of this kind per QPV (conseils citoyens, régies). */
  onePerQpv?: boolean;
}

export const ASSOCIATION_KINDS: readonly AssociationKind[] = [
  {
    key: "centre-social",
    weight: 14,
    themes: ["008000", "019000", "021000", "015000"],
    names: ["Centre social {n}", "Centre social et culturel {q}", "Centre social {q}", "Centre socioculturel {n}"],
    purposes: [
      "Porter un projet social de territoire au service des habitants du quartier {q} : accueil, accompagnement des familles, activités pour les enfants et les jeunes, soutien aux initiatives des habitants.",
      "Lieu d'accueil, d'animation et de participation des habitants {de_q} à {c}, agréé par la CAF : actions familles, accompagnement à la scolarité, ateliers sociolinguistiques, sorties et vacances familiales.",
    ],
    employerWeight: 30, smallWeight: 1, employerEtp: [8, 38],
    federatedWeight: 30, networks: ["fcs-nord", "fcs-93", "fcs-rhone", "inter-associations-marseille", "reseau-grenoble"],
    createdYears: [1962, 2004], volunteers: [20, 140], members: [150, 1500],
  },
  {
    key: "espace-vie-sociale",
    weight: 5,
    themes: ["008000", "019000", "014000"],
    names: ["Espace de vie sociale {n}", "Espace de vie sociale {q}"],
    purposes: [
      "Animer un espace de vie sociale de proximité dans le quartier {q} : café des habitants, ateliers parents-enfants, sorties collectives et projets portés par les habitants.",
    ],
    employerWeight: 1, smallWeight: 6, employerEtp: [2.2, 3.5],
    federatedWeight: 10, networks: ["fcs-nord", "fcs-93", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2008, 2022], volunteers: [10, 45], members: [40, 260],
  },
  {
    key: "regie-de-quartier",
    weight: 4,
    themes: ["030000", "024000", "032000"],
    names: ["Régie de quartier {q}", "Régie de quartier {de_c}", "Régie de territoire {q}"],
    purposes: [
      "Associer les habitants à la gestion de leur quartier {q} : entretien des espaces communs, petits travaux, médiation, et emplois d'insertion pour les habitants.",
      "Améliorer le cadre de vie du quartier {q} avec ses habitants, ses bailleurs et la ville, en créant des emplois d'insertion et du lien social.",
    ],
    employerWeight: 25, smallWeight: 0, employerEtp: [12, 65],
    federatedWeight: 40, networks: ["regies-hdf", "inter-associations-marseille", "reseau-grenoble", "fcs-93", "fcs-rhone"],
    createdYears: [1986, 2008], volunteers: [5, 25], members: [30, 180], onePerQpv: true,
  },
  {
    key: "prevention",
    weight: 4,
    themes: ["019000", "015000"],
    names: ["Club de prévention {n}", "Association de prévention spécialisée {de_c}", "Prévention jeunesse {q}"],
    purposes: [
      "Prévention spécialisée auprès des jeunes de 11 à 25 ans du quartier {q} : travail de rue, accompagnement éducatif individuel et collectif, chantiers éducatifs.",
    ],
    employerWeight: 20, smallWeight: 1, employerEtp: [5, 24],
    federatedWeight: 6, networks: ["union-quartiers-mel", "lma-hdf", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1972, 2000], volunteers: [3, 15], members: [15, 60],
  },
  {
    key: "sport",
    weight: 34,
    themes: ["011000", "015000", "008000"],
    names: [
      "Association sportive {q}", "Football club {q}", "Boxe éducative {q}", "Futsal {q}", "Basket club {q}",
      "Taekwondo club {de_q}", "Athlétisme {q}", "Club de lutte {de_c}", "Judo club {q}", "Sport et loisirs {q}",
      "Handball {q}", "Club de foot féminin {de_q}", "Cyclo-club {de_q}",
    ],
    purposes: [
      "Permettre aux enfants, aux jeunes et aux adultes du quartier {q} de pratiquer un sport à un coût accessible, et transmettre par le sport le respect, l'entraide et la mixité.",
      "Développer la pratique sportive de loisir et de compétition à {c}, notamment pour les filles et les jeunes du quartier {q}, avec des éducateurs bénévoles.",
    ],
    employerWeight: 3, smallWeight: 10, employerEtp: [2.2, 5],
    federatedWeight: 8, networks: ["cdos-nord", "union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1950, 2023], volunteers: [6, 60], members: [40, 450],
  },
  {
    key: "culture",
    weight: 20,
    themes: ["006000", "008000", "015000"],
    names: [
      "Compagnie {n}", "Collectif artistique {n}", "Atelier théâtre {q}", "Hip-hop {q}", "Chorale {n}",
      "Danse et cultures {q}", "Ateliers d'arts plastiques {n}", "Musiques du monde {q}", "Cinéma de quartier {n}",
    ],
    purposes: [
      "Créer et diffuser des spectacles avec et pour les habitants du quartier {q}, et proposer des ateliers de pratique artistique aux enfants et aux adultes.",
      "Favoriser l'accès à la culture et l'expression artistique des habitants {de_c} : ateliers, résidences d'artistes, sorties et restitutions dans l'espace public.",
    ],
    employerWeight: 3, smallWeight: 10, employerEtp: [2.5, 6],
    federatedWeight: 5, networks: ["ligue-nord", "union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1978, 2023], volunteers: [4, 30], members: [15, 160],
  },
  {
    key: "mjc",
    weight: 5,
    themes: ["008000", "015000", "006000"],
    names: ["Maison des jeunes et de la culture {q}", "Maison des jeunes et de la culture {n}"],
    purposes: [
      "Maison des jeunes et de la culture : favoriser l'autonomie et l'engagement des jeunes du quartier {q} par des activités culturelles, sportives, et des projets qu'ils portent eux-mêmes.",
    ],
    employerWeight: 20, smallWeight: 2, employerEtp: [4, 18],
    federatedWeight: 25, networks: ["leo-lagrange-nord", "ligue-nord", "fcs-93", "fcs-rhone", "reseau-grenoble", "inter-associations-marseille"],
    createdYears: [1960, 1995], volunteers: [10, 50], members: [80, 700],
  },
  {
    key: "education-populaire",
    weight: 8,
    themes: ["008000", "015000", "003000"],
    names: ["Amicale laïque {q}", "Éducation populaire {n}", "Association d'éducation populaire {de_q}", "Loisirs éducatifs {de_q}"],
    purposes: [
      "Association d'éducation populaire : accueils de loisirs, séjours, formation au BAFA et projets citoyens avec les enfants et les jeunes du quartier {q}.",
      "Faire vivre la laïcité, la citoyenneté et la solidarité à {c} par des activités éducatives, culturelles et sportives ouvertes à tous.",
    ],
    employerWeight: 5, smallWeight: 6, employerEtp: [2.5, 9],
    federatedWeight: 20, networks: ["ligue-nord", "leo-lagrange-nord", "fcs-93", "fcs-rhone", "reseau-grenoble", "inter-associations-marseille"],
    createdYears: [1948, 2015], volunteers: [8, 45], members: [30, 400],
  },
  {
    key: "femmes-relais",
    weight: 7,
    themes: ["019000", "003000", "014000"],
    names: ["Femmes-relais {de_c}", "Association des femmes-relais médiatrices {de_q}", "Médiatrices interculturelles {n}", "Femmes actives {de_q}"],
    purposes: [
      "Faciliter le dialogue entre les habitantes et habitants du quartier {q} et les institutions (écoles, services sociaux, santé, bailleurs) grâce à des médiatrices sociales et culturelles.",
      "Accompagner les femmes du quartier {q} dans l'accès aux droits, à la santé et à l'emploi, et lutter contre l'isolement par des actions collectives.",
    ],
    employerWeight: 2, smallWeight: 12, employerEtp: [2.5, 5],
    federatedWeight: 9, networks: ["femmes-relais-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1990, 2019], volunteers: [4, 25], members: [15, 120],
  },
  {
    key: "aide-aux-devoirs",
    weight: 15,
    themes: ["015000", "021000"],
    names: ["Accompagnement scolaire {q}", "Coup de pouce {q}", "Soutien scolaire {n}", "Les Devoirs en partage {q}", "Réussite éducative {n}"],
    purposes: [
      "Accompagnement à la scolarité des enfants du quartier {q}, du CP à la troisième, par des bénévoles, en lien avec les familles et les écoles.",
      "Aide aux devoirs, ateliers de lecture et sorties culturelles pour les enfants et les collégiens {de_c}, avec l'implication des parents.",
    ],
    employerWeight: 1, smallWeight: 7, employerEtp: [2.2, 3.5],
    federatedWeight: 6, networks: ["ligue-nord", "leo-lagrange-nord", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1995, 2023], volunteers: [6, 40], members: [15, 120],
  },
  {
    key: "jardin-partage",
    weight: 10,
    themes: ["024000", "007000", "014000"],
    names: ["Jardin partagé {q}", "Les Jardins {de_n}", "Jardins solidaires {q}", "Potager collectif {q}", "Jardin des habitants {de_q}"],
    purposes: [
      "Cultiver ensemble un jardin partagé au cœur du quartier {q}, ouvert aux habitants, aux écoles et aux associations, pour créer du lien et apprendre le jardinage au naturel.",
    ],
    employerWeight: 0, smallWeight: 2, employerEtp: [2.2, 3],
    federatedWeight: 6, networks: ["jardins-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2008, 2024], volunteers: [5, 30], members: [10, 90],
  },
  {
    key: "habitants",
    weight: 12,
    themes: ["032000", "014000", "003000"],
    names: ["Amicale des locataires {q}", "Association des habitants {de_q}", "Comité de quartier {q}", "Les Voisins {de_q}"],
    purposes: [
      "Représenter les locataires et les habitants du quartier {q} auprès des bailleurs et de la ville, et animer la vie de quartier.",
      "Défendre la qualité du cadre de vie du quartier {q} et organiser des temps conviviaux entre voisins.",
    ],
    employerWeight: 0, smallWeight: 1, employerEtp: [2.2, 3],
    federatedWeight: 3, networks: ["union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1970, 2023], volunteers: [3, 20], members: [15, 300],
  },
  {
    key: "solidarite",
    weight: 7,
    themes: ["020000", "019000", "021000"],
    names: ["Épicerie solidaire {n}", "Vestiaire solidaire {q}", "Restaurant solidaire {n}", "Entraide {q}"],
    purposes: [
      "Épicerie et actions solidaires pour les familles du quartier {q} : accès à une alimentation de qualité à petit prix, ateliers cuisine, accompagnement budgétaire.",
    ],
    employerWeight: 3, smallWeight: 8, employerEtp: [2.5, 6],
    federatedWeight: 5, networks: ["union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1985, 2022], volunteers: [10, 70], members: [20, 200],
  },
  {
    key: "acces-aux-droits",
    weight: 7,
    themes: ["003000", "004000", "019000"],
    names: ["Point accueil droits {q}", "Accès aux droits {n}", "Écrivain public {q}", "Droits pour tous {de_c}"],
    purposes: [
      "Informer et accompagner les habitants du quartier {q} dans leurs démarches administratives et l'accès à leurs droits : permanences d'écrivain public, aide aux démarches en ligne, orientation.",
    ],
    employerWeight: 2, smallWeight: 9, employerEtp: [2.5, 4],
    federatedWeight: 5, networks: ["femmes-relais-mel", "union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1992, 2023], volunteers: [4, 25], members: [10, 80],
  },
  {
    key: "sante",
    weight: 4,
    themes: ["017000", "019000"],
    names: ["Santé communautaire {q}", "Bien-être et santé {n}", "Atelier santé {q}"],
    purposes: [
      "Promouvoir la santé des habitants du quartier {q} par une démarche communautaire : ateliers nutrition et activité physique, prévention, accompagnement vers les soins.",
    ],
    employerWeight: 2, smallWeight: 6, employerEtp: [2.5, 5],
    federatedWeight: 4, networks: ["femmes-relais-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2000, 2023], volunteers: [3, 20], members: [10, 90],
  },
  {
    key: "numerique",
    weight: 6,
    themes: ["005000", "015000"],
    names: ["Médiation numérique {q}", "Cyber-espace {n}", "Clics solidaires {q}", "Numérique pour tous {de_c}"],
    purposes: [
      "Réduire la fracture numérique dans le quartier {q} : ateliers d'initiation, accompagnement aux démarches en ligne, reconditionnement d'ordinateurs.",
    ],
    employerWeight: 1, smallWeight: 8, employerEtp: [2.2, 4],
    federatedWeight: 5, networks: ["leo-lagrange-nord", "ligue-nord", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2005, 2024], volunteers: [3, 15], members: [10, 70],
  },
  {
    key: "parents",
    weight: 7,
    themes: ["021000", "015000"],
    names: ["Collectif des parents {de_q}", "Café des parents {q}", "Parents et familles {n}", "Parents solidaires {de_q}"],
    purposes: [
      "Rassembler les parents du quartier {q} pour échanger, s'entraider et agir ensemble pour la réussite et le bien-être des enfants.",
    ],
    employerWeight: 0, smallWeight: 2, employerEtp: [2.2, 3],
    federatedWeight: 5, networks: ["ligue-nord", "union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2000, 2024], volunteers: [4, 20], members: [10, 80],
  },
  {
    key: "aines",
    weight: 5,
    themes: ["021000", "007000"],
    names: ["Club des aînés {q}", "Amicale des retraités {de_q}", "Les Seniors actifs {de_q}"],
    purposes: [
      "Rompre l'isolement des personnes âgées du quartier {q} : rencontres, sorties, activités intergénérationnelles et visites de convivialité.",
    ],
    employerWeight: 0, smallWeight: 1, employerEtp: [2.2, 3],
    federatedWeight: 3, networks: ["union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1965, 2018], volunteers: [3, 15], members: [20, 150],
  },
  {
    key: "insertion",
    weight: 6,
    themes: ["030000", "022000", "024000"],
    names: ["Chantier d'insertion {n}", "Atelier chantier d'insertion {q}", "Association intermédiaire {n}", "Ressourcerie {n}"],
    purposes: [
      "Accompagner vers l'emploi des habitants qui en sont éloignés par une activité de production (bâtiment, espaces verts, réemploi) et un accompagnement socio-professionnel.",
    ],
    employerWeight: 20, smallWeight: 1, employerEtp: [6, 45],
    federatedWeight: 8, networks: ["lma-hdf", "union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1985, 2018], volunteers: [2, 12], members: [10, 60],
  },
  {
    key: "mobilite",
    weight: 4,
    themes: ["030000", "024000"],
    names: ["Auto-école sociale {n}", "Vélo-école {q}", "Garage solidaire {n}", "Mobilités solidaires {de_c}"],
    purposes: [
      "Lever les freins de mobilité des habitants du quartier {q} vers l'emploi et la formation : apprentissage du vélo et de la conduite, location solidaire, conseil en mobilité.",
    ],
    employerWeight: 4, smallWeight: 6, employerEtp: [2.5, 7],
    federatedWeight: 4, networks: ["union-quartiers-mel", "lma-hdf", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2002, 2023], volunteers: [3, 15], members: [10, 60],
  },
  {
    key: "langue",
    weight: 8,
    themes: ["015000", "019000"],
    names: ["Ateliers sociolinguistiques {q}", "Français pour tous {de_q}", "Alphabétisation {n}", "Les Mots partagés {de_q}"],
    purposes: [
      "Ateliers sociolinguistiques et cours de français pour les adultes du quartier {q}, pour gagner en autonomie dans la vie quotidienne, l'emploi et le suivi de la scolarité des enfants.",
    ],
    employerWeight: 1, smallWeight: 7, employerEtp: [2.2, 3.5],
    federatedWeight: 6, networks: ["ligue-nord", "femmes-relais-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1980, 2022], volunteers: [6, 35], members: [20, 150],
  },
  {
    key: "media",
    weight: 3,
    themes: ["005000", "006000"],
    names: ["Radio {n}", "Web-radio {q}", "Journal de quartier {q}"],
    purposes: [
      "Donner la parole aux habitants du quartier {q} par une radio et un journal participatifs, et former les jeunes aux médias.",
    ],
    employerWeight: 2, smallWeight: 6, employerEtp: [2.5, 4],
    federatedWeight: 4, networks: ["union-quartiers-mel", "ligue-nord", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1982, 2022], volunteers: [4, 25], members: [10, 80],
  },
  {
    key: "conseil-citoyen",
    weight: 5,
    themes: ["003000", "014000"],
    names: ["Conseil citoyen {q}", "Conseil citoyen {de_q}"],
    purposes: [
      "Conseil citoyen du quartier prioritaire {q}, constitué en association : faire entendre la parole des habitants dans le contrat de ville et dans les projets du quartier.",
    ],
    employerWeight: 0, smallWeight: 0, employerEtp: [2.2, 3],
    federatedWeight: 2, networks: ["union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2015, 2024], volunteers: [6, 20], members: [8, 40], onePerQpv: true,
  },
  {
    key: "memoire",
    weight: 3,
    themes: ["009000", "006000"],
    names: ["Mémoire {de_q}", "Histoire et patrimoine {de_q}", "Mémoires ouvrières {de_c}"],
    purposes: [
      "Recueillir et transmettre la mémoire du quartier {q} et de ses habitants : collecte de récits, expositions, balades urbaines.",
    ],
    employerWeight: 0, smallWeight: 1, employerEtp: [2.2, 3],
    federatedWeight: 3, networks: ["union-quartiers-mel", "ligue-nord", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1990, 2022], volunteers: [3, 15], members: [10, 70],
  },
  {
    key: "interculturel",
    weight: 8,
    themes: ["014000", "006000", "020000"],
    names: ["Association culturelle {n}", "Amitiés {n}", "Échanges et cultures {q}", "Maison des cultures {n}"],
    purposes: [
      "Favoriser les rencontres et les échanges entre les cultures présentes dans le quartier {q} : fêtes, repas partagés, cours, solidarité internationale.",
    ],
    employerWeight: 0, smallWeight: 3, employerEtp: [2.2, 3],
    federatedWeight: 3, networks: ["union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1975, 2023], volunteers: [5, 40], members: [20, 200],
  },
  {
    key: "jeunesse",
    weight: 7,
    themes: ["008000", "011000", "030000"],
    names: ["Association jeunesse {q}", "Les Jeunes {de_q}", "Collectif jeunes {q}", "Initiatives jeunes {n}"],
    purposes: [
      "Accompagner les projets des jeunes du quartier {q} : loisirs, séjours, engagement citoyen, aide à l'orientation et au premier emploi.",
    ],
    employerWeight: 2, smallWeight: 6, employerEtp: [2.5, 5],
    federatedWeight: 5, networks: ["leo-lagrange-nord", "union-quartiers-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [1995, 2024], volunteers: [4, 25], members: [15, 120],
  },
  {
    key: "environnement",
    weight: 4,
    themes: ["024000", "022000"],
    names: ["Quartier zéro déchet {q}", "Repair café {q}", "Nature en ville {q}"],
    purposes: [
      "Agir avec les habitants du quartier {q} pour un cadre de vie plus propre et plus vert : ateliers de réparation, compostage, nettoyages citoyens, végétalisation.",
    ],
    employerWeight: 1, smallWeight: 4, employerEtp: [2.2, 3.5],
    federatedWeight: 5, networks: ["jardins-mel", "fcs-93", "inter-associations-marseille", "fcs-rhone", "reseau-grenoble"],
    createdYears: [2010, 2024], volunteers: [5, 30], members: [10, 100],
  },
];

export const KIND_BY_KEY = new Map(ASSOCIATION_KINDS.map((k) => [k.key, k]));
