/**
 * The one calendar rule of every date the API takes or reads back (LocalDate, DateTime, cursors):
 * the proleptic Gregorian calendar of PostgreSQL, years 0001 to 9999 (four digits, no BC). Computed
 * by arithmetic, not by Date.UTC, which maps years 0 to 99 to 1900 to 1999.
 */

export const FIRST_YEAR = 1;
export const LAST_YEAR = 9999;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Whether year-month-day is a real calendar day that PostgreSQL accepts (years 1 to 9999). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

const DAY_TEXT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Whether a text is a real day written `YYYY-MM-DD`. */
export function isDayText(text: string): boolean {
  const m = DAY_TEXT.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whether an instant's UTC day (how PostgreSQL stores and prints it) is a real day. */
export function isWithinCalendar(instant: Date): boolean {
  const time = instant.getTime();
  if (Number.isNaN(time)) return false;
  const year = instant.getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** Milliseconds since the epoch of a UTC date and time, for any year (Date.UTC would shift years 0 to 99). */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}
