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
 * The reference codes, read once per data source (one statement, ~40,000 short codes): reference
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
  // One row of joined strings rather than 40,000 rows: on the embedded database, parsing rows one by one
  // took a third of a second of the start-up.
  const [row]: Record<ReferenceKind | "districts", string | null>[] = await dataSource.query(
    `SELECT (SELECT string_agg(insee_code, ',') FROM commune) AS commune,
            (SELECT string_agg(siren, ',') FROM epci) AS epci,
            (SELECT string_agg(code, ',') FROM department) AS department,
            (SELECT string_agg(code, ',') FROM region) AS region,
            (SELECT string_agg(code, ',') FROM qpv) AS qpv,
            (SELECT string_agg(code, ',') FROM theme) AS theme,
            (SELECT string_agg(insee_code || ':' || city_insee_code, ',') FROM municipal_district) AS districts`,
  );
  const list = (value: string | null) => (value ? value.split(",") : []);
  const kinds: ReferenceKind[] = ["commune", "epci", "department", "region", "qpv", "theme"];
  const codes = Object.fromEntries(kinds.map((kind) => [kind, new Set(list(row[kind]))])) as Record<ReferenceKind, Set<string>>;
  const cityOfDistrict = new Map(list(row.districts).map((pair) => pair.split(":") as [string, string]));
  return { codes, cityOfDistrict };
}
