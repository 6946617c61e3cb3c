import { isValidEmail, isValidPhone, isValidWebUrl } from "./contact-formats";
import { isValidInseeCode, isValidPostalCode, isValidQpvCode, isValidRna, isValidSiren, isValidSiret } from "./identifiers";

/** A refused input field: where it is in the mutation's input, and why. */
export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

/**
 * Collects every problem of one mutation input (not only the first), each with its field path. Each
 * rule lives here once and calls the pure validators of this folder; null and undefined values are
 * left to `required`, so optional fields are checked only when given.
 */
export class InputChecks {
  readonly problems: FieldProblem[] = [];

  fail(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  required(path: Path, value: unknown): boolean {
    if (value === null || value === undefined) {
      this.fail(path, "is required.");
      return false;
    }
    return true;
  }

  /** Text trimmed of surrounding spaces, between `min` and `max` characters. */
  text(path: Path, value: string | null | undefined, max: number, min = 0): void {
    if (value == null) return;
    const length = [...value.trim()].length;
    if (length < Math.max(min, 1) && min > 0) this.fail(path, "must not be empty.");
    else if (length > max) this.fail(path, `must be at most ${max} characters (got ${length}).`);
  }

  rna(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidRna(value)) this.fail(path, `"${value}" is not an RNA number (W followed by 9 characters, e.g. W595012345).`);
  }

  siren(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidSiren(value)) this.fail(path, `"${value}" is not a valid SIREN number (9 digits with a valid check digit).`);
  }

  siret(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidSiret(value)) this.fail(path, `"${value}" is not a valid SIRET number (14 digits with a valid check digit).`);
  }

  /** Format only; whether the commune exists is checked against the reference data (see references.ts). */
  inseeCode(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidInseeCode(value)) this.fail(path, `"${value}" is not an INSEE commune code (e.g. 59512, 2A004, 97411).`);
  }

  postalCode(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidPostalCode(value)) this.fail(path, `"${value}" is not a postal code (5 digits).`);
  }

  qpvCode(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidQpvCode(value)) this.fail(path, `"${value}" is not a QPV code (e.g. QN05901M).`);
  }

  email(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidEmail(value)) this.fail(path, `"${value}" is not an email address.`);
  }

  url(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidWebUrl(value)) this.fail(path, `"${value}" is not a web address (http:// or https://).`);
  }

  phone(path: Path, value: string | null | undefined): void {
    if (value != null && !isValidPhone(value)) this.fail(path, `"${value}" is not a phone number.`);
  }

  /** A number within [min, max] (amounts, ETP, counts, years). */
  range(path: Path, value: number | null | undefined, min: number, max: number): void {
    if (value == null) return;
    if (!Number.isFinite(value) || value < min || value > max) this.fail(path, `must be between ${min} and ${max} (got ${value}).`);
  }

  /** At most `scale` decimal places (money in cents, ETP in hundredths). */
  decimals(path: Path, value: number | null | undefined, scale: number): void {
    if (value == null || !Number.isFinite(value)) return;
    if (Number(value.toFixed(scale)) !== value) this.fail(path, `must have at most ${scale} decimal places.`);
  }

  /** An end on or after its start (dates as YYYY-MM-DD strings, or instants). */
  order(path: Path, start: string | Date | null | undefined, end: string | Date | null | undefined, what = "the start"): void {
    if (start == null || end == null) return;
    const a = start instanceof Date ? start.getTime() : start;
    const b = end instanceof Date ? end.getTime() : end;
    if (b < a) this.fail(path, `must be on or after ${what}.`);
  }

  /** A list without repeated values and with at most `max` items. */
  distinct<T>(path: Path, values: T[] | null | undefined, max: number, key: (value: T) => unknown = (v) => v): void {
    if (values == null) return;
    if (values.length > max) this.fail(path, `must have at most ${max} items (got ${values.length}).`);
    const seen = new Set<string>();
    values.forEach((value, i) => {
      const k = JSON.stringify(key(value));
      if (seen.has(k)) this.fail([...path, i], "repeats an earlier item.");
      seen.add(k);
    });
  }
}
