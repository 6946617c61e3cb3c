import { DataSource, EntityManager } from "typeorm";
import { bulkUpsert, UpsertCounts } from "../database/bulk-upsert";
import { boundingBox, centroid } from "./geometry";
import { readReferenceFiles, referenceChecksum } from "./reference-files";
import { STAKES } from "./stakes";

/** Bump when the mapping below changes, so databases loaded by an older mapping are refreshed. */
const LOADER_VERSION = 2;
const DATASET = "territory";

/** Municipal districts of Paris, Lyon and Marseille: the first district's INSEE code minus one, and the city. */
const DISTRICT_RANGES = [
  { base: 75100, last: 75120, city: "75056", department: "75" },
  { base: 69380, last: 69389, city: "69123", department: "69" },
  { base: 13200, last: 13216, city: "13055", department: "13" },
];

function districtRange(inseeCode: string) {
  const n = Number(inseeCode);
  return /^[0-9]{5}$/.test(inseeCode) ? DISTRICT_RANGES.find((r) => n > r.base && n <= r.last) : undefined;
}

/** The city a Paris, Lyon or Marseille municipal district belongs to; null for any other code. */
export function cityOfDistrict(inseeCode: string): string | null {
  return districtRange(inseeCode)?.city ?? null;
}

/** Districts' postal codes follow their number: 75114 -> 75014, 69381 -> 69001, 13208 -> 13008 (Paris 16e also has 75116). */
function districtPostalCode(inseeCode: string): string {
  const range = districtRange(inseeCode)!;
  return `${range.department}0${String(Number(inseeCode) - range.base).padStart(2, "0")}`;
}

/** Communes merged away since the QPV and EPCI lists were published, and the commune that absorbed them. */
export const MERGED_COMMUNES: Record<string, string> = { "93059": "93066" }; // Pierrefitte-sur-Seine -> Saint-Denis, 2025-01-01

/** Département of a 2024 QPV code: "QN05981M" -> "59", "QN02A01M" -> "2A", "QN97651C" -> "976". */
export function departmentOfQpv(code: string): string {
  const part = code.slice(2, 5);
  return part.startsWith("0") ? part.slice(1) : part;
}

export type ReferenceLoadReport = Record<string, UpsertCounts>;

/** Loads (or refreshes) all reference data in one transaction; unchanged rows are not touched. */
export async function loadReferenceData(dataSource: DataSource): Promise<ReferenceLoadReport> {
  const files = readReferenceFiles();
  const checksum = referenceChecksum(LOADER_VERSION);
  const report = await dataSource.transaction(async (manager) => {
    const report = await upsertAll(manager, files);
    await manager.query(
      `INSERT INTO reference_dataset (name, checksum) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, loaded_at = now()
       WHERE reference_dataset.checksum <> excluded.checksum`,
      [DATASET, checksum],
    );
    return report;
  });
  await refreshStatistics(dataSource);
  return report;
}

/**
 * Refreshes the planner's statistics after a bulk load: without them PostgreSQL plans the joins of
 * fresh tables badly (a cooperation-link lookup took 400 ms instead of 1 ms), and PGlite runs no
 * autovacuum to gather them later.
 */
export async function refreshStatistics(dataSource: DataSource): Promise<void> {
  await dataSource.query("ANALYZE");
}

/** Loads the reference data unless this exact version of it is already there (what start-up calls). */
export async function ensureReferenceData(dataSource: DataSource): Promise<ReferenceLoadReport | null> {
  const [row] = await dataSource.query(`SELECT checksum FROM reference_dataset WHERE name = $1`, [DATASET]);
  if (row?.checksum === referenceChecksum(LOADER_VERSION)) return null;
  return loadReferenceData(dataSource);
}

async function upsertAll(manager: EntityManager, files: ReturnType<typeof readReferenceFiles>): Promise<ReferenceLoadReport> {
  const report: ReferenceLoadReport = {};
  const epciOfCommune = new Map<string, string>();
  for (const epci of files.epcis) for (const insee of epci.communes) epciOfCommune.set(MERGED_COMMUNES[insee] ?? insee, epci.siren);
  const postal = new Map(files.postalCodes.map((p) => [p.insee, p]));
  const cities = files.communes.filter((c) => !cityOfDistrict(c.insee));
  const districts = files.communes.filter((c) => cityOfDistrict(c.insee));
  const communeCodes = new Set(cities.map((c) => c.insee));

  report.region = await bulkUpsert(manager, "region", ["code"],
    [{ name: "code", type: "text" }, { name: "name", type: "text" }, { name: "chef_lieu_insee_code", type: "text" }, { name: "zone", type: "text" }],
    files.regions.map((r) => [r.code, r.nom, r.chefLieu, r.zone]));

  report.department = await bulkUpsert(manager, "department", ["code"],
    [{ name: "code", type: "text" }, { name: "name", type: "text" }, { name: "region_code", type: "text" },
      { name: "chef_lieu_insee_code", type: "text" }, { name: "zone", type: "text" }],
    files.departments.map((d) => [d.code, d.nom, d.region, d.chefLieu, d.zone]));

  report.epci = await bulkUpsert(manager, "epci", ["siren"],
    [{ name: "siren", type: "text" }, { name: "name", type: "text" }, { name: "type", type: "text" }, { name: "population", type: "integer" }],
    files.epcis.map((e) => [e.siren, e.name, e.type, e.population]));

  report.commune = await bulkUpsert(manager, "commune", ["insee_code"],
    [{ name: "insee_code", type: "text" }, { name: "name", type: "text" }, { name: "department_code", type: "text" },
      { name: "epci_siren", type: "text" }, { name: "postal_code", type: "text" },
      { name: "other_postal_codes", type: "text", expression: "coalesce(string_to_array(nullif(u.other_postal_codes, ''), '|'), '{}')" },
      { name: "latitude", type: "double precision" }, { name: "longitude", type: "double precision" }],
    cities.map((c) => {
      const p = postal.get(c.insee);
      return [c.insee, c.name, c.dept, epciOfCommune.get(c.insee) ?? null, p?.cp || null, p?.cps_alt ?? "", Number(c.lat), Number(c.lon)];
    }));

  report.municipal_district = await bulkUpsert(manager, "municipal_district", ["insee_code"],
    [{ name: "insee_code", type: "text" }, { name: "city_insee_code", type: "text" }, { name: "name", type: "text" },
      { name: "postal_code", type: "text" }, { name: "latitude", type: "double precision" }, { name: "longitude", type: "double precision" }],
    districts.map((d) => [d.insee, cityOfDistrict(d.insee), d.name, districtPostalCode(d.insee), Number(d.lat), Number(d.lon)]));

  report.qpv = await bulkUpsert(manager, "qpv", ["code"],
    [{ name: "code", type: "text" }, { name: "name", type: "text" }, { name: "department_code", type: "text" },
      { name: "geometry", type: "text", expression: "u.geometry::jsonb" },
      { name: "min_longitude", type: "double precision" }, { name: "min_latitude", type: "double precision" },
      { name: "max_longitude", type: "double precision" }, { name: "max_latitude", type: "double precision" },
      { name: "latitude", type: "double precision" }, { name: "longitude", type: "double precision" }],
    files.qpvs.map((q) => {
      const box = boundingBox(q.g);
      const center = centroid(q.g);
      return [q.code, q.label, departmentOfQpv(q.code), JSON.stringify({ type: "MultiPolygon", coordinates: q.g }),
        box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude, center.latitude, center.longitude];
    }));

  const links = new Set<string>();
  for (const q of files.qpvs) {
    for (const raw of q.insee) {
      const insee = MERGED_COMMUNES[raw] ?? cityOfDistrict(raw) ?? raw;
      if (!communeCodes.has(insee)) throw new Error(`QPV ${q.code} names commune ${raw}, which is not in the reference list`);
      links.add(`${q.code}|${insee}`);
    }
  }
  const pairs = [...links].map((l) => l.split("|"));
  report.qpv_commune = await bulkUpsert(manager, "qpv_commune", ["qpv_code", "commune_insee_code"],
    [{ name: "qpv_code", type: "text" }, { name: "commune_insee_code", type: "text" }], pairs);
  await manager.query(
    `DELETE FROM qpv_commune q WHERE NOT EXISTS (
       SELECT 1 FROM unnest($1::text[], $2::text[]) AS u(qpv_code, commune_insee_code)
       WHERE u.qpv_code = q.qpv_code AND u.commune_insee_code = q.commune_insee_code)`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );

  report.theme = await bulkUpsert(manager, "theme", ["code"],
    [{ name: "code", type: "text" }, { name: "label", type: "text" }],
    files.themes.map((t) => [t.code, t.label]));

  report.stake = await bulkUpsert(manager, "stake", ["number"],
    [{ name: "number", type: "smallint" }, { name: "title", type: "text" }],
    STAKES.map((s) => [s.number, s.title]));
  return report;
}
