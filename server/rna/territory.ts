import { MERGED_COMMUNES } from "../reference/load-reference-data";
import { isValidInseeCode } from "../validation/identifiers";

/**
 * Where an association's head office is, from the INSEE code the register gives (`adrs_codeinsee`):
 * - a commune of the reference list: that commune;
 * - a Paris, Lyon or Marseille district (75101-75120, 69381-69389, 13201-13216): the city, as the QPV
 *   list and `commune(inseeCode:)` expect, the district kept apart (`rna_record.district_insee_code`);
 * - a commune merged away since the QPV list (MERGED_COMMUNES of the reference loader): the commune
 *   that absorbed it;
 * - anything else (an obsolete code, a typo, a blank): no commune, and a warning in the rejected-rows
 *   file; the row is imported all the same, the code as published kept on its record.
 */
export interface HeadOffice {
  communeInseeCode: string | null;
  districtInseeCode: string | null;
}

export class TerritoryIndex {
  constructor(
    private readonly communes: ReadonlySet<string>,
    private readonly districts: ReadonlyMap<string, string>,
  ) {}

  /** Loads the communes and districts of the reference data. */
  static async load(query: (sql: string) => Promise<Record<string, string>[]>): Promise<TerritoryIndex> {
    const communes = await query("SELECT insee_code FROM commune");
    const districts = await query("SELECT insee_code, city_insee_code FROM municipal_district");
    return new TerritoryIndex(new Set(communes.map((c) => c.insee_code)), new Map(districts.map((d) => [d.insee_code, d.city_insee_code])));
  }

  /** The head office of a code as published; null when the code designates no known commune. */
  resolve(inseeCode: string): HeadOffice | null {
    if (this.communes.has(inseeCode)) return { communeInseeCode: inseeCode, districtInseeCode: null };
    if (!isValidInseeCode(inseeCode)) return null;
    const city = this.districts.get(inseeCode);
    if (city) return { communeInseeCode: city, districtInseeCode: inseeCode };
    const merged = MERGED_COMMUNES[inseeCode];
    if (merged && this.communes.has(merged)) return { communeInseeCode: merged, districtInseeCode: null };
    return null;
  }
}
