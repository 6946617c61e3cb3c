import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { GraphQLGeoJSON } from "graphql-scalars";
import { isDayText, isRealDay, isWithinCalendar, utcMillis } from "./validation/calendar";

export { GraphQLGeoJSON as GeoJSONScalar };

function parseLocalDate(value: unknown): string {
  if (typeof value !== "string" || !isDayText(value)) {
    throw new GraphQLError(`LocalDate must be a real day in YYYY-MM-DD format (years 0001 to 9999), e.g. "2026-03-12".`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return value as string;
}

/** A calendar day, `YYYY-MM-DD`: only real days PostgreSQL accepts (a 31 April or a year 0 is refused). */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: "LocalDate",
  description: "A local date string (i.e., with no associated timezone) in `YYYY-MM-DD` format, e.g. `2020-01-01`.",
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseLocalDate(value);
  },
  parseValue: parseLocalDate,
  parseLiteral(ast) {
    return parseLocalDate(ast.kind === Kind.STRING ? (ast as { value: string }).value : undefined);
  },
});

const PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
});

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Paris's UTC offset at an instant, in whole minutes (rounded), as Intl's time-zone data gives it. */
function parisOffsetByIntl(ms: number): number {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = utcMillis(+parts.year, +parts.month, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
}

const HOUR = 3_600_000;
/** Offsets by UTC hour (Intl's formatToParts costs tens of µs a call, and lists show many instants of few hours). */
const offsetsByHour = new Map<number, number>();

/**
 * Paris's UTC offset at an instant, in minutes. An hour whose first and last second have the same offset
 * has it throughout (Paris never changed its offset twice within an hour), and is remembered; the hour
 * of a change is asked of Intl for each instant.
 */
function parisOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const start = parisOffsetByIntl(hour * HOUR);
  if (start !== parisOffsetByIntl(hour * HOUR + HOUR - 1000)) return parisOffsetByIntl(ms);
  if (offsetsByHour.size >= 100_000) offsetsByHour.clear();
  offsetsByHour.set(hour, start);
  return start;
}

/** Formats an instant as ISO 8601 in Europe/Paris time, with its UTC offset ("2026-03-12T18:30:00+01:00"). */
export function toParisIso(date: Date): string {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000) * 1000;
  const offsetMinutes = parisOffsetMinutes(ms);
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  // Before 1911 Paris kept its mean time (+00:09:21), not whole minutes: the time is printed in the
  // rounded offset, so that time and offset name the instant exactly.
  const shown = new Date(seconds + offsetMinutes * 60000);
  return `${pad(shown.getUTCFullYear(), 4)}-${pad(shown.getUTCMonth() + 1)}-${pad(shown.getUTCDate())}` +
    `T${pad(shown.getUTCHours())}:${pad(shown.getUTCMinutes())}:${pad(shown.getUTCSeconds())}${offset}`;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Whether an ISO date-time names a real instant: a real calendar day (year 1 to 9999), a real time and offset. */
function realInstant(value: string): boolean {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[7] ?? "0"].map(Number);
  const offsetOk = m[9] === "Z" || (Number(m[10]) <= 15 && Number(m[11]) < 60);
  return isRealDay(year, month, day) && hour < 24 && minute < 60 && second < 60 && offsetOk;
}

/**
 * An instant whose day is a real day however it is read: as written, in UTC (as PostgreSQL stores and
 * prints it, in cursors too) and in Paris time (as the API shows it).
 */
function parseInstant(value: unknown): Date {
  const instant = typeof value === "string" && realInstant(value) ? new Date(value) : null;
  if (!instant || !isWithinCalendar(instant) || !isDayText(toParisIso(instant).slice(0, 10))) {
    throw new GraphQLError(`DateTime must be an ISO 8601 date-time with an offset (years 0001 to 9999), e.g. "2026-03-12T18:30:00+01:00".`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return instant;
}

/** An instant, shown in Europe/Paris time with its offset; accepts any ISO 8601 date-time with an offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description:
    'An instant, as ISO 8601 in Europe/Paris time with its UTC offset, e.g. "2026-03-12T18:30:00+01:00". Input accepts any offset or "Z".',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError("DateTime cannot represent an invalid date.");
    return toParisIso(date);
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) parseInstant(undefined);
    return parseInstant((ast as { value: string }).value);
  },
});
