import { toParisIso } from "../../schema/scalars";

/**
 * DateTime shows instants in Paris time with their offset; the offset is remembered per UTC hour
 * (schema/scalars.ts). Checked against Intl's own reading of the same instant, minute by minute, across
 * the changes of offset that matter: both summer-time changes, the change to GMT in 1911 (Paris mean time
 * was +00:09:21), the wartime and 1940s changes, and the ends of the calendar.
 */
const PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
});

/** What Intl says the wall-clock time in Paris is ("2026-03-29T03:00:00"). */
function wallClock(ms: number): string {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return `${p.year.padStart(4, "0")}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

const around = (iso: string, hours: number) => {
  const centre = Date.parse(iso);
  const instants: number[] = [];
  for (let ms = centre - hours * 3_600_000; ms <= centre + hours * 3_600_000; ms += 60_000 + 7_000) instants.push(ms);
  return instants;
};

describe("toParisIso", () => {
  it.each([
    ["the change to summer time", "2026-03-29T01:00:00Z"],
    ["the change to winter time", "2026-10-25T01:00:00Z"],
    ["the change from Paris mean time to GMT", "1911-03-10T23:50:00Z"],
    ["the German occupation", "1940-06-14T22:00:00Z"],
    ["1945's double summer time", "1945-04-02T01:00:00Z"],
  ])("names the same instant and the same wall clock as Intl, every 67 seconds, around %s", (_name, iso) => {
    for (const ms of around(iso, 3)) {
      const shown = toParisIso(new Date(ms));
      // The text is an instant: read back, it is the instant shown (to the second).
      expect([ms, Date.parse(shown)]).toEqual([ms, Math.floor(ms / 1000) * 1000]);
      // Its wall clock is Paris's (before 1911, Paris's mean time rounded to the minute it is printed in).
      if (ms >= Date.parse("1911-03-10T23:50:39Z")) expect([ms, shown.slice(0, 19)]).toEqual([ms, wallClock(ms)]);
    }
  });

  it("shows the ends of the calendar", () => {
    expect(toParisIso(new Date("2026-07-14T10:00:00Z"))).toBe("2026-07-14T12:00:00+02:00");
    expect(toParisIso(new Date("2026-12-24T23:30:00Z"))).toBe("2026-12-25T00:30:00+01:00");
    expect(toParisIso(new Date("9999-12-31T22:59:59Z"))).toBe("9999-12-31T23:59:59+01:00");
    expect(toParisIso(new Date("1850-01-01T12:00:00Z"))).toBe("1850-01-01T12:09:00+00:09");
  });
});
