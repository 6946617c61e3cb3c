import type { FundingScheme, PartnerType } from "./dataset";
import type { AreaKey } from "./territory";

/**
 * Institutional and city-policy partners of the demo dataset. Their names are the real
 * institutions' (State services, local authorities, CAF, social landlords...), or plainly generic
 * for the few companies and foundations. A SIREN is set only when taken from the reference EPCI
 * list; websites only where the institution's address is well known; no email or phone is set.
 */

/** Territory a partner covers (one partner_coverage row per element). */
export type CoverageSpec =
  | { region: string }
  | { department: string }
  | { epci: string }
  | { commune: string };

/** What a partner funds, when it funds: the scheme, its label for OTHER, and the range of amounts in euros. */
export interface FundingSpec {
  scheme: FundingScheme;
  label?: string;
  min: number;
  max: number;
  weight: number;
}

export interface PartnerSpec {
  key: string;
  name: string;
  shortName?: string;
  type: PartnerType;
  area: AreaKey | "national";
  /** Commune of the head office; when null, the partner has no location (national bodies). */
  communeCode: string | null;
  /** Postal code of the head office when it is not the commune's main one (Lyon, Marseille districts). */
  postalCode?: string | null;
  /** The SIREN is the reference EPCI's with this SIREN. */
  epciSiren?: string;
  website?: string;
  /** No coverage means national. */
  coverage: CoverageSpec[];
  funds?: FundingSpec[];
}

const CDV = (min: number, max: number, weight = 3): FundingSpec => ({ scheme: "CONTRAT_DE_VILLE", min, max, weight });
const OTHER = (label: string, min: number, max: number, weight = 1): FundingSpec => ({ scheme: "OTHER", label, min, max, weight });
const ADULTE_RELAIS: FundingSpec = { scheme: "ADULTE_RELAIS", min: 19000, max: 23500, weight: 1 };
const FONJEP: FundingSpec = { scheme: "FONJEP", min: 7000, max: 7700, weight: 1 };
const DLA: FundingSpec = { scheme: "DLA", min: 1500, max: 9000, weight: 1 };
const MUNICIPAL = OTHER("Subvention municipale de fonctionnement", 1500, 25000, 2);
const CAF_FPT = OTHER("Fonds publics et territoires (CAF)", 2000, 30000, 2);
const TFPB = OTHER("Abattement de TFPB (convention bailleur)", 2000, 25000, 2);

export const PARTNERS: readonly PartnerSpec[] = [
  // National
  { key: "anct", name: "Agence nationale de la cohésion des territoires", shortName: "ANCT", type: "ANCT", area: "national", communeCode: null, website: "https://anct.gouv.fr", coverage: [], funds: [ADULTE_RELAIS, OTHER("Quartiers d'été", 3000, 15000)] },
  { key: "banque-territoires", name: "Banque des Territoires", type: "PUBLIC_AGENCY", area: "national", communeCode: null, website: "https://www.banquedesterritoires.fr", coverage: [], funds: [DLA, OTHER("Soutien aux structures de l'économie sociale et solidaire", 5000, 60000)] },
  { key: "fondation-de-france", name: "Fondation de France", type: "FOUNDATION", area: "national", communeCode: null, website: "https://www.fondationdefrance.org", coverage: [], funds: [OTHER("Appel à projets de la fondation", 3000, 40000)] },

  // Nord, Métropole européenne de Lille
  { key: "prefecture-59", name: "Préfecture du Nord", type: "STATE_SERVICE", area: "lille", communeCode: "59350", website: "https://www.nord.gouv.fr", coverage: [{ department: "59" }], funds: [CDV(3000, 40000, 4), ADULTE_RELAIS] },
  { key: "delegues-roubaix", name: "Délégués du préfet – secteur Roubaix, Hem, Wattrelos, Croix", type: "PREFECT_DELEGATE", area: "lille", communeCode: "59512", coverage: [{ commune: "59512" }, { commune: "59299" }, { commune: "59650" }, { commune: "59163" }] },
  { key: "delegues-lille", name: "Délégués du préfet – secteur Lille, Loos, Lambersart, Villeneuve-d'Ascq, Mons-en-Barœul", type: "PREFECT_DELEGATE", area: "lille", communeCode: "59350", coverage: [{ commune: "59350" }, { commune: "59360" }, { commune: "59328" }, { commune: "59009" }, { commune: "59410" }] },
  { key: "delegues-tourcoing", name: "Délégués du préfet – secteur Tourcoing, Armentières", type: "PREFECT_DELEGATE", area: "lille", communeCode: "59599", coverage: [{ commune: "59599" }, { commune: "59017" }] },
  { key: "sdjes-59", name: "Service départemental à la jeunesse, à l'engagement et aux sports du Nord", shortName: "SDJES du Nord", type: "STATE_SERVICE", area: "lille", communeCode: "59350", coverage: [{ department: "59" }], funds: [FONJEP, OTHER("Fonds pour le développement de la vie associative (FDVA)", 1500, 15000)] },
  { key: "mel", name: "Métropole européenne de Lille", shortName: "MEL", type: "EPCI", area: "lille", communeCode: "59350", epciSiren: "200093201", website: "https://www.lillemetropole.fr", coverage: [{ epci: "200093201" }], funds: [CDV(5000, 50000), OTHER("Subvention métropolitaine", 3000, 40000)] },
  { key: "ville-lille", name: "Ville de Lille", type: "COMMUNE", area: "lille", communeCode: "59350", website: "https://www.lille.fr", coverage: [{ commune: "59350" }], funds: [CDV(2000, 35000), MUNICIPAL] },
  { key: "ville-roubaix", name: "Ville de Roubaix", type: "COMMUNE", area: "lille", communeCode: "59512", website: "https://www.ville-roubaix.fr", coverage: [{ commune: "59512" }], funds: [CDV(2000, 35000), MUNICIPAL] },
  { key: "ville-tourcoing", name: "Ville de Tourcoing", type: "COMMUNE", area: "lille", communeCode: "59599", website: "https://www.tourcoing.fr", coverage: [{ commune: "59599" }], funds: [CDV(2000, 30000), MUNICIPAL] },
  { key: "ville-wattrelos", name: "Ville de Wattrelos", type: "COMMUNE", area: "lille", communeCode: "59650", coverage: [{ commune: "59650" }], funds: [CDV(1500, 20000), MUNICIPAL] },
  { key: "ville-villeneuve-d-ascq", name: "Ville de Villeneuve-d'Ascq", type: "COMMUNE", area: "lille", communeCode: "59009", coverage: [{ commune: "59009" }], funds: [CDV(1500, 20000), MUNICIPAL] },
  { key: "ville-hem", name: "Ville d'Hem", type: "COMMUNE", area: "lille", communeCode: "59299", coverage: [{ commune: "59299" }], funds: [CDV(1500, 15000), MUNICIPAL] },
  { key: "departement-59", name: "Département du Nord", type: "DEPARTMENT", area: "lille", communeCode: "59350", website: "https://lenord.fr", coverage: [{ department: "59" }], funds: [OTHER("Appel à projets départemental insertion et jeunesse", 3000, 45000)] },
  { key: "region-32", name: "Région Hauts-de-France", type: "REGION", area: "lille", communeCode: "59350", website: "https://www.hautsdefrance.fr", coverage: [{ region: "32" }], funds: [OTHER("Subvention régionale (vie associative)", 5000, 80000)] },
  { key: "caf-59", name: "Caisse d'allocations familiales du Nord", shortName: "CAF du Nord", type: "CAF", area: "lille", communeCode: "59350", website: "https://www.caf.fr", coverage: [{ department: "59" }], funds: [CAF_FPT] },
  { key: "vilogia", name: "Vilogia", type: "SOCIAL_LANDLORD", area: "lille", communeCode: "59009", website: "https://www.vilogia.fr", coverage: [{ epci: "200093201" }], funds: [TFPB] },
  { key: "lille-metropole-habitat", name: "Lille Métropole Habitat", shortName: "LMH", type: "SOCIAL_LANDLORD", area: "lille", communeCode: "59350", website: "https://www.lmh.fr", coverage: [{ epci: "200093201" }], funds: [TFPB] },
  { key: "partenord", name: "Partenord Habitat", type: "SOCIAL_LANDLORD", area: "lille", communeCode: "59350", coverage: [{ department: "59" }], funds: [TFPB] },
  { key: "dla-59", name: "Dispositif local d'accompagnement du Nord", shortName: "DLA du Nord", type: "SUPPORT_SCHEME", area: "lille", communeCode: "59350", coverage: [{ department: "59" }], funds: [DLA] },
  { key: "guidasso-lille", name: "Point d'appui Guid'Asso de Lille", type: "SUPPORT_SCHEME", area: "lille", communeCode: "59350", coverage: [{ commune: "59350" }, { commune: "59360" }, { commune: "59328" }] },
  { key: "piva-roubaix", name: "Point d'information à la vie associative de Roubaix", shortName: "PIVA Roubaix", type: "SUPPORT_SCHEME", area: "lille", communeCode: "59512", coverage: [{ commune: "59512" }, { commune: "59299" }, { commune: "59163" }] },
  { key: "piva-tourcoing", name: "Point d'information à la vie associative de Tourcoing", shortName: "PIVA Tourcoing", type: "SUPPORT_SCHEME", area: "lille", communeCode: "59599", coverage: [{ commune: "59599" }, { commune: "59650" }] },
  { key: "france-travail-hdf", name: "France Travail Hauts-de-France", type: "PUBLIC_AGENCY", area: "lille", communeCode: "59350", website: "https://www.francetravail.fr", coverage: [{ region: "32" }] },
  { key: "fonds-solidarites-mel", name: "Fonds de dotation Solidarités métropolitaines", type: "FOUNDATION", area: "lille", communeCode: "59512", coverage: [{ epci: "200093201" }], funds: [OTHER("Appel à projets du fonds de dotation", 2000, 20000)] },
  { key: "scop-batir", name: "SCOP Bâtir Ensemble", type: "COMPANY", area: "lille", communeCode: "59599", coverage: [{ epci: "200093201" }], funds: [OTHER("Mécénat d'entreprise", 1500, 8000)] },
  { key: "club-entreprises", name: "Club des entreprises engagées Roubaix-Tourcoing", type: "OTHER", area: "lille", communeCode: "59512", coverage: [{ commune: "59512" }, { commune: "59599" }, { commune: "59650" }], funds: [OTHER("Mécénat de compétences et dons", 1500, 10000)] },

  // Seine-Saint-Denis
  { key: "prefecture-93", name: "Préfecture de la Seine-Saint-Denis", type: "STATE_SERVICE", area: "seine-saint-denis", communeCode: "93008", website: "https://www.seine-saint-denis.gouv.fr", coverage: [{ department: "93" }], funds: [CDV(3000, 40000, 4), ADULTE_RELAIS, FONJEP] },
  { key: "delegues-93", name: "Délégués du préfet – secteur Saint-Denis, Aubervilliers, Saint-Ouen", type: "PREFECT_DELEGATE", area: "seine-saint-denis", communeCode: "93066", coverage: [{ commune: "93066" }, { commune: "93001" }, { commune: "93070" }] },
  { key: "plaine-commune", name: "Établissement public territorial Plaine Commune", shortName: "Plaine Commune", type: "EPCI", area: "seine-saint-denis", communeCode: "93066", website: "https://plainecommune.fr", coverage: ["93001", "93027", "93031", "93039", "93066", "93070", "93072", "93079"].map((commune) => ({ commune })), funds: [CDV(3000, 40000)] },
  { key: "ville-saint-denis", name: "Ville de Saint-Denis", type: "COMMUNE", area: "seine-saint-denis", communeCode: "93066", coverage: [{ commune: "93066" }], funds: [CDV(2000, 30000), MUNICIPAL] },
  { key: "ville-aubervilliers", name: "Ville d'Aubervilliers", type: "COMMUNE", area: "seine-saint-denis", communeCode: "93001", coverage: [{ commune: "93001" }], funds: [CDV(2000, 25000), MUNICIPAL] },
  { key: "ville-bobigny", name: "Ville de Bobigny", type: "COMMUNE", area: "seine-saint-denis", communeCode: "93008", coverage: [{ commune: "93008" }], funds: [CDV(1500, 20000), MUNICIPAL] },
  { key: "departement-93", name: "Département de la Seine-Saint-Denis", type: "DEPARTMENT", area: "seine-saint-denis", communeCode: "93008", website: "https://seinesaintdenis.fr", coverage: [{ department: "93" }], funds: [OTHER("Appel à projets départemental", 3000, 40000)] },
  { key: "region-11", name: "Région Île-de-France", type: "REGION", area: "seine-saint-denis", communeCode: "93070", website: "https://www.iledefrance.fr", coverage: [{ region: "11" }], funds: [OTHER("Subvention régionale", 5000, 80000)] },
  { key: "caf-93", name: "Caisse d'allocations familiales de la Seine-Saint-Denis", shortName: "CAF de la Seine-Saint-Denis", type: "CAF", area: "seine-saint-denis", communeCode: "93008", website: "https://www.caf.fr", coverage: [{ department: "93" }], funds: [CAF_FPT] },
  { key: "seine-saint-denis-habitat", name: "Seine-Saint-Denis Habitat", type: "SOCIAL_LANDLORD", area: "seine-saint-denis", communeCode: "93008", coverage: [{ department: "93" }], funds: [TFPB] },
  { key: "plaine-commune-habitat", name: "Plaine Commune Habitat", type: "SOCIAL_LANDLORD", area: "seine-saint-denis", communeCode: "93066", coverage: ["93001", "93066", "93070"].map((commune) => ({ commune })), funds: [TFPB] },
  { key: "dla-93", name: "Dispositif local d'accompagnement de la Seine-Saint-Denis", shortName: "DLA 93", type: "SUPPORT_SCHEME", area: "seine-saint-denis", communeCode: "93008", coverage: [{ department: "93" }], funds: [DLA] },

  // Bouches-du-Rhône, Marseille
  { key: "prefecture-13", name: "Préfecture des Bouches-du-Rhône", type: "STATE_SERVICE", area: "marseille", communeCode: "13055", postalCode: "13006", website: "https://www.bouches-du-rhone.gouv.fr", coverage: [{ department: "13" }], funds: [CDV(3000, 40000, 4), ADULTE_RELAIS, FONJEP] },
  { key: "delegues-13", name: "Délégués du préfet – Marseille", type: "PREFECT_DELEGATE", area: "marseille", communeCode: "13055", postalCode: null, coverage: [{ commune: "13055" }] },
  { key: "ville-marseille", name: "Ville de Marseille", type: "COMMUNE", area: "marseille", communeCode: "13055", postalCode: "13002", website: "https://www.marseille.fr", coverage: [{ commune: "13055" }], funds: [CDV(2000, 35000), MUNICIPAL] },
  { key: "metropole-amp", name: "Métropole d'Aix-Marseille-Provence", type: "EPCI", area: "marseille", communeCode: "13055", postalCode: null, epciSiren: "200054807", website: "https://ampmetropole.fr", coverage: [{ epci: "200054807" }], funds: [CDV(5000, 50000)] },
  { key: "departement-13", name: "Département des Bouches-du-Rhône", type: "DEPARTMENT", area: "marseille", communeCode: "13055", postalCode: null, coverage: [{ department: "13" }], funds: [OTHER("Subvention départementale", 3000, 40000)] },
  { key: "region-93", name: "Région Provence-Alpes-Côte d'Azur", type: "REGION", area: "marseille", communeCode: "13055", postalCode: null, coverage: [{ region: "93" }], funds: [OTHER("Subvention régionale", 5000, 60000)] },
  { key: "caf-13", name: "Caisse d'allocations familiales des Bouches-du-Rhône", shortName: "CAF des Bouches-du-Rhône", type: "CAF", area: "marseille", communeCode: "13055", postalCode: null, website: "https://www.caf.fr", coverage: [{ department: "13" }], funds: [CAF_FPT] },
  { key: "13-habitat", name: "13 Habitat", type: "SOCIAL_LANDLORD", area: "marseille", communeCode: "13055", postalCode: null, coverage: [{ department: "13" }], funds: [TFPB] },

  // Rhône, Métropole de Lyon
  { key: "prefecture-69", name: "Préfecture du Rhône", type: "STATE_SERVICE", area: "lyon", communeCode: "69123", postalCode: "69003", website: "https://www.rhone.gouv.fr", coverage: [{ department: "69" }], funds: [CDV(3000, 40000, 4), ADULTE_RELAIS, FONJEP] },
  { key: "delegues-69", name: "Délégués du préfet – secteur Lyon, Villeurbanne, Vénissieux", type: "PREFECT_DELEGATE", area: "lyon", communeCode: "69123", postalCode: null, coverage: [{ commune: "69123" }, { commune: "69266" }, { commune: "69259" }] },
  { key: "metropole-lyon", name: "Métropole de Lyon", type: "EPCI", area: "lyon", communeCode: "69123", postalCode: "69003", epciSiren: "200046977", website: "https://www.grandlyon.com", coverage: [{ epci: "200046977" }], funds: [CDV(5000, 50000), OTHER("Subvention métropolitaine (insertion)", 3000, 40000)] },
  { key: "ville-lyon", name: "Ville de Lyon", type: "COMMUNE", area: "lyon", communeCode: "69123", postalCode: "69001", website: "https://www.lyon.fr", coverage: [{ commune: "69123" }], funds: [CDV(2000, 30000), MUNICIPAL] },
  { key: "ville-villeurbanne", name: "Ville de Villeurbanne", type: "COMMUNE", area: "lyon", communeCode: "69266", coverage: [{ commune: "69266" }], funds: [CDV(2000, 25000), MUNICIPAL] },
  { key: "ville-venissieux", name: "Ville de Vénissieux", type: "COMMUNE", area: "lyon", communeCode: "69259", coverage: [{ commune: "69259" }], funds: [CDV(1500, 20000), MUNICIPAL] },
  { key: "region-84", name: "Région Auvergne-Rhône-Alpes", type: "REGION", area: "lyon", communeCode: "69123", postalCode: "69002", coverage: [{ region: "84" }], funds: [OTHER("Subvention régionale", 5000, 60000)] },
  { key: "caf-69", name: "Caisse d'allocations familiales du Rhône", shortName: "CAF du Rhône", type: "CAF", area: "lyon", communeCode: "69123", postalCode: null, website: "https://www.caf.fr", coverage: [{ department: "69" }], funds: [CAF_FPT] },
  { key: "lyon-metropole-habitat", name: "Lyon Métropole Habitat", type: "SOCIAL_LANDLORD", area: "lyon", communeCode: "69123", postalCode: null, coverage: [{ epci: "200046977" }], funds: [TFPB] },

  // Isère, Grenoble
  { key: "prefecture-38", name: "Préfecture de l'Isère", type: "STATE_SERVICE", area: "grenoble", communeCode: "38185", website: "https://www.isere.gouv.fr", coverage: [{ department: "38" }], funds: [CDV(3000, 35000, 4), ADULTE_RELAIS, FONJEP] },
  { key: "grenoble-alpes-metropole", name: "Grenoble-Alpes Métropole", type: "EPCI", area: "grenoble", communeCode: "38185", epciSiren: "200040715", website: "https://www.grenoblealpesmetropole.fr", coverage: [{ epci: "200040715" }], funds: [CDV(3000, 40000)] },
  { key: "ville-grenoble", name: "Ville de Grenoble", type: "COMMUNE", area: "grenoble", communeCode: "38185", website: "https://www.grenoble.fr", coverage: [{ commune: "38185" }], funds: [CDV(2000, 25000), MUNICIPAL] },
  { key: "ville-echirolles", name: "Ville d'Échirolles", type: "COMMUNE", area: "grenoble", communeCode: "38151", coverage: [{ commune: "38151" }], funds: [CDV(1500, 15000), MUNICIPAL] },
  { key: "caf-38", name: "Caisse d'allocations familiales de l'Isère", shortName: "CAF de l'Isère", type: "CAF", area: "grenoble", communeCode: "38185", website: "https://www.caf.fr", coverage: [{ department: "38" }], funds: [CAF_FPT] },
  { key: "actis", name: "Actis", type: "SOCIAL_LANDLORD", area: "grenoble", communeCode: "38185", coverage: [{ epci: "200040715" }], funds: [TFPB] },
];

export const PARTNER_BY_KEY = new Map(PARTNERS.map((p) => [p.key, p]));
