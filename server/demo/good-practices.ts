import type { DemoGoodPractice, DemoOrganization, DemoProject } from "./dataset";
import type { OrganizationsPart } from "./build-organizations";
import { fill } from "./names";
import { Random } from "./random";
import type { AreaKey, DemoTerritory } from "./territory";

/**
 * The good practices of the demo dataset: short monographs of local cooperation patterns
 * (shared posts, inter-associative collectives, shared diagnosis...), written for the demo and
 * attributed to demo organisations, projects and QPVs picked to fit each story.
 */
interface GoodPracticeSpec {
  title: string;
  summary: string;
  /** Paragraphs; {q} is the first QPV's label and {c} the first commune's name. */
  paragraphs: string[];
  publishedOn: string;
  area: AreaKey;
  communes: string[];
  associationKinds: string[];
  associationCount: number;
  onlySmallEmployers?: boolean;
  onlyNonFederated?: boolean;
  networks?: string[];
  partners?: string[];
  projectTemplates?: string[];
  themes: string[];
  stakes: number[];
}

const SPECS: readonly GoodPracticeSpec[] = [
  {
    title: "Mutualiser un poste de coordination entre petites associations employeuses",
    summary: "Quatre associations de moins de deux salariés partagent un poste de coordination administrative : paie, dossiers de subvention et bilans sont désormais tenus à jour, et les bénévoles se recentrent sur les habitants.",
    paragraphs: [
      "Dans le quartier {q} à {c}, plusieurs associations employaient chacune un ou deux salariés à temps partiel, souvent sur des postes d'adultes-relais ou des contrats aidés. Les présidentes et présidents bénévoles passaient une grande partie de leur temps sur la paie, les déclarations sociales et les dossiers de subvention, au détriment de l'action auprès des habitants.",
      "Accompagnées par le dispositif local d'accompagnement, quatre d'entre elles ont étudié pendant six mois la création d'un poste partagé. L'une des associations porte le contrat de travail ; une convention entre les quatre fixe la répartition du temps de travail, la clé de financement et les règles de décision. Un comité de suivi réunit les quatre bureaux chaque trimestre.",
      "Le poste de coordination assure la gestion administrative commune, prépare les dossiers de l'appel à projets du contrat de ville et tient un calendrier partagé des échéances. Les associations ont aussi mutualisé un logiciel de paie et un expert-comptable.",
      "Au bout de deux ans, aucune des associations n'a perdu de financement faute de dossier déposé à temps, et deux postes d'animation ont été consolidés. Les points de vigilance : bien écrire la convention dès le départ, prévoir le cas où une association se retire, et garder un temps de rencontre entre les équipes pour que le poste ne soit pas seulement administratif.",
    ],
    publishedOn: "2023-03-15",
    area: "lille",
    communes: ["59512", "59299", "59650"],
    associationKinds: ["femmes-relais", "aide-aux-devoirs", "langue", "numerique", "solidarite", "acces-aux-droits", "espace-vie-sociale"],
    associationCount: 4,
    onlySmallEmployers: true,
    partners: ["dla-59", "piva-roubaix", "ville-roubaix"],
    projectTemplates: ["mutualisation-poste"],
    themes: ["030000", "022000"],
    stakes: [1, 4],
  },
  {
    title: "Un collectif inter-associatif pour répondre ensemble à l'appel à projets du contrat de ville",
    summary: "Des associations fédérées et non fédérées se réunissent chaque mois, construisent un agenda commun et déposent des projets conjoints : les petites structures ne sont plus en concurrence avec les grandes.",
    paragraphs: [
      "À {c}, l'appel à projets annuel du contrat de ville mettait en concurrence des associations qui travaillent pourtant avec les mêmes familles. Les plus petites, souvent non fédérées, renonçaient à déposer un dossier ou voyaient leur projet écarté faute d'ingénierie.",
      "Un collectif inter-associatif s'est constitué autour du centre social et de quelques associations de proximité. Il se réunit un soir par mois, tour à tour dans les locaux de chacun. Il tient un agenda commun des actions dans le quartier {q} et prépare, avant l'ouverture de l'appel à projets, une cartographie des besoins partagée avec les délégués du préfet et le service politique de la ville.",
      "Plusieurs projets sont désormais déposés en commun, avec une association cheffe de file et des partenaires identifiés. Les associations non fédérées bénéficient de l'appui des plus structurées pour la rédaction et le bilan, et prennent la parole à tour de rôle aux comités de pilotage.",
      "Le collectif a obtenu une place permanente au comité technique du contrat de ville. Sa réussite tient à des règles simples : un porte-parole tournant, des comptes rendus courts et diffusés à tous, et la possibilité pour chaque association de rester libre de déposer aussi ses propres projets.",
    ],
    publishedOn: "2022-11-08",
    area: "lille",
    communes: ["59599"],
    associationKinds: [],
    associationCount: 5,
    onlyNonFederated: true,
    partners: ["delegues-tourcoing", "ville-tourcoing"],
    projectTemplates: ["collectif"],
    themes: ["030000", "003000"],
    stakes: [2, 4],
  },
  {
    title: "Le diagnostic en marchant, porte d'entrée de la participation des habitants",
    summary: "Des marches exploratoires régulières réunissent habitants, associations, bailleur et services de la ville : les dysfonctionnements sont relevés ensemble, suivis dans un tableau partagé et restitués au conseil citoyen.",
    paragraphs: [
      "Dans le quartier {q}, les habitants avaient le sentiment que leurs signalements (éclairage, propreté, sécurité des abords des écoles) restaient sans suite. Le conseil citoyen et le centre social ont proposé de remplacer les réunions en salle par des diagnostics en marchant.",
      "Chaque trimestre, un parcours est préparé avec les associations du quartier, qui mobilisent les habitants qu'elles accompagnent, en particulier les femmes et les personnes âgées, qui participent peu aux réunions publiques. Le bailleur, les services techniques de la ville et les délégués du préfet marchent avec eux et prennent note des constats sur place.",
      "Les constats sont reportés dans un tableau de suivi partagé, avec un responsable et une échéance pour chacun. La marche suivante commence par un retour sur ce qui a été fait depuis la précédente.",
      "En deux ans, la participation aux marches est passée d'une dizaine à une quarantaine d'habitants, et la majorité des points relevés ont été traités. Le format a été repris pour préparer le volet cadre de vie du nouveau contrat de ville.",
    ],
    publishedOn: "2024-02-20",
    area: "lille",
    communes: ["59350", "59360"],
    associationKinds: ["conseil-citoyen", "centre-social", "habitants", "femmes-relais"],
    associationCount: 3,
    partners: ["ville-lille", "lille-metropole-habitat", "delegues-lille"],
    projectTemplates: ["diagnostic"],
    themes: ["003000", "024000"],
    stakes: [3, 4],
  },
  {
    title: "Une tête de réseau qui ouvre ses formations aux associations non fédérées",
    summary: "Une fédération d'éducation populaire ouvre gratuitement son catalogue de formations aux associations de quartier qui ne sont membres d'aucun réseau, avec le point d'appui Guid'Asso.",
    paragraphs: [
      "Les associations de proximité des quartiers prioritaires sont souvent isolées : elles ne sont membres d'aucune fédération et n'ont pas accès aux formations, aux outils et aux informations que les réseaux offrent à leurs adhérents.",
      "Une fédération départementale a décidé d'ouvrir une partie de ses formations (gestion associative, demande de subvention, accueil des bénévoles, laïcité) aux associations non fédérées des quartiers {de_c}, sans condition d'adhésion. Le point d'appui Guid'Asso relaie l'offre et oriente les associations ; le service jeunesse, engagement et sports de l'État cofinance les sessions.",
      "Les formations ont lieu le samedi matin ou en soirée, dans des locaux associatifs des quartiers plutôt qu'au siège de la fédération. Chaque session associe des bénévoles d'associations fédérées et non fédérées, ce qui crée des liens durables.",
      "Plusieurs associations formées ont ensuite rejoint un réseau, mais ce n'était pas l'objectif : l'essentiel est qu'elles soient mieux armées et mieux connues des institutions. La fédération suit le nombre d'associations non fédérées formées chaque année comme un indicateur de son projet.",
    ],
    publishedOn: "2023-09-12",
    area: "lille",
    communes: ["59350", "59009", "59410"],
    associationKinds: ["aide-aux-devoirs", "culture", "sport", "parents", "langue"],
    associationCount: 3,
    onlyNonFederated: true,
    networks: ["ligue-nord"],
    partners: ["guidasso-lille", "sdjes-59"],
    projectTemplates: ["formation-benevoles"],
    themes: ["015000"],
    stakes: [2, 1],
  },
  {
    title: "Un groupement d'employeurs associatif pour pérenniser les emplois à temps partiel",
    summary: "Des clubs sportifs et des associations culturelles créent un groupement d'employeurs : les animateurs, jusque-là à temps très partiel dans chaque association, obtiennent des contrats à temps plein.",
    paragraphs: [
      "À {c}, plusieurs associations sportives et culturelles employaient chacune un animateur quelques heures par semaine. Ces emplois fragiles changeaient de titulaire chaque saison, et les associations n'avaient pas les moyens de les consolider seules.",
      "Avec l'appui du dispositif local d'accompagnement, elles ont créé un groupement d'employeurs associatif. Le groupement emploie les animateurs et les met à disposition de ses membres selon un planning établi chaque saison ; chaque association paie les heures qu'elle utilise.",
      "Trois animateurs ont aujourd'hui un contrat à temps plein ou presque, et interviennent dans plusieurs associations du quartier {q}. Les associations ont gagné en stabilité, et les enfants retrouvent les mêmes éducateurs d'une activité à l'autre.",
      "Les conditions de réussite : une association support solide pour les premières années, un financement d'amorçage pour absorber les heures non vendues, et une gouvernance où chaque membre a voix au chapitre.",
    ],
    publishedOn: "2025-01-28",
    area: "lille",
    communes: ["59650", "59512", "59599"],
    associationKinds: ["sport", "culture", "jeunesse", "education-populaire"],
    associationCount: 4,
    onlySmallEmployers: true,
    partners: ["dla-59", "region-32", "banque-territoires"],
    projectTemplates: ["mutualisation-poste", "sport-insertion"],
    themes: ["030000", "022000"],
    stakes: [1],
  },
  {
    title: "Un comité des financeurs pour simplifier les demandes de subvention",
    summary: "État, intercommunalité, ville, CAF et bailleurs examinent ensemble les projets associatifs des quartiers, avec un dossier unique et un calendrier commun.",
    paragraphs: [
      "Les associations des quartiers {de_c} déposaient pour un même projet jusqu'à cinq dossiers différents, auprès de financeurs aux calendriers et aux formulaires distincts. Les plus petites renonçaient, et les financeurs découvraient tardivement les projets des autres.",
      "Les signataires du contrat de ville ont mis en place un comité des financeurs : un dossier unique, déposé une fois, examiné en commun par l'État, l'établissement public territorial, la ville, la CAF et les bailleurs sociaux. Chaque financeur décide selon ses propres règles, mais sur la base d'une instruction partagée.",
      "Un temps d'information est organisé pour les associations avant l'ouverture de l'appel à projets, et un référent unique répond à leurs questions. Les décisions sont notifiées en même temps, ce qui permet aux associations de démarrer leurs actions au début de l'année.",
      "Les associations interrogées citent la lisibilité et le gain de temps ; les financeurs, une meilleure connaissance des projets du territoire et moins de doublons. La démarche demande une coordination exigeante entre institutions, assurée par l'équipe du contrat de ville.",
    ],
    publishedOn: "2024-10-03",
    area: "seine-saint-denis",
    communes: ["93066", "93001"],
    associationKinds: ["centre-social", "acces-aux-droits", "langue", "solidarite", "aide-aux-devoirs"],
    associationCount: 3,
    partners: ["prefecture-93", "plaine-commune", "ville-saint-denis", "caf-93", "seine-saint-denis-habitat"],
    themes: ["030000"],
    stakes: [4, 1],
  },
  {
    title: "Une fête de quartier co-construite par douze associations et le conseil citoyen",
    summary: "La fête annuelle du quartier n'est plus organisée par une seule structure : un comité ouvert d'associations et d'habitants la prépare pendant six mois, et chacun y trouve sa place.",
    paragraphs: [
      "Dans le quartier {q}, la fête de quartier était organisée par une seule grosse association, et les autres s'y sentaient invitées plutôt que parties prenantes. Le conseil citoyen a proposé d'en faire un projet commun.",
      "Un comité de préparation ouvert se réunit dès le mois de janvier. Douze associations y participent, dont plusieurs petites associations d'habitants et de jeunes, ainsi que des habitants non membres d'associations. Les tâches sont réparties en commissions : programmation, restauration, sécurité, communication.",
      "La fête est devenue un temps fort de visibilité pour les associations, qui y tiennent des stands, recrutent des bénévoles et font connaître leurs activités. Le bailleur et la ville apportent le matériel et facilitent les autorisations.",
      "Au-delà de la journée, le comité de préparation est devenu un lieu de coopération durable : plusieurs projets communs y sont nés, et les associations se connaissent mieux.",
    ],
    publishedOn: "2023-06-30",
    area: "marseille",
    communes: ["13055"],
    associationKinds: ["culture", "interculturel", "conseil-citoyen", "jeunesse", "habitants"],
    associationCount: 5,
    networks: ["inter-associations-marseille"],
    partners: ["ville-marseille", "13-habitat"],
    projectTemplates: ["festival"],
    themes: ["006000", "008000"],
    stakes: [3, 2],
  },
  {
    title: "Des locaux partagés gérés par les associations elles-mêmes",
    summary: "Un ancien local commercial mis à disposition par le bailleur accueille six associations qui en partagent le planning, les charges et l'accueil des habitants.",
    paragraphs: [
      "À {c}, plusieurs associations du quartier {q} n'avaient pas de local ou se réunissaient dans des appartements. Le bailleur disposait d'un ancien local commercial vacant au pied d'un immeuble.",
      "Une convention d'occupation a été signée entre le bailleur, la ville et une association gestionnaire désignée par les autres. Les associations occupantes se partagent les salles selon un planning en ligne, paient une participation aux charges proportionnelle à leur usage, et assurent ensemble une permanence d'accueil des habitants deux après-midi par semaine.",
      "Le local est devenu un lieu repéré du quartier. Les associations y croisent leurs publics : les parents venus pour l'aide aux devoirs découvrent l'atelier de français, les jeunes du club de sport aident à la fête des voisins.",
      "Les points de vigilance : des règles de vie écrites et révisées chaque année, une assurance adaptée, et un temps de réunion régulier entre occupants pour régler les petites tensions avant qu'elles ne grandissent.",
    ],
    publishedOn: "2025-05-14",
    area: "lyon",
    communes: ["69266"],
    associationKinds: ["habitants", "interculturel", "culture", "solidarite", "langue"],
    associationCount: 4,
    partners: ["ville-villeurbanne", "lyon-metropole-habitat"],
    projectTemplates: ["locaux-partages"],
    themes: ["030000", "032000"],
    stakes: [1, 4],
  },
  {
    title: "Un accompagnement collectif des clubs sportifs de quartier",
    summary: "Plutôt qu'un accompagnement individuel, quatre clubs sportifs suivent ensemble un parcours du dispositif local d'accompagnement sur leur modèle économique et l'emploi de leurs éducateurs.",
    paragraphs: [
      "Les clubs sportifs des quartiers {de_c} accueillent beaucoup de jeunes avec peu de moyens, reposent sur quelques bénévoles très investis et emploient parfois un éducateur à temps partiel. Aucun ne se sentait assez structuré pour solliciter seul un accompagnement.",
      "Un accompagnement collectif a été organisé pour quatre clubs : diagnostic partagé, ateliers communs sur les financements, l'emploi et la gouvernance, puis un temps de conseil individuel pour chacun. La collectivité et les délégués du préfet ont participé aux restitutions.",
      "Les clubs ont révisé leurs tarifs et leurs demandes de subvention, et deux d'entre eux ont consolidé l'emploi de leur éducateur. Ils ont surtout appris à travailler ensemble : un tournoi commun et un créneau partagé pour les filles ont vu le jour.",
      "Le format collectif permet d'accompagner des associations qui ne l'auraient jamais été individuellement ; il suppose un animateur qui connaît bien le monde sportif et un calendrier compatible avec la saison.",
    ],
    publishedOn: "2024-06-18",
    area: "lyon",
    communes: ["69259", "69123"],
    associationKinds: ["sport"],
    associationCount: 4,
    partners: ["metropole-lyon", "banque-territoires", "delegues-69"],
    projectTemplates: ["sport-insertion", "egalite-sport"],
    themes: ["011000", "030000"],
    stakes: [1, 2],
  },
  {
    title: "Un fonds de participation des habitants géré par les habitants",
    summary: "Un comité d'habitants attribue en quelques semaines de petites aides à des initiatives du quartier ; une association en assure la gestion administrative.",
    paragraphs: [
      "Les initiatives d'habitants (une fête d'immeuble, une sortie, un atelier de couture) ne trouvaient pas de financement adapté : les appels à projets classiques sont trop lourds et trop lents pour quelques centaines d'euros.",
      "À {c}, un fonds de participation des habitants a été créé avec la ville et l'intercommunalité. Une association du quartier {q} en assure la gestion comptable ; un comité composé d'habitants, dont des membres du conseil citoyen, examine les demandes chaque mois et décide des aides, plafonnées à quelques centaines d'euros.",
      "Le dossier tient sur une page, et les porteurs de projet sont accompagnés par l'association gestionnaire ou le centre social s'ils le souhaitent. Les projets soutenus sont présentés lors d'une soirée annuelle ouverte à tous.",
      "En trois ans, plusieurs dizaines d'initiatives ont été soutenues, dont beaucoup portées par des habitants qui n'avaient jamais pris de responsabilité associative. Certaines ont donné naissance à de nouvelles associations.",
    ],
    publishedOn: "2022-04-05",
    area: "grenoble",
    communes: ["38185", "38151"],
    associationKinds: ["conseil-citoyen", "centre-social", "habitants"],
    associationCount: 3,
    networks: ["reseau-grenoble"],
    partners: ["ville-grenoble", "grenoble-alpes-metropole"],
    projectTemplates: ["fonds-participation"],
    themes: ["003000", "008000"],
    stakes: [3],
  },
  {
    title: "Les cafés associatifs : des rencontres régulières entre associations et délégués du préfet",
    summary: "Un matin par mois, un café associatif réunit associations du quartier, délégués du préfet et agents de la ville, sans ordre du jour imposé : les petites associations y trouvent un accès direct aux institutions.",
    paragraphs: [
      "Beaucoup d'associations de proximité {de_c} ne connaissaient pas les délégués du préfet ni les agents du service politique de la ville, et ne les rencontraient qu'à l'occasion du dépôt d'un dossier.",
      "Une union d'associations de quartier et le point d'information à la vie associative ont proposé un café associatif mensuel, chaque fois dans un lieu différent du quartier {q}. Les délégués du préfet et un agent de la ville y participent systématiquement. Il n'y a pas d'ordre du jour : chacun présente ses actualités, ses difficultés et ses projets.",
      "Ces rencontres ont permis de débloquer des situations concrètes (un versement de subvention en retard, un local fermé, un partenariat avec l'école), et d'informer les associations des appels à projets en amont.",
      "Les associations non fédérées y sont majoritaires, et plusieurs y ont pris la parole pour la première fois devant les institutions. Le format est peu coûteux ; il repose sur la régularité et sur la présence effective des représentants des institutions.",
    ],
    publishedOn: "2025-09-23",
    area: "lille",
    communes: ["59299", "59512", "59163"],
    associationKinds: [],
    associationCount: 4,
    onlyNonFederated: true,
    networks: ["union-quartiers-mel"],
    partners: ["delegues-roubaix", "ville-hem", "piva-roubaix"],
    themes: ["030000", "003000"],
    stakes: [4, 2],
  },
  {
    title: "Une médiation sociale partagée entre bailleur, centre social et femmes-relais",
    summary: "Bailleur, centre social et association de femmes-relais coordonnent leurs médiatrices et médiateurs adultes-relais : une permanence commune, un outil de suivi partagé et des tournées organisées ensemble.",
    paragraphs: [
      "Dans le quartier {q}, le bailleur, le centre social et une association de femmes-relais employaient chacun des médiateurs, qui se croisaient sans se coordonner. Les habitants ne savaient pas à qui s'adresser.",
      "Les trois structures ont construit une organisation commune : un planning de tournées partagé, une permanence commune dans un local du bailleur, un outil simple de suivi des situations respectant la confidentialité, et une réunion d'équipe hebdomadaire. Chaque employeur garde ses salariés, mais les médiateurs travaillent en équipe.",
      "Les habitants ont désormais un point d'entrée unique, et les situations complexes (impayés, troubles de voisinage, difficultés scolaires) sont orientées plus vite vers le bon interlocuteur. Les médiatrices femmes-relais apportent leur connaissance des familles et des langues parlées dans le quartier.",
      "Cette coordination a renforcé la reconnaissance du métier de médiateur, et permis de défendre ensemble le renouvellement des postes d'adultes-relais.",
    ],
    publishedOn: "2026-02-10",
    area: "seine-saint-denis",
    communes: ["93001", "93066"],
    associationKinds: ["femmes-relais", "centre-social", "prevention", "acces-aux-droits"],
    associationCount: 3,
    partners: ["plaine-commune-habitat", "ville-aubervilliers", "anct"],
    projectTemplates: ["mediation"],
    themes: ["019000", "003000"],
    stakes: [4, 3],
  },
];

export const GOOD_PRACTICE_COUNT = SPECS.length;

export function buildGoodPractices(territory: DemoTerritory, orgs: OrganizationsPart, projects: DemoProject[], seed: number): DemoGoodPractice[] {
  const rng = Random.derive(seed, "good-practices");
  const { organizations, networksOf } = orgs;
  const isSmall = (o: DemoOrganization) => Number(o.staffEtp ?? 0) > 0 && Number(o.staffEtp ?? 0) <= 2;

  return SPECS.map((spec) => {
    const inCommunes = (i: number) => spec.communes.includes(organizations[i].communeInseeCode ?? "");
    const ofKind = (i: number) => spec.associationKinds.length === 0 || spec.associationKinds.includes(organizations[i].meta.kindKey);
    const chosenProjects = projects
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => spec.projectTemplates?.includes(p.meta.templateKey) && p.status !== "PROPOSED" && spec.communes.includes(p.meta.communeCode))
      .slice(0, 2)
      .map(({ index }) => index);
    if (chosenProjects.length === 0) {
      // No project of the kinds the story tells about: one nearby project addressing the same stakes.
      const related = projects.findIndex((p) => p.status !== "PROPOSED" && spec.communes.includes(p.meta.communeCode) && p.stakes.some((x) => spec.stakes.includes(x)));
      if (related >= 0) chosenProjects.push(related);
    }

    const orgIndexes: number[] = [];
    for (const projectIndex of chosenProjects) {
      const lead = projects[projectIndex].participants.find((x) => x.role === "LEAD")!.orgIndex;
      if (!orgIndexes.includes(lead)) orgIndexes.push(lead);
    }
    const simple = orgs.associationIndexes.filter((i) => !organizations[i].meta.isNetwork && organizations[i].meta.area === spec.area);
    const filters: ((i: number) => boolean)[] = [
      (i) => inCommunes(i) && ofKind(i) && (!spec.onlySmallEmployers || isSmall(organizations[i])) && (!spec.onlyNonFederated || !networksOf.has(i)),
      (i) => inCommunes(i) && ofKind(i),
      (i) => ofKind(i),
      (i) => inCommunes(i),
      () => true,
    ];
    for (const filter of filters) {
      const missing = spec.associationCount - orgIndexes.length;
      if (missing <= 0) break;
      orgIndexes.push(...rng.sample(simple.filter((i) => filter(i) && !orgIndexes.includes(i)), missing));
    }
    const primary = organizations[orgIndexes[0]];
    for (const key of spec.networks ?? []) orgIndexes.push(orgs.networkIndexByKey.get(key)!);
    for (const key of spec.partners ?? []) {
      const index = orgs.partnerIndexByKey.get(key);
      if (index === undefined) throw new Error(`good practice "${spec.title}": unknown partner ${key}`);
      orgIndexes.push(index);
    }

    const qpvCodes: string[] = [primary.meta.homeQpv!];
    for (const projectIndex of chosenProjects) for (const code of projects[projectIndex].qpvCodes) if (!qpvCodes.includes(code)) qpvCodes.push(code);
    for (const i of orgIndexes) {
      const based = organizations[i].qpvs.find((q) => q.presence === "BASED");
      if (based && !qpvCodes.includes(based.code)) qpvCodes.push(based.code);
    }
    const qpvs = qpvCodes.slice(0, 3);
    const vars = { q: territory.qpvByCode.get(primary.meta.homeQpv!)!.label, c: territory.communeByCode.get(primary.communeInseeCode!)!.name };
    return {
      title: spec.title,
      summary: spec.summary,
      body: spec.paragraphs.map((p) => fill(p, vars)).join("\n\n"),
      publishedOn: spec.publishedOn,
      orgIndexes: [...new Set(orgIndexes)],
      projectIndexes: chosenProjects,
      qpvCodes: qpvs,
      themes: spec.themes,
      stakes: spec.stakes,
    };
  });
}
