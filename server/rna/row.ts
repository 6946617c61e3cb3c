import { AssociationGrouping } from "../../schema/enums/organization-enums";
import { isRealDay } from "../../schema/validation/calendar";
import { RegistryStatus, RnaFileFormat } from "../../schema/enums/rna-enums";
import { isValidPostalCode, isValidRna, isValidSiret } from "../validation/identifiers";
import { ColumnName, FileLayout } from "./formats";
import { issue, RowIssue } from "./issues";
import { TerritoryIndex } from "./territory";
import { ThemeIndex } from "./themes";

/** One association as the register describes it, validated: what the import writes. */
export interface RnaRow {
  line: number;
  rna: string;
  legacyId: string | null;
  name: string;
  shortName: string | null;
  purpose: string | null;
  grouping: AssociationGrouping;
  createdOn: string | null;
  dissolvedOn: string | null;
  address: string | null;
  postalCode: string | null;
  /** INSEE code as published (trimmed), and what it resolves to. */
  inseeCode: string | null;
  communeInseeCode: string | null;
  districtInseeCode: string | null;
  communeLabel: string | null;
  siret: string | null;
  status: RegistryStatus | null;
  /** The register's maj_time, "YYYY-MM-DD HH:MM:SS[.ffffff]" in Europe/Paris time. */
  updatedInRegistryAt: string | null;
  /** objet_social1/2 as published (valid 6-digit codes, "000000" left out). */
  themeCodes: string[];
  /** The themes the association is linked to (each code's theme, or its parent's). */
  themes: string[];
}

/** Limits of the organization table's check constraints: longer values are cut (and reported). */
const MAX = { name: 300, shortName: 100, purpose: 5000, address: 500, communeLabel: 200, legacyId: 50 } as const;

const GROUPINGS: Record<string, AssociationGrouping> = { S: AssociationGrouping.SIMPLE, U: AssociationGrouping.UNION, F: AssociationGrouping.FEDERATION };
const POSITIONS: Record<string, RegistryStatus> = {
  A: RegistryStatus.ACTIVE, D: RegistryStatus.DISSOLVED, S: RegistryStatus.DELETED, R: RegistryStatus.TAKEN_OVER,
};
/** Street number repetition indices of the waldec files. */
const REPETITIONS: Record<string, string> = { B: "bis", T: "ter", Q: "quater", C: "quinquies" };

/** The time after a date: " 14:52", " 14:52:11" or " 14:52:11.123456" ("T" instead of the space too). */
const TIME = /^[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?$/;
const THEME_CODE = /^[0-9]{6}$/;
/** "0001-01-01" is how the register writes "no date". */
const NO_DATE = "0001-01-01";

export interface RowContext {
  layout: FileLayout;
  /** Whether the decoder has produced U+FFFD (an invalid UTF-8 byte) so far: only then are rows searched for it. */
  replacementSeen: boolean;
  territory: TerritoryIndex;
  themes: ThemeIndex;
}

/** Validates one record: the row to import (or null when it is rejected) and what to report about it. */
export function parseRow(fields: string[], line: number, atEndOfFile: boolean, context: RowContext): { row: RnaRow | null; issues: RowIssue[] } {
  const { layout } = context;
  const issues: RowIssue[] = [];
  if (fields.length < layout.width || (fields.length > layout.width && fields.slice(layout.width).some((f) => f.trim() !== ""))) {
    const truncated = atEndOfFile && fields.length < layout.width ? " (the last line of the file: truncated?)" : "";
    issues.push(issue(line, "error", "COLUMN_COUNT", null, null, `${fields.length} fields where the header has ${layout.width}${truncated}`));
    return { row: null, issues };
  }
  const get = (column: ColumnName): string => {
    const index = layout.columns[column];
    return index < 0 ? "" : fields[index].trim();
  };

  // The RNA number: in `id`, or (rna_import) in `id_ex` when `id` is an old-style number. Never guessed.
  const id = get("id");
  const idEx = get("id_ex");
  const rna = isValidRna(id) ? id : isValidRna(idEx) ? idEx : null;
  if (!rna) {
    const shown = [id, idEx].filter(Boolean).join(" / ");
    issues.push(issue(line, "error", "INVALID_RNA", id ? "id" : "id_ex", shown || null,
      shown ? "no valid RNA number (W + 9 characters) in id or id_ex" : "no RNA number"));
    return { row: null, issues };
  }
  let name = get("titre");
  if (!name) {
    issues.push(issue(line, "error", "MISSING_NAME", "titre", null, "no name (titre)"));
    return { row: null, issues };
  }
  if (context.replacementSeen && fields.some((f) => f.includes("\uFFFD"))) {
    issues.push(issue(line, "warning", "ENCODING", null, null, "characters that are not valid UTF-8 were replaced by U+FFFD"));
  }

  const cut = (column: ColumnName, value: string, max: number): string => {
    if (value.length <= max) return value;
    issues.push(issue(line, "warning", "TRUNCATED", column, value, `longer than ${max} characters: cut`));
    return `${value.slice(0, max - 1)}…`;
  };
  name = cut("titre", name, MAX.name);
  const shortName = get("titre_court") ? cut("titre_court", get("titre_court"), MAX.shortName) : null;
  const rawPurpose = get("objet").replace(/\r\n?/g, "\n");
  const purpose = rawPurpose ? cut("objet", rawPurpose, MAX.purpose) : null;

  const legacy = (rna === id ? idEx : id) || null;
  const legacyId = legacy && legacy !== rna ? cut(rna === id ? "id_ex" : "id", legacy, MAX.legacyId) : null;

  const groupingCode = get("groupement").toUpperCase();
  let grouping = GROUPINGS[groupingCode];
  if (!grouping) {
    grouping = AssociationGrouping.SIMPLE;
    if (groupingCode) issues.push(issue(line, "warning", "UNKNOWN_GROUPING", "groupement", groupingCode, "not S, U or F: imported as a simple association"));
  }

  const positionCode = get("position").toUpperCase();
  const status = POSITIONS[positionCode] ?? null;
  if (!status && positionCode) issues.push(issue(line, "warning", "UNKNOWN_POSITION", "position", positionCode, "not A, D, S or R: status left unknown"));

  const date = (column: ColumnName): string | null => {
    const value = get(column);
    if (!value || value === NO_DATE) return null;
    const parsed = parseDate(value);
    if (!parsed) issues.push(issue(line, "warning", "INVALID_DATE", column, value, "not a date (YYYY-MM-DD): left out"));
    return parsed;
  };
  const createdOn = date("date_creat");
  let dissolvedOn = date("date_disso");
  if (createdOn && dissolvedOn && dissolvedOn < createdOn) {
    issues.push(issue(line, "warning", "DATES_INCONSISTENT", "date_disso", dissolvedOn, `dissolved before its creation (${createdOn}): dissolution date left out`));
    dissolvedOn = null;
  }

  const majTime = get("maj_time");
  const updatedInRegistryAt = majTime ? parseTimestamp(majTime) : null;
  if (majTime && !updatedInRegistryAt) {
    issues.push(issue(line, "warning", "INVALID_DATE", "maj_time", majTime, "not a date-time: the row is applied only to an association the register has not described yet"));
  }

  // Head office
  const address = composeAddress(layout.format, get);
  const postal = get("adrs_codepostal").replace(/\s+/g, "");
  const postalCode = postal && isValidPostalCode(postal) ? postal : null;
  if (postal && !postalCode) issues.push(issue(line, "warning", "INVALID_POSTAL_CODE", "adrs_codepostal", postal, "not 5 digits: left out"));
  const inseeCode = get("adrs_codeinsee").toUpperCase() || null;
  const office = inseeCode ? context.territory.resolve(inseeCode) : null;
  if (!inseeCode) issues.push(issue(line, "warning", "MISSING_INSEE_CODE", "adrs_codeinsee", null, "no INSEE code: imported without a commune"));
  else if (!office) issues.push(issue(line, "warning", "UNKNOWN_INSEE_CODE", "adrs_codeinsee", inseeCode, "not a commune of the reference list: imported without a commune"));
  const labelColumn = layout.format === RnaFileFormat.WALDEC ? "adrs_libcommune" : "libcom";
  const label = get(labelColumn) || get(labelColumn === "libcom" ? "adrs_libcommune" : "libcom");

  const siretValue = get("siret").replace(/\s+/g, "");
  let siret: string | null = null;
  if (siretValue && !/^0+$/.test(siretValue)) {
    if (isValidSiret(siretValue)) siret = siretValue;
    else issues.push(issue(line, "warning", "INVALID_SIRET", "siret", siretValue, "not a valid SIRET number (14 digits, Luhn check): left out"));
  }

  const themeCodes: string[] = [];
  const themes: string[] = [];
  for (const column of ["objet_social1", "objet_social2"] as const) {
    const code = get(column);
    if (!code || code === "000000") continue;
    if (!THEME_CODE.test(code)) {
      issues.push(issue(line, "warning", "INVALID_THEME_CODE", column, code, "not a 6-digit theme code: left out"));
      continue;
    }
    if (!themeCodes.includes(code)) themeCodes.push(code);
    const theme = context.themes.themeOf(code);
    if (!theme) issues.push(issue(line, "warning", "UNKNOWN_THEME", column, code, "neither this theme nor its parent is in the nomenclature: kept on the registry record only"));
    else if (!themes.includes(theme)) themes.push(theme);
  }

  return {
    row: {
      line, rna, legacyId, name, shortName, purpose, grouping, createdOn, dissolvedOn,
      address: address ? cut(layout.format === RnaFileFormat.WALDEC ? "adrs_libvoie" : "adr1", address, MAX.address) : null,
      postalCode, inseeCode: inseeCode && inseeCode.length <= 10 ? inseeCode : null,
      communeInseeCode: office?.communeInseeCode ?? null, districtInseeCode: office?.districtInseeCode ?? null,
      communeLabel: label ? cut(labelColumn, label, MAX.communeLabel) : null,
      siret, status, updatedInRegistryAt, themeCodes, themes,
    },
    issues,
  };
}

/** Whether year-month-day is a real calendar day (years 1000 to 9999: earlier ones are placeholders). */
function realDay(year: number, month: number, day: number): boolean {
  return year >= 1000 && isRealDay(year, month, day);
}

/** The number written by the digits value[from, from + length), or -1 if one is not a digit. */
function digits(value: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** "2015-03-02" or "02/03/2015" as "2015-03-02"; null when not a real day. */
function parseDate(value: string): string | null {
  if (value.length !== 10) return null;
  if (value[4] === "-" && value[7] === "-") {
    return realDay(digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2)) ? value : null;
  }
  if (value[2] === "/" && value[5] === "/") {
    return realDay(digits(value, 6, 4), digits(value, 3, 2), digits(value, 0, 2)) ? `${value.slice(6)}-${value.slice(3, 5)}-${value.slice(0, 2)}` : null;
  }
  return null;
}

/** "2024-10-03 14:52:11" (seconds, fractions and the time itself optional; "T" accepted) as "2024-10-03 14:52:11[.ffffff]"; null when not one. */
function parseTimestamp(value: string): string | null {
  const day = parseDate(value.slice(0, 10));
  if (!day || day !== value.slice(0, 10)) return null;
  if (value.length === 10) return `${day} 00:00:00`;
  const m = TIME.exec(value.slice(10));
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return null;
  return `${day} ${m[1]}:${m[2]}:${m[3] ?? "00"}${m[4] ?? ""}`;
}

/** The head office address on one line: waldec gives it in parts, rna_import in three lines. */
function composeAddress(format: RnaFileFormat, get: (column: ColumnName) => string): string | null {
  const join = (parts: string[], separator: string) => parts.filter(Boolean).join(separator);
  if (format === RnaFileFormat.IMPORT) return join([get("adr1"), get("adr2"), get("adr3")], ", ") || null;
  const repetition = get("adrs_repetition");
  const number = join([get("adrs_numvoie"), REPETITIONS[repetition.toUpperCase()] ?? repetition.toLowerCase()], " ");
  const street = join([number, get("adrs_typevoie"), get("adrs_libvoie")], " ");
  return join([get("adrs_complement"), street, get("adrs_distrib")], ", ") || null;
}
