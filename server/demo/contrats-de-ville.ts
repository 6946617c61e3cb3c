import type { DemoContratDeVille } from "./dataset";
import type { OrganizationsPart } from "./build-organizations";
import type { DemoTerritory } from "./territory";

/**
 * The contrats de ville 2024-2030 ("Engagements Quartiers 2030") of the demo areas. Their QPVs are
 * every real QPV of the EPCI (or of the listed communes) in the reference data; the signing
 * dates are illustrative.
 */
interface ContratSpec {
  name: string;
  departmentCode: string;
  epciSiren: string | null;
  /** Communes of the contract when it is not an EPCI's (Plaine Commune, an EPT, is not in the EPCI list). */
  communeCodes?: string[];
  signedOn: string;
  /** Partner keys of the signatories. */
  signatories: string[];
}

const CONTRATS: readonly ContratSpec[] = [
  {
    name: "Contrat de ville métropolitain 2024-2030 de la Métropole européenne de Lille – Engagements Quartiers 2030",
    departmentCode: "59",
    epciSiren: "200093201",
    signedOn: "2024-06-28",
    signatories: [
      "prefecture-59", "mel", "ville-lille", "ville-roubaix", "ville-tourcoing", "ville-wattrelos", "ville-villeneuve-d-ascq", "ville-hem",
      "departement-59", "region-32", "caf-59", "vilogia", "lille-metropole-habitat", "partenord", "france-travail-hdf",
    ],
  },
  {
    name: "Contrat de ville 2024-2030 de Plaine Commune – Engagements Quartiers 2030",
    departmentCode: "93",
    epciSiren: null,
    communeCodes: ["93001", "93027", "93031", "93039", "93066", "93070", "93072", "93079"],
    signedOn: "2024-05-17",
    signatories: ["prefecture-93", "plaine-commune", "ville-saint-denis", "ville-aubervilliers", "departement-93", "region-11", "caf-93", "seine-saint-denis-habitat", "plaine-commune-habitat"],
  },
  {
    name: "Contrat de ville métropolitain 2024-2030 d'Aix-Marseille-Provence – Engagements Quartiers 2030",
    departmentCode: "13",
    epciSiren: "200054807",
    signedOn: "2024-07-05",
    signatories: ["prefecture-13", "metropole-amp", "ville-marseille", "departement-13", "region-93", "caf-13", "13-habitat"],
  },
  {
    name: "Contrat de ville métropolitain 2024-2030 de la Métropole de Lyon – Engagements Quartiers 2030",
    departmentCode: "69",
    epciSiren: "200046977",
    signedOn: "2024-04-12",
    signatories: ["prefecture-69", "metropole-lyon", "ville-lyon", "ville-villeurbanne", "ville-venissieux", "region-84", "caf-69", "lyon-metropole-habitat"],
  },
  {
    name: "Contrat de ville 2024-2030 de Grenoble-Alpes Métropole – Engagements Quartiers 2030",
    departmentCode: "38",
    epciSiren: "200040715",
    signedOn: "2024-03-29",
    signatories: ["prefecture-38", "grenoble-alpes-metropole", "ville-grenoble", "ville-echirolles", "caf-38", "actis"],
  },
];

export function buildContratsDeVille(territory: DemoTerritory, orgs: OrganizationsPart): DemoContratDeVille[] {
  return CONTRATS.map((spec) => {
    const qpvCodes = spec.epciSiren ? territory.qpvCodesOfEpci.get(spec.epciSiren) ?? [] : territory.qpvCodesOfCommunes(spec.communeCodes ?? []);
    if (qpvCodes.length === 0) throw new Error(`${spec.name}: no QPV in the reference data`);
    return {
      name: spec.name,
      departmentCode: spec.departmentCode,
      epciSiren: spec.epciSiren,
      communeInseeCode: null,
      startYear: 2024,
      endYear: 2030,
      signedOn: spec.signedOn,
      qpvCodes,
      signatoryIndexes: spec.signatories.map((key) => {
        const index = orgs.partnerIndexByKey.get(key);
        if (index === undefined) throw new Error(`${spec.name}: unknown signatory ${key}`);
        return index;
      }),
    };
  });
}
