/**
 * Word lists of the demo dataset (evocative association names, street names, venues, signatory
 * roles) and the French text helpers to combine them. None of them names a person's identity:
 * streets carry the usual names of French streets, never an address of someone.
 */

/** Evocative names French neighbourhood associations often take. */
export const EVOCATIVE_NAMES = [
  "La Passerelle", "Le Trait d'union", "Horizon", "Arc-en-ciel", "Les Hirondelles", "L'Escale", "La Clé", "Le Relais",
  "Les Tisserands", "Mosaïque", "Cap Avenir", "Ensemble", "Main dans la main", "L'Îlot", "Le Phare", "La Boussole",
  "Les Bâtisseurs", "Racines", "Sésame", "L'Olivier", "Les Petits Pas", "Entre-Nous", "Tremplin", "La Ruche", "Le Lien",
  "Vivre Ensemble", "Cultures Croisées", "Regards Croisés", "La Fabrique", "Le Fil d'Ariane", "Les Semeurs", "L'Envol",
  "Pluriel", "Voisins solidaires", "Déclic", "Éclat", "Élan", "Harmonie", "Kaléidoscope", "La Marelle", "L'Atelier",
  "Les Tournesols", "Les Coquelicots", "Le Grand Ensemble", "La Source", "Les Saisons", "Trajectoires", "Rencontres",
  "Le Pont", "La Courte Échelle", "Les Ailes", "L'Étincelle", "La Maison du partage", "Parenthèse", "Point du jour",
  "Escale solidaire", "Les Copains d'abord", "Le Chemin", "La Terrasse", "Les Lucioles", "L'Archipel", "Carrefour",
  "Les Cerisiers", "Le Nid", "Les Glycines", "Azimut", "La Boîte à idées", "Les Mains vertes", "Le Préau", "L'Agora",
];

/** Usual names of French streets (no address points to anyone). */
export const STREETS = [
  "rue Victor Hugo", "rue Jean Jaurès", "rue Pasteur", "avenue de la République", "rue Émile Zola", "rue Jules Guesde",
  "boulevard Gambetta", "rue de la Paix", "rue Voltaire", "allée des Tilleuls", "rue des Écoles", "place de la Liberté",
  "rue Roger Salengro", "rue Pierre Brossolette", "rue Jean Moulin", "avenue Salvador Allende", "rue Paul Éluard",
  "rue Danton", "rue Anatole France", "rue Pablo Picasso", "rue Aristide Briand", "rue du Marché", "rue Lamartine",
  "rue Alfred de Musset", "rue Georges Brassens", "rue des Lilas", "rue Léon Blum", "avenue du Général de Gaulle",
  "rue de la Gare", "rue Jacques Prévert", "rue Louise Michel", "rue Condorcet", "rue Édouard Vaillant",
  "rue Camille Desmoulins", "allée des Peupliers", "rue du Moulin", "rue Marcel Cachin", "rue Paul Langevin",
  "rue Frédéric Mistral", "rue Robespierre", "rue Henri Barbusse", "square des Acacias", "rue Gabriel Péri",
  "rue Nelson Mandela", "rue Simone Veil", "rue Olympe de Gouges", "rue Lucie Aubrac", "allée Rosa Parks",
  "rue des Jardins", "rue de la Fraternité", "rue Édith Piaf", "rue de la Solidarité", "rue de l'Égalité",
];

/** Roles of the person signing the charter for an association (a role, never a name). */
export const ASSOCIATION_SIGNATORY_ROLES = [
  "présidente", "président", "co-présidente", "co-président", "directrice", "directeur", "secrétaire générale",
  "trésorier", "vice-présidente", "coordinatrice", "membre du bureau mandaté",
];

/** Roles of the person signing the charter for an institutional partner (a role, never a name). */
export const PARTNER_SIGNATORY_ROLES: Record<string, string[]> = {
  STATE_SERVICE: ["préfet délégué pour l'égalité des chances", "sous-préfète chargée de la politique de la ville"],
  PREFECT_DELEGATE: ["délégué du préfet", "déléguée du préfet"],
  ANCT: ["directeur général délégué à la politique de la ville"],
  COMMUNE: ["maire", "adjointe au maire chargée de la politique de la ville", "adjoint au maire chargé de la vie associative"],
  EPCI: ["vice-président chargé de la politique de la ville", "vice-présidente chargée de la cohésion sociale"],
  DEPARTMENT: ["vice-présidente chargée de l'insertion", "président du conseil départemental"],
  REGION: ["vice-président chargé de la vie associative"],
  CAF: ["directrice", "directeur"],
  SOCIAL_LANDLORD: ["directrice générale", "directeur de la proximité"],
  SUPPORT_SCHEME: ["chargée de mission", "responsable du dispositif"],
  PUBLIC_AGENCY: ["directeur territorial", "directrice régionale"],
  FOUNDATION: ["déléguée générale", "président"],
  COMPANY: ["directeur général", "gérante"],
  OTHER: ["représentant légal"],
};

/** Usual abbreviations of the first words of association names, used as short names. */
const ABBREVIATIONS: [string, string][] = [
  ["Centre social et culturel ", "CSC "],
  ["Centre socioculturel ", "CSC "],
  ["Centre social ", "CS "],
  ["Espace de vie sociale ", "EVS "],
  ["Maison des jeunes et de la culture ", "MJC "],
  ["Ateliers sociolinguistiques ", "ASL "],
  ["Atelier chantier d'insertion ", "ACI "],
];

/** The usual short name of an association name ("Centre social La Clé" -> "CS La Clé"), or null when there is none. */
export function abbreviation(name: string): string | null {
  for (const [prefix, short] of ABBREVIATIONS) if (name.startsWith(prefix)) return short + name.slice(prefix.length);
  return null;
}

/** Template variables: {q} quartier label, {c} commune name, {n} evocative name, {de_q}/{de_c}/{de_n} with "de" elided. */
export type TemplateVars = Partial<Record<"q" | "c" | "n" | "y", string>>;

/** "de" before a French noun phrase, with elision and contraction: de Roubaix, d'Hem, du Londeau, des Oliveaux. */
export function de(phrase: string): string {
  if (/^Le\s/.test(phrase)) return `du ${phrase.slice(3)}`;
  if (/^Les\s/.test(phrase)) return `des ${phrase.slice(4)}`;
  if (/^[AEIOUYÉÈÊÎÔÂaeiouyéèêîôâ]/.test(phrase) || /^H(em|autchamps)\b/.test(phrase)) return `d'${phrase}`;
  return `de ${phrase}`;
}

/** Fills a template such as "Centre social {n}" or "Femmes-relais {de_c}". */
export function fill(template: string, vars: TemplateVars): string {
  return template.replace(/\{(de_)?([qcny])\}/g, (_, deForm: string | undefined, key: "q" | "c" | "n" | "y") => {
    const value = vars[key];
    if (value === undefined) throw new Error(`Template "${template}" needs {${key}}`);
    return deForm ? de(value) : value;
  });
}

/** A lowercase ASCII slug for web addresses: "Centre social La Passerelle" -> "centre-social-la-passerelle". */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
