import { isValidRna, isValidSiren, isValidSiret, sirenWithLuhn, siretWithLuhn } from "../validation/identifiers";
import type { DemoOrganization } from "./dataset";
import { Random } from "./random";

/**
 * Synthetic registry numbers for the demo associations: RNA numbers in the real format
 * (`W` + the registry's 3-character prefix + a 6-digit sequence growing with the creation date)
 * and Luhn-valid SIREN/SIRET numbers. They are made up: any match with a real register entry is chance.
 */

/** First digit of an association's SIREN by creation period (older registrations have lower numbers). */
function sirenLeadingDigit(createdOn: string | null, rng: Random): string {
  const year = createdOn ? Number(createdOn.slice(0, 4)) : 1990;
  if (year < 1985) return rng.pick(["3", "4"]);
  if (year < 2000) return rng.pick(["4", "5"]);
  if (year < 2012) return rng.pick(["5", "7", "8"]);
  if (year < 2019) return rng.pick(["8"]);
  return rng.pick(["8", "9"]);
}

/**
 * Gives RNA numbers to the associations listed in `rnaPrefixes` (by index), in order of creation
 * within each registry, and SIREN/SIRET numbers to those listed in `withSiret`.
 */
export function assignRegistryNumbers(
  organizations: DemoOrganization[],
  rnaPrefixes: Map<number, string>,
  withSiret: Set<number>,
  rng: Random,
): void {
  const byPrefix = new Map<string, number[]>();
  for (const [index, prefix] of [...rnaPrefixes].sort((a, b) => a[0] - b[0])) {
    const list = byPrefix.get(prefix) ?? [];
    list.push(index);
    byPrefix.set(prefix, list);
  }
  for (const prefix of [...byPrefix.keys()].sort()) {
    const indexes = byPrefix.get(prefix)!;
    indexes.sort((a, b) => {
      const ca = organizations[a].createdOn ?? "";
      const cb = organizations[b].createdOn ?? "";
      return ca < cb ? -1 : ca > cb ? 1 : a - b;
    });
    let sequence = rng.int(800, 2500);
    for (const index of indexes) {
      sequence += rng.int(40, 420);
      const rna = `W${prefix}${String(sequence).padStart(6, "0")}`;
      if (!isValidRna(rna)) throw new Error(`generated an invalid RNA number ${rna}`);
      organizations[index].rna = rna;
    }
  }

  const sirens = new Set<string>();
  for (const index of [...withSiret].sort((a, b) => a - b)) {
    const org = organizations[index];
    let siren: string;
    do {
      const first8 = sirenLeadingDigit(org.createdOn, rng) + String(rng.int(0, 9_999_999)).padStart(7, "0");
      siren = sirenWithLuhn(first8);
    } while (sirens.has(siren));
    sirens.add(siren);
    const nic = rng.chance(0.7) ? "0001" : rng.pick(["0002", "0003", "0004", "0005"]);
    const siret = siretWithLuhn(siren, nic);
    if (!isValidSiren(siren) || !isValidSiret(siret)) throw new Error(`generated an invalid SIREN/SIRET ${siret}`);
    org.siren = siren;
    org.siret = siret;
  }
}
