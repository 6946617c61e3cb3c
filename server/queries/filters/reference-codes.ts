import { badInput } from "../../../schema/input-errors";
import { RequestLoaders } from "../../loaders/request-loaders";
import { ReferenceKind, referenceCodes } from "../../reference/reference-codes";
import { isValidInseeCode, isValidQpvCode } from "../../validation/identifiers";

const FORMATS: Record<string, (code: string) => boolean> = {
  commune: isValidInseeCode,
  epci: (code) => /^[0-9]{9}$/.test(code),
  department: (code) => /^([0-9]{2}|2[AB]|9[78][0-9])$/.test(code),
  region: (code) => /^[0-9]{2,3}$/.test(code),
  qpv: isValidQpvCode,
  theme: (code) => /^[0-9]{6}$/.test(code),
};

/**
 * Checks codes given in a filter: malformed ones are rejected (MALFORMED), unknown ones too
 * (UNKNOWN_REFERENCE), against the reference codes held in memory (no statement).
 * Commune codes of Paris, Lyon and Marseille districts are replaced by their city's.
 */
export async function checkedCodes(
  loaders: RequestLoaders,
  kind: ReferenceKind,
  codes: string[] | null | undefined,
  argument: string,
): Promise<string[] | null> {
  if (codes == null) return null;
  for (const code of codes) {
    if (!FORMATS[kind](code)) {
      throw badInput(`"${code}" is not a valid ${kind} code.`, { argument, reason: "MALFORMED" });
    }
  }
  const reference = await referenceCodes(loaders.dataSource);
  const resolved = kind === "commune" ? codes.map((code) => reference.cityOfDistrict.get(code) ?? code) : codes;
  resolved.forEach((code, i) => {
    if (!reference.codes[kind].has(code)) throw badInput(`Unknown ${kind} code "${codes[i]}".`, { argument, reason: "UNKNOWN_REFERENCE" });
  });
  return [...new Set(resolved)];
}
