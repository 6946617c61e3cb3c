import { Commune } from "../../../entities/commune.entity";
import { Department } from "../../../entities/department.entity";
import { Epci } from "../../../entities/epci.entity";
import { MunicipalDistrict } from "../../../entities/municipal-district.entity";
import { Qpv } from "../../../entities/qpv.entity";
import { Region } from "../../../entities/region.entity";
import { Theme } from "../../../entities/theme.entity";
import { badInput } from "../../errors";
import { RequestLoaders } from "../../loaders/request-loaders";
import { isValidInseeCode, isValidQpvCode } from "../../validation/identifiers";

const FORMATS: Record<string, (code: string) => boolean> = {
  commune: isValidInseeCode,
  epci: (code) => /^[0-9]{9}$/.test(code),
  department: (code) => /^([0-9]{2}|2[AB]|9[78][0-9])$/.test(code),
  region: (code) => /^[0-9]{2,3}$/.test(code),
  qpv: isValidQpvCode,
  theme: (code) => /^[0-9]{6}$/.test(code),
};

const ENTITY = { commune: Commune, epci: Epci, department: Department, region: Region, qpv: Qpv, theme: Theme };

type Kind = keyof typeof ENTITY;

/**
 * Checks codes given in a filter: malformed ones are rejected (MALFORMED), unknown ones too
 * (UNKNOWN_REFERENCE), through the request's loaders (one batched statement per kind).
 * Commune codes of Paris, Lyon and Marseille districts are replaced by their city's.
 */
export async function checkedCodes(
  loaders: RequestLoaders,
  kind: Kind,
  codes: string[] | null | undefined,
  argument: string,
): Promise<string[] | null> {
  if (codes == null) return null;
  for (const code of codes) {
    if (!FORMATS[kind](code)) {
      throw badInput(`"${code}" is not a valid ${kind} code.`, { argument, reason: "MALFORMED" });
    }
  }
  let resolved = codes;
  if (kind === "commune") {
    const districts = await loaders.byKey(MunicipalDistrict).loadMany(codes);
    resolved = codes.map((code, i) => {
      const district = districts[i];
      return district && !(district instanceof Error) ? district.cityInseeCode : code;
    });
  }
  const found = await loaders.byKey<object>(ENTITY[kind]).loadMany(resolved);
  found.forEach((row, i) => {
    if (row instanceof Error) throw row;
    if (row === null) throw badInput(`Unknown ${kind} code "${codes[i]}".`, { argument, reason: "UNKNOWN_REFERENCE" });
  });
  return [...new Set(resolved)];
}
