import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/**
 * One calendar for every date: years 0001 to 9999 of the proleptic Gregorian calendar, as PostgreSQL
 * stores them, whether a date comes as a LocalDate, a DateTime or inside a cursor.
 */

let server: TestServer;
let admin: string;

beforeAll(async () => {
  const issuer = await testIssuer();
  server = await startTestServer("calendar", issuer.settings);
  admin = await issuer.admin();
});

afterAll(async () => {
  await server?.stop();
});

const REAL_DAYS = ["0001-01-01", "0099-12-31", "0100-01-01", "1900-03-01", "2000-02-29", "9999-12-31"];
const NOT_DAYS = ["0000-01-01", "10000-01-01", "1900-02-29", "2023-02-29", "2026-04-31", "0050-13-01", "50-01-01", "0050-1-01"];

const forge = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("LocalDate", () => {
  it.each(REAL_DAYS)("accepts %s, stores it and reads it back", async (day) => {
    const filtered = await server.post(`query ($d: LocalDate) { projects(first: 1, filter: { activeFrom: $d }) { totalCount } }`, { d: day });
    expect(filtered.errors).toBeUndefined();
    const created = await server.post(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { startDate endDate } errors { code path } } }`,
      { input: { title: `Projet du ${day}`, startDate: day, endDate: day } }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.createProject).toEqual({ project: { startDate: day, endDate: day }, errors: [] });
  });

  it.each(NOT_DAYS)("refuses %s", async (day) => {
    const response = await server.post(`query ($d: LocalDate) { projects(first: 1, filter: { activeFrom: $d }) { totalCount } }`, { d: day });
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0].message).toMatch(/LocalDate must be a real day/);
  });
});

describe("DateTime", () => {
  it.each(["0001-01-01T00:00:00Z", "0050-06-01T12:00:00+02:00", "0099-12-31T23:59:59Z", "0100-01-01T00:00:00Z", "9999-12-31T22:00:00Z"])(
    "accepts %s and gives back the same instant, in a form it accepts again", async (instant) => {
      const created = await server.post(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id startsAt endsAt } errors { code path } } }`, {
        input: { title: "Réunion", kind: "PUBLIC_MEETING", startsAt: instant, endsAt: instant, communeInseeCode: "59512", organizerIds: [await anAssociation()] },
      }, admin);
      expect(created.errors).toBeUndefined();
      const { event, errors } = created.data.createEvent;
      expect(errors).toEqual([]);
      expect(Date.parse(event.startsAt)).toBe(Date.parse(instant));
      const again = await server.post(`query ($t: DateTime) { events(first: 1, filter: { startsAfter: $t }) { totalCount } }`, { t: event.startsAt });
      expect(again.errors).toBeUndefined();
    });

  // The last: 10000-01-01 in Paris, which no DateTime (nor LocalDate) can write.
  it.each(["0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "10000-01-01T00:00:00Z", "9999-12-31T23:30:00Z", "1900-02-29T00:00:00Z"])("refuses %s", async (instant) => {
    const response = await server.post(`query ($t: DateTime) { events(first: 1, filter: { startsAfter: $t }) { totalCount } }`, { t: instant });
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

let association: string | undefined;
async function anAssociation(): Promise<string> {
  association ??= (await server.post(`{ associations(first: 1) { edges { node { id } } } }`)).data.associations.edges[0].node.id;
  return association!;
}

describe("cursors", () => {
  it("page through dates of the first centuries, as they page through any other", async () => {
    const days = ["0001-01-01", "0050-06-15", "0099-12-31"];
    const instants = ["0001-01-01T00:00:00Z", "0050-06-01T12:00:00+02:00", "0099-12-31T23:59:59Z"];
    for (const [i, day] of days.entries()) {
      const project = await server.post(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { errors { code } } }`,
        { input: { title: `Projet antique ${day}`, startDate: day } }, admin);
      expect(project.data.createProject.errors).toEqual([]);
      const event = await server.post(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { errors { code } } }`, {
        input: { title: "Réunion antique", kind: "PUBLIC_MEETING", startsAt: instants[i], endsAt: instants[i], communeInseeCode: "59512", organizerIds: [await anAssociation()] },
      }, admin);
      expect(event.data.createEvent.errors).toEqual([]);
    }
    // Page by page from the first day of the calendar (projects without a start date come before it),
    // each page after the cursor the previous one gave.
    const pages = async (list: "projects" | "events", cursorOf: (key: number) => unknown[]) => {
      const [field, order] = list === "projects" ? ["startDate", ", orderBy: { field: START_DATE }"] : ["startsAt", ""];
      const query = `query ($after: String) { ${list}(first: 1, after: $after${order}) { edges { node { ${field} } } pageInfo { endCursor } } }`;
      let after = forge(cursorOf(0));
      const seen: string[] = [];
      for (let page = 0; page < 8; page++) {
        const response = await server.post(query, { after });
        expect(response.errors).toBeUndefined();
        seen.push(response.data[list].edges[0].node[field]);
        after = response.data[list].pageInfo.endCursor;
      }
      return seen;
    };
    const projectDays = await pages("projects", (key) => ["project", "START_DATE", "0001-01-01", key]);
    expect([...projectDays].sort()).toEqual(projectDays);
    expect(projectDays).toEqual(expect.arrayContaining(days));
    const eventTimes = (await pages("events", (key) => ["event", "STARTS_AT", "0001-01-01 00:00:00+00", key])).map(Date.parse);
    expect([...eventTimes].sort((a, b) => a - b)).toEqual(eventTimes);
    expect(eventTimes).toEqual(expect.arrayContaining(instants.map(Date.parse)));
  });

  it("accept a date or an instant of years 1 to 99 in a cursor, and refuse year 0", async () => {
    const accepted: [string, unknown[]][] = [
      [`projects(first: 5, orderBy: { field: START_DATE }, after: $after) { totalCount }`, ["project", "START_DATE", "0050-06-15", 1]],
      [`projects(first: 5, orderBy: { field: START_DATE }, after: $after) { totalCount }`, ["project", "START_DATE", "0001-01-01", 1]],
      [`events(first: 5, after: $after) { totalCount }`, ["event", "STARTS_AT", "0050-06-01 10:00:00+00", 1]],
    ];
    for (const [field, value] of accepted) {
      const response = await server.post(`query ($after: String) { ${field} }`, { after: forge(value) });
      expect([value, response.errors]).toEqual([value, undefined]);
    }
    const refused: [string, unknown[]][] = [
      [`projects(first: 5, orderBy: { field: START_DATE }, after: $after) { totalCount }`, ["project", "START_DATE", "0000-01-01", 1]],
      [`events(first: 5, after: $after) { totalCount }`, ["event", "STARTS_AT", "0000-06-01 10:00:00+00", 1]],
    ];
    for (const [field, value] of refused) {
      const response = await server.post(`query ($after: String) { ${field} }`, { after: forge(value) });
      expect(response.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_CURSOR" });
    }
  });
});
