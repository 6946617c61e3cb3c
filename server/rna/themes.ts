/**
 * RNA theme codes (`objet_social1`, `objet_social2`: 6 digits of the nomenclature of social purposes;
 * "000000" is no code). The theme table holds the top-level themes (3-digit prefix + "000") and whatever
 * sub-themes an administrator adds; the register gives no labels, so the import adds no theme. An
 * association is linked to each code's theme when the table has it, otherwise to its parent theme; the
 * codes as published stay on its registry record (`RnaRecord.themeCodes`).
 */
export class ThemeIndex {
  constructor(private readonly known: ReadonlySet<string>) {}

  static async load(query: (sql: string) => Promise<Record<string, string>[]>): Promise<ThemeIndex> {
    return new ThemeIndex(new Set((await query("SELECT code FROM theme")).map((t) => t.code)));
  }

  /** The theme an association with this code is linked to, or null when neither the code nor its parent is known. */
  themeOf(code: string): string | null {
    if (this.known.has(code)) return code;
    const parent = `${code.slice(0, 3)}000`;
    return this.known.has(parent) ? parent : null;
  }
}
