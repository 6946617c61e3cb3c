import { DataSource } from "typeorm";

/** Kinds of reference code a filter can name. */
export type ReferenceKind = "commune" | "epci" | "department" | "region" | "qpv" | "theme";

/** Every code of the reference tables, and the city of each Paris, Lyon and Marseille district. */
export interface ReferenceCodes {
  codes: Record<ReferenceKind, ReadonlySet<string>>;
  cityOfDistrict: ReadonlyMap<string, string>;
}

const cache = new WeakMap<DataSource, Promise<ReferenceCodes>>();

/**
 * The reference codes, read once per data source (one statement, ~40,000 short strings): reference
 * tables only change when a server loads a new reference dataset at start-up, before it serves, so
 * checking a filter's codes needs no statement per request.
 */
export function referenceCodes(dataSource: DataSource): Promise<ReferenceCodes> {
  let codes = cache.get(dataSource);
  if (!codes) {
    codes = readReferenceCodes(dataSource);
    cache.set(dataSource, codes);
    codes.catch(() => cache.delete(dataSource));
  }
  return codes;
}

async function readReferenceCodes(dataSource: DataSource): Promise<ReferenceCodes> {
  const rows: { kind: ReferenceKind | "district"; code: string; city: string | null }[] = await dataSource.query(
    `SELECT 'commune' AS kind, insee_code AS code, NULL AS city FROM commune
     UNION ALL SELECT 'epci', siren, NULL FROM epci
     UNION ALL SELECT 'department', code, NULL FROM department
     UNION ALL SELECT 'region', code, NULL FROM region
     UNION ALL SELECT 'qpv', code, NULL FROM qpv
     UNION ALL SELECT 'theme', code, NULL FROM theme
     UNION ALL SELECT 'district', insee_code, city_insee_code FROM municipal_district`,
  );
  const codes: Record<ReferenceKind, Set<string>> = {
    commune: new Set(), epci: new Set(), department: new Set(), region: new Set(), qpv: new Set(), theme: new Set(),
  };
  const cityOfDistrict = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === "district") cityOfDistrict.set(row.code, row.city!);
    else codes[row.kind].add(row.code);
  }
  return { codes, cityOfDistrict };
}
