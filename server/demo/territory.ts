import { EntityManager } from "typeorm";

/**
 * The territory of the demo dataset: the areas it covers, and the real communes and QPVs of
 * those areas, read from the reference tables (never hard-coded names).
 */

export type AreaKey = "lille" | "seine-saint-denis" | "marseille" | "lyon" | "grenoble";

/** A commune of the demo scope: INSEE code, relative weight (how many associations), and RNA registry prefix. */
interface AreaCommuneSpec {
  inseeCode: string;
  weight: number;
  /** The 3 characters after `W` in RNA numbers: département + arrondissement whose registry records the association. */
  rnaPrefix: string;
}

/** An area of the demo scope (mostly the Lille-Roubaix-Tourcoing area, plus four others). */
export interface AreaSpec {
  key: AreaKey;
  label: string;
  departmentCode: string;
  regionCode: string;
  /** Share of the demo associations located in the area. */
  share: number;
  communes: AreaCommuneSpec[];
}

export const AREAS: readonly AreaSpec[] = [
  {
    key: "lille",
    label: "Métropole européenne de Lille",
    departmentCode: "59",
    regionCode: "32",
    share: 0.64,
    communes: [
      { inseeCode: "59350", weight: 10, rnaPrefix: "595" }, // Lille
      { inseeCode: "59512", weight: 10, rnaPrefix: "595" }, // Roubaix
      { inseeCode: "59599", weight: 8, rnaPrefix: "595" }, // Tourcoing
      { inseeCode: "59650", weight: 4, rnaPrefix: "595" }, // Wattrelos
      { inseeCode: "59009", weight: 4, rnaPrefix: "595" }, // Villeneuve-d'Ascq
      { inseeCode: "59299", weight: 3, rnaPrefix: "595" }, // Hem
      { inseeCode: "59360", weight: 2, rnaPrefix: "595" }, // Loos
      { inseeCode: "59410", weight: 2, rnaPrefix: "595" }, // Mons-en-Barœul
      { inseeCode: "59163", weight: 1, rnaPrefix: "595" }, // Croix
      { inseeCode: "59017", weight: 1, rnaPrefix: "595" }, // Armentières
      { inseeCode: "59328", weight: 1, rnaPrefix: "595" }, // Lambersart
    ],
  },
  {
    key: "seine-saint-denis",
    label: "Seine-Saint-Denis",
    departmentCode: "93",
    regionCode: "11",
    share: 0.12,
    communes: [
      { inseeCode: "93066", weight: 6, rnaPrefix: "933" }, // Saint-Denis
      { inseeCode: "93001", weight: 4, rnaPrefix: "933" }, // Aubervilliers
      { inseeCode: "93070", weight: 1, rnaPrefix: "933" }, // Saint-Ouen-sur-Seine
      { inseeCode: "93008", weight: 1, rnaPrefix: "931" }, // Bobigny
    ],
  },
  {
    key: "marseille",
    label: "Marseille",
    departmentCode: "13",
    regionCode: "93",
    share: 0.1,
    communes: [{ inseeCode: "13055", weight: 1, rnaPrefix: "133" }],
  },
  {
    key: "lyon",
    label: "Lyon et Villeurbanne",
    departmentCode: "69",
    regionCode: "84",
    share: 0.09,
    communes: [
      { inseeCode: "69123", weight: 3, rnaPrefix: "691" }, // Lyon
      { inseeCode: "69266", weight: 3, rnaPrefix: "691" }, // Villeurbanne
      { inseeCode: "69259", weight: 2, rnaPrefix: "691" }, // Vénissieux
    ],
  },
  {
    key: "grenoble",
    label: "Grenoble",
    departmentCode: "38",
    regionCode: "84",
    share: 0.05,
    communes: [
      { inseeCode: "38185", weight: 3, rnaPrefix: "381" }, // Grenoble
      { inseeCode: "38151", weight: 1, rnaPrefix: "381" }, // Échirolles
      { inseeCode: "38421", weight: 1, rnaPrefix: "381" }, // Saint-Martin-d'Hères
    ],
  },
];

/** A QPV of the demo scope, with a short label to use in names ("Nouveau Roubaix", "Lille Sud"). */
export interface DemoQpv {
  code: string;
  name: string;
  label: string;
  latitude: number;
  longitude: number;
  area: AreaKey;
  /** Demo communes the QPV lies in. */
  communeCodes: string[];
}

/** A commune of the demo scope, with its QPVs. */
export interface DemoCommune {
  inseeCode: string;
  name: string;
  departmentCode: string;
  regionCode: string;
  epciSiren: string | null;
  postalCode: string;
  postalCodes: string[];
  latitude: number;
  longitude: number;
  area: AreaKey;
  weight: number;
  rnaPrefix: string;
  qpvs: DemoQpv[];
  /** Municipal districts (Paris, Lyon, Marseille): addresses use their postal codes. */
  districts: { inseeCode: string; postalCode: string; latitude: number; longitude: number }[];
}

/** Everything the generator reads from the reference tables. */
export interface DemoTerritory {
  communes: DemoCommune[];
  communeByCode: Map<string, DemoCommune>;
  qpvs: DemoQpv[];
  qpvByCode: Map<string, DemoQpv>;
  themeCodes: Set<string>;
  stakeNumbers: number[];
  /** EPCI names by SIREN (the real SIREN of an EPCI partner comes from here). */
  epcis: Map<string, string>;
  /** Every QPV of the communes of an EPCI, or of a list of communes, for contrats de ville. */
  qpvCodesOfEpci: Map<string, string[]>;
  qpvCodesOfCommunes: (inseeCodes: string[]) => string[];
  allQpvCommunes: Map<string, string[]>;
}

/** Postal code of a municipal district from its INSEE code: 13214 -> 13014, 69383 -> 69003, 75118 -> 75018. */
export function districtPostalCode(inseeCode: string): string {
  if (inseeCode.startsWith("69")) return `6900${inseeCode.slice(4)}`;
  return `${inseeCode.slice(0, 2)}0${inseeCode.slice(3)}`;
}

/** A short label for a QPV, usable in organisation and project names. */
export function qpvLabel(name: string, communeName: string): string {
  const trimmed = name.trim();
  const sector = /^Secteur (.+)$/i.exec(trimmed);
  if (sector) return `${communeName} ${sector[1].replace(/ /g, "-")}`;
  if (/^Quartier Intercommunal/i.test(trimmed)) {
    const rest = trimmed.replace(/^Quartier Intercommunal\s*/i, "").split(/\s+-\s+/);
    const candidate = rest.find((part) => !/[A-Z][a-z]+-[A-Z][a-z]+$/.test(part) && part.length <= 28);
    return candidate ?? communeName;
  }
  const first = trimmed.replace(/^Quartiers?\s+/i, "").split(/\s+-\s*|\s*-\s+/)[0].trim();
  if (/^Centre Ville/i.test(first)) return `${communeName} Centre`;
  return first;
}

/** Reads the demo territory from the reference tables, and fails clearly when they are not loaded. */
export async function loadDemoTerritory(manager: EntityManager): Promise<DemoTerritory> {
  const specs = AREAS.flatMap((area) => area.communes.map((c) => ({ ...c, area })));
  const codes = specs.map((s) => s.inseeCode);
  const communeRows: {
    insee_code: string; name: string; department_code: string; region_code: string; epci_siren: string | null;
    postal_code: string | null; other_postal_codes: string[]; latitude: number; longitude: number;
  }[] = await manager.query(
    `SELECT c.insee_code, c.name, c.department_code, d.region_code, c.epci_siren, c.postal_code, c.other_postal_codes,
            c.latitude, c.longitude
       FROM commune c JOIN department d ON d.code = c.department_code
      WHERE c.insee_code = ANY($1::text[]) ORDER BY c.insee_code`,
    [codes],
  );
  const rowByCode = new Map(communeRows.map((r) => [r.insee_code, r]));
  const missing = codes.filter((c) => !rowByCode.has(c));
  if (missing.length) {
    throw new Error(`Demo data needs the reference data (communes ${missing.join(", ")} are missing): load it first`);
  }

  const districtRows: { insee_code: string; city_insee_code: string; latitude: number; longitude: number }[] = await manager.query(
    `SELECT insee_code, city_insee_code, latitude, longitude FROM municipal_district
      WHERE city_insee_code = ANY($1::text[]) ORDER BY insee_code`,
    [codes],
  );

  const qpvRows: { code: string; name: string; latitude: number; longitude: number; commune_insee_code: string }[] = await manager.query(
    `SELECT q.code, q.name, q.latitude, q.longitude, qc.commune_insee_code
       FROM qpv q JOIN qpv_commune qc ON qc.qpv_code = q.code
      WHERE qc.commune_insee_code = ANY($1::text[])
      ORDER BY q.code, qc.commune_insee_code`,
    [codes],
  );

  const communes: DemoCommune[] = specs.map((spec) => {
    const row = rowByCode.get(spec.inseeCode)!;
    if (row.department_code !== spec.area.departmentCode || row.region_code !== spec.area.regionCode) {
      throw new Error(`Commune ${row.insee_code} is not in département ${spec.area.departmentCode} / région ${spec.area.regionCode}`);
    }
    if (!row.postal_code) throw new Error(`Commune ${row.insee_code} has no postal code in the reference data`);
    return {
      inseeCode: row.insee_code,
      name: row.name,
      departmentCode: row.department_code,
      regionCode: row.region_code,
      epciSiren: row.epci_siren,
      postalCode: row.postal_code,
      postalCodes: [row.postal_code, ...row.other_postal_codes],
      latitude: Number(row.latitude),
      longitude: Number(row.longitude),
      area: spec.area.key,
      weight: spec.weight,
      rnaPrefix: spec.rnaPrefix,
      qpvs: [],
      districts: districtRows
        .filter((d) => d.city_insee_code === row.insee_code)
        .map((d) => ({ inseeCode: d.insee_code, postalCode: districtPostalCode(d.insee_code), latitude: Number(d.latitude), longitude: Number(d.longitude) })),
    };
  });
  const communeByCode = new Map(communes.map((c) => [c.inseeCode, c]));

  const qpvByCode = new Map<string, DemoQpv>();
  for (const row of qpvRows) {
    const commune = communeByCode.get(row.commune_insee_code)!;
    let qpv = qpvByCode.get(row.code);
    if (!qpv) {
      qpv = {
        code: row.code,
        name: row.name,
        label: qpvLabel(row.name, commune.name),
        latitude: Number(row.latitude),
        longitude: Number(row.longitude),
        area: commune.area,
        communeCodes: [],
      };
      qpvByCode.set(row.code, qpv);
    }
    qpv.communeCodes.push(commune.inseeCode);
    commune.qpvs.push(qpv);
  }
  for (const commune of communes) {
    if (commune.qpvs.length === 0) throw new Error(`Demo commune ${commune.inseeCode} has no QPV in the reference data`);
    for (const d of commune.districts) {
      if (!commune.postalCodes.includes(d.postalCode)) {
        throw new Error(`District ${d.inseeCode}: postal code ${d.postalCode} is not one of ${commune.name}'s`);
      }
    }
  }

  const themeRows: { code: string }[] = await manager.query(`SELECT code FROM theme ORDER BY code`);
  const stakeRows: { number: number }[] = await manager.query(`SELECT number FROM stake ORDER BY number`);
  if (stakeRows.length !== 4) throw new Error("Demo data needs the 4 stakes: load the reference data first");
  const epciRows: { siren: string; name: string }[] = await manager.query(
    `SELECT siren, name FROM epci WHERE siren IN (SELECT DISTINCT epci_siren FROM commune WHERE insee_code = ANY($1::text[])) ORDER BY siren`,
    [codes],
  );
  const epciQpvRows: { epci_siren: string; qpv_code: string }[] = await manager.query(
    `SELECT DISTINCT c.epci_siren, qc.qpv_code FROM qpv_commune qc JOIN commune c ON c.insee_code = qc.commune_insee_code
      WHERE c.epci_siren = ANY($1::text[]) ORDER BY c.epci_siren, qc.qpv_code`,
    [epciRows.map((e) => e.siren)],
  );
  const qpvCodesOfEpci = new Map<string, string[]>();
  for (const row of epciQpvRows) {
    const list = qpvCodesOfEpci.get(row.epci_siren) ?? [];
    list.push(row.qpv_code);
    qpvCodesOfEpci.set(row.epci_siren, list);
  }
  const allLinks: { qpv_code: string; commune_insee_code: string }[] = await manager.query(
    `SELECT qpv_code, commune_insee_code FROM qpv_commune
      WHERE commune_insee_code IN (SELECT insee_code FROM commune WHERE department_code = ANY($1::text[]))
      ORDER BY commune_insee_code, qpv_code`,
    [AREAS.map((a) => a.departmentCode)],
  );
  const allQpvCommunes = new Map<string, string[]>();
  for (const link of allLinks) {
    const list = allQpvCommunes.get(link.commune_insee_code) ?? [];
    list.push(link.qpv_code);
    allQpvCommunes.set(link.commune_insee_code, list);
  }

  const qpvs = [...qpvByCode.values()];
  return {
    communes,
    communeByCode,
    qpvs,
    qpvByCode,
    themeCodes: new Set(themeRows.map((t) => t.code)),
    stakeNumbers: stakeRows.map((s) => Number(s.number)),
    epcis: new Map(epciRows.map((e) => [e.siren, e.name])),
    qpvCodesOfEpci,
    qpvCodesOfCommunes: (inseeCodes) => [...new Set(inseeCodes.flatMap((c) => allQpvCommunes.get(c) ?? []))].sort(),
    allQpvCommunes,
  };
}
