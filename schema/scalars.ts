import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { GraphQLGeoJSON } from "graphql-scalars";
import { isRealDay } from "../server/validation/calendar";

export { GraphQLGeoJSON as GeoJSONScalar };

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(value: unknown): string {
  const m = typeof value === "string" ? LOCAL_DATE.exec(value) : null;
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
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

/** Formats an instant as ISO 8601 in Europe/Paris time, with its UTC offset ("2026-03-12T18:30:00+01:00"). */
export function toParisIso(date: Date): string {
  const parts = Object.fromEntries(PARIS.formatToParts(date).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offsetMinutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
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

function parseInstant(value: unknown): Date {
  if (typeof value !== "string" || !realInstant(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be an ISO 8601 date-time with an offset, e.g. "2026-03-12T18:30:00+01:00".`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return new Date(value);
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
