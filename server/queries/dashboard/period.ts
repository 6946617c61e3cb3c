import { DashboardPeriod } from "../../../schema/inputs/dashboard-inputs";
import { toParisIso } from "../../../schema/scalars";
import { badInput } from "../../../schema/input-errors";

/** A checked period: two calendar days, `from` <= `to`. */
export interface Period {
  from: string;
  to: string;
}

const MIN_DAY = "1990-01-01";
const MAX_DAY = "2100-12-31";
const MAX_YEARS = 10;

/** Adds days (or years) to a calendar day, in UTC so no time zone shifts it. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** Checks a period: both days between 1990 and 2100, `to` not before `from`, at most 10 years long. */
export function checkedPeriod(period: DashboardPeriod | null | undefined): Period | null {
  if (period == null) return null;
  const { from, to } = period;
  for (const [name, day] of [["from", from], ["to", to]] as const) {
    if (day < MIN_DAY || day > MAX_DAY) {
      throw badInput(`"period.${name}" must lie between ${MIN_DAY} and ${MAX_DAY}, got ${day}.`, { argument: `period.${name}`, reason: "OUT_OF_RANGE" });
    }
  }
  if (to < from) throw badInput(`"period.to" (${to}) is before "period.from" (${from}).`, { argument: "period.to", reason: "OUT_OF_RANGE" });
  // `to` may be the day before the same date 10 years later: 2016-01-01 to 2025-12-31 is 10 years.
  if (to >= addYears(from, MAX_YEARS)) {
    throw badInput(`A period lasts at most ${MAX_YEARS} years, got ${from} to ${to}.`, { argument: "period", reason: "OUT_OF_RANGE" });
  }
  return { from, to };
}

/** UTC offset of Europe/Paris at an instant, in milliseconds. */
function parisOffset(instant: number): number {
  const iso = toParisIso(new Date(instant));
  const [, sign, hours, minutes] = /([+-])(\d{2}):(\d{2})$/.exec(iso)!;
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
}

/**
 * The instant a calendar day starts in Paris (its midnight). French clocks change at 2 or 3 am,
 * never at midnight, so the offset found at the first guess holds.
 */
export function parisMidnight(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const first = utcMidnight - parisOffset(utcMidnight);
  return new Date(utcMidnight - parisOffset(first));
}
