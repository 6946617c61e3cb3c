import { InputChecks } from "../validation/input-checks";

type Path = (string | number)[];

/** How one input field is written: its column, its rule, and how its value is stored. */
export interface ColumnSpec {
  column: string;
  check?: (checks: InputChecks, path: Path, value: never) => void;
  store?: (value: never) => unknown;
}

/**
 * The column values of the fields an input gives (absent fields are left as they are; null clears a
 * field), each checked by its rule. Text is trimmed, and empty text is no value.
 */
export function columnValues(checks: InputChecks, input: object, specs: Record<string, ColumnSpec>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(specs)) {
    let value = (input as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value === "string") value = value.trim() === "" ? null : value.trim();
    if (value !== null) spec.check?.(checks, [field], value as never);
    values[spec.column] = value === null ? null : spec.store ? spec.store(value as never) : value;
  }
  return values;
}

/** Whether a create input gives each required field. */
export function requireFields(checks: InputChecks, input: object, fields: string[]): void {
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    checks.required([field], typeof value === "string" && value.trim() === "" ? null : value);
  }
}

/** Latitude and longitude columns of a location input (null clears both). */
export function locationValues(checks: InputChecks, location: { latitude: number; longitude: number } | null | undefined): Record<string, unknown> {
  if (location === undefined) return {};
  checks.range(["location", "latitude"], location?.latitude, -90, 90);
  checks.range(["location", "longitude"], location?.longitude, -180, 180);
  return { latitude: location?.latitude ?? null, longitude: location?.longitude ?? null };
}

/** Text rule for `columnValues`: trimmed length between `min` and `max`. */
export const text = (max: number, min = 0): ColumnSpec["check"] => (c, p, v: string) => c.text(p, v, max, min);
