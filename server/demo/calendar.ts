/**
 * Calendar arithmetic for the demo dataset on plain dates ("YYYY-MM-DD") and Europe/Paris local
 * times, with integer day numbers only: no clock, no host time zone, so output never varies.
 */

/** The "today" of the demo dataset: events after it are upcoming (no attendance yet), projects are dated against it. */
export const DEMO_TODAY = "2026-11-26";

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of a "YYYY-MM-DD" date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The "YYYY-MM-DD" date of a day number. */
export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** Adds calendar months to a "YYYY-MM-DD" date, clamping the day to the end of the target month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

/** Day of the week of a "YYYY-MM-DD" date: 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
}

/** The year of a "YYYY-MM-DD" date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The later of two "YYYY-MM-DD" dates (they sort as strings). */
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** The earlier of two "YYYY-MM-DD" dates. */
export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** A date drawn uniformly between two "YYYY-MM-DD" dates, both included, from a draw in [0, 1). */
export function dateBetween(from: string, to: string, draw: number): string {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return dateOf(a + Math.floor(draw * (b - a + 1)));
}

/** Last Sunday of a month (1-12) of a year, as a day number. */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month, 0) / MS_PER_DAY;
  const wd = new Date(last * MS_PER_DAY).getUTCDay();
  return last - wd;
}

/**
 * UTC offset of Europe/Paris on a date, for local day-time hours: "+02:00" from the last Sunday
 * of March to the day before the last Sunday of October (summer time), "+01:00" otherwise.
 */
export function parisOffset(date: string): "+01:00" | "+02:00" {
  const year = yearOf(date);
  const day = dayNumber(date);
  return day >= lastSunday(year, 3) && day < lastSunday(year, 10) ? "+02:00" : "+01:00";
}

/** An ISO 8601 timestamp of a Europe/Paris local time, with its offset: "2025-06-14T14:00:00+02:00". */
export function parisTimestamp(date: string, minutesOfDay: number): string {
  if (minutesOfDay < 0 || minutesOfDay >= 24 * 60) throw new Error(`minutes of day out of range: ${minutesOfDay}`);
  return `${date}T${pad(Math.floor(minutesOfDay / 60))}:${pad(minutesOfDay % 60)}:00${parisOffset(date)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
