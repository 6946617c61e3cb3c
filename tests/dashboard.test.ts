import { parisMidnight as serverParisMidnight } from "../server/queries/dashboard/period";
import { startTestServer, TestServer } from "./support/test-server";
import { readAllPages } from "./support/read-pages";

/*
 * Every figure of a dashboard is checked twice: against the totalCount of the list query its description
 * names, and against a computation made here from the rows a client reads through the API (all
 * organisations, projects, events and signatures, with the fields that place them in a territory).
 */

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer("dashboard");
  world = await readWorld();
});

afterAll(async () => {
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// Rows read through the API

type Place = { inseeCode: string; epci: { siren: string } | null; department: { code: string; region: { code: string } } };
type Org = {
  id: string; name: string; __typename: "Association" | "Partner"; employerSize?: string; federated?: boolean; partnerType?: string;
  commune: Place | null; qpvs: { qpv: { code: string } }[]; networks: { leftOn: string | null; network: { id: string } }[];
};
type Project = {
  id: string; status: string; startDate: string | null; endDate: string | null; residentsReached: number | null;
  stakes: { number: number }[]; qpvs: { code: string; communes: Place[] }[]; participants: { organization: { id: string } }[];
  fundings: { id: string; amountEur: number; year: number; scheme: string; funder: { id: string; __typename: string; partnerType?: string } }[];
};
type Event = { id: string; startsAt: string; attendance: { residents: number | null }; commune: Place; qpv: { code: string } | null; organizers: { id: string }[] };
type Signature = { id: string; signedOn: string; commune: Place | null; qpv: { code: string } | null; organization: { id: string } };

interface World {
  orgs: Map<string, Org>;
  projects: Project[];
  events: Event[];
  signatures: Signature[];
  stakes: { number: number; title: string }[];
}

const PLACE = "inseeCode epci { siren } department { code region { code } }";

/** Reads a whole top-level list page by page, as a client would. */
async function readAll<T>(field: string, args: string, selection: string, variables: Record<string, unknown> = {}, varDefs = ""): Promise<T[]> {
  const defs = varDefs.trim() ? `, ${varDefs.trim().replace(/^,\s*/, "")}` : "";
  return (await readAllPages<T>(server, field, selection, { args: ` ${args}`, variableDefinitions: defs, variables })).nodes;
}

async function readWorld(): Promise<World> {
  const orgs = await readAll<Org>("organizations", "", `id name __typename commune { ${PLACE} } qpvs { qpv { code } } networks { leftOn network { id } }
    ... on Association { employerSize federated } ... on Partner { partnerType }`);
  const projects = await readAll<Project>("projects", "", `id status startDate endDate residentsReached stakes { number }
    qpvs { code communes { ${PLACE} } } participants { organization { id } }
    fundings { id amountEur year scheme funder { id __typename ... on Partner { partnerType } } }`);
  const events = await readAll<Event>("events", "", `id startsAt attendance { residents } commune { ${PLACE} } qpv { code } organizers { id }`);
  const signatures = await readAll<Signature>("charterSignatures", "", `id signedOn commune { ${PLACE} } qpv { code } organization { id }`);
  const { data } = await server.post(`{ stakes { number title } }`);
  return { orgs: new Map(orgs.map((o) => [o.id, o])), projects, events, signatures, stakes: data.stakes };
}

// ---------------------------------------------------------------------------------------------
// Scopes: what the dashboard is given, the list filters a client writes for it, and which rows belong

interface Selection {
  /** The `<scope>` part of each list filter; null for signatures of a network (no list criterion). */
  filters: { associations: object; projects: object; events: object; signatures: object | null };
  association(o: Org): boolean;
  project(p: Project): boolean;
  event(e: Event): boolean;
  signature(s: Signature): boolean;
}

interface ScopeCase {
  name: string;
  kind: string;
  /** SQL statements the scope's checks cost: none for reference codes (held in memory), one for a network's members. */
  checks: number;
  scope(w: World): Record<string, unknown>;
  select(w: World): Selection;
}

function territoryCase(name: string, kind: string, field: string, codes: string[], inPlace: (p: Place) => boolean): ScopeCase {
  const filter = { [field]: codes };
  return {
    name, kind, checks: 0,
    scope: () => filter,
    select: () => ({
      filters: { associations: filter, projects: filter, events: filter, signatures: filter },
      association: (o) => o.__typename === "Association" && o.commune !== null && inPlace(o.commune),
      // A project is in a territory through the communes of its QPVs.
      project: (p) => p.qpvs.some((q) => q.communes.some(inPlace)),
      event: (e) => inPlace(e.commune),
      signature: (s) => s.commune !== null && inPlace(s.commune),
    }),
  };
}

const qpvCase = (codes: string[]): ScopeCase => ({
  name: `QPV ${codes.join(", ")}`, kind: "QPV", checks: 0,
  scope: () => ({ qpvCodes: codes }),
  select: () => ({
    filters: { associations: { qpvCodes: codes }, projects: { qpvCodes: codes }, events: { qpvCodes: codes }, signatures: { qpvCodes: codes } },
    association: (o) => o.__typename === "Association" && o.qpvs.some((p) => codes.includes(p.qpv.code)),
    project: (p) => p.qpvs.some((q) => codes.includes(q.code)),
    event: (e) => e.qpv !== null && codes.includes(e.qpv.code),
    signature: (s) => s.qpv !== null && codes.includes(s.qpv.code),
  }),
});

/** Id of an organisation found by name among those read. */
function idOf(w: World, name: string): string {
  const found = [...w.orgs.values()].find((o) => o.name === name);
  if (!found) throw new Error(`no organisation named ${name}`);
  return found.id;
}

/** A network: its head, found by name, and its current members. */
function networkCase(networkName: string): ScopeCase {
  return {
    name: `network ${networkName}`, kind: "NETWORK", checks: 1,
    scope: (w) => ({ networkId: idOf(w, networkName) }),
    select: (w) => {
      const network = idOf(w, networkName);
      const current = [...w.orgs.values()].filter((o) => o.networks.some((m) => m.network.id === network && m.leftOn === null));
      const ids = new Set([network, ...current.map((o) => o.id)]);
      const participantIds = [...ids];
      return {
        filters: {
          associations: { networkIds: [network] },
          projects: { participantIds },
          events: { organizerIds: participantIds },
          signatures: null,
        },
        association: (o) => o.__typename === "Association" && current.includes(o),
        project: (p) => p.participants.some((x) => ids.has(x.organization.id)),
        event: (e) => e.organizers.some((x) => ids.has(x.id)),
        signature: (s) => ids.has(s.organization.id),
      };
    },
  };
}

const LIGUE = "Ligue de l'enseignement du Nord";

const SCOPES: ScopeCase[] = [
  territoryCase("département 59", "DEPARTMENT", "departmentCodes", ["59"], (p) => p.department.code === "59"),
  territoryCase("EPCI Métropole du Grand Paris", "EPCI", "epciSirens", ["200054781"], (p) => p.epci?.siren === "200054781"),
  territoryCase("région Auvergne-Rhône-Alpes", "REGION", "regionCodes", ["84"], (p) => p.department.region.code === "84"),
  // A district code counts as its city (13208: Marseille 8e, in 13055).
  territoryCase("communes Roubaix and Marseille 8e", "COMMUNE", "communeInseeCodes", ["59512", "13208"], (p) => ["59512", "13055"].includes(p.inseeCode)),
  qpvCase(["QN05981M"]),
  networkCase(LIGUE),
];

type Period = { from: string; to: string } | null;
const YEAR_2025: Period = { from: "2025-01-01", to: "2025-12-31" };
// Starts and ends mid-month and spans two changes of clock in each direction.
const ODD_PERIOD: Period = { from: "2024-03-15", to: "2026-02-10" };

// ---------------------------------------------------------------------------------------------
// Dates (Europe/Paris), computed here from the EU rule, independently of the server

function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

/** Midnight of a day in Paris, as a DateTime literal: summer time runs from the last Sunday of March (after it) to the last Sunday of October. */
function parisMidnight(day: string): string {
  const year = Number(day.slice(0, 4));
  const summer = day > lastSunday(year, 3) && day <= lastSunday(year, 10);
  return `${day}T00:00:00${summer ? "+02:00" : "+01:00"}`;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);
const cents = (eur: number) => Math.round(eur * 100);

// ---------------------------------------------------------------------------------------------
// The dashboard and the list counts

const FIGURES = `scopeKind scopeValues from to
  employerSizes { total none smallEmployer employer }
  federation { total federated nonFederated nonFederatedSmallEmployers }
  participation { events eventsWithResidentCount residents months { month events eventsWithResidentCount residents } }
  projects { total residentsReached byStatus { status count } byStake { stakeNumber title count } }
  cooperation { links partners associations weight byPartnerType { partnerType links partners associations weight } }
  charterSignatures(granularity: $granularity) { granularity signed cumulative buckets { startsOn endsOn signed cumulative } }
  funding { amountEur count byPartnerType { partnerType amountEur count } byScheme { scheme amountEur count } }`;

async function dashboard(scope: object, period: Period, granularity: "MONTH" | "YEAR") {
  const started = Date.now();
  const response = await server.post(
    `query ($scope: DashboardScope!, $period: DashboardPeriod, $granularity: DashboardGranularity!) {
      dashboard(scope: $scope, period: $period) { ${FIGURES} } }`,
    { scope, period, granularity },
  );
  expect(response.errors).toBeUndefined();
  return { ...response.data.dashboard, ms: Date.now() - started, statements: response.extensions!.diagnostics!.sqlStatements };
}

type ListName = "associations" | "projects" | "events" | "charterSignatures";
const FILTER_TYPES: Record<ListName, string> = {
  associations: "AssociationFilter", projects: "ProjectFilter", events: "EventFilter", charterSignatures: "CharterSignatureFilter",
};

/** totalCount of many list queries, in one request (one alias each). */
async function totalCounts(checks: Record<string, { list: ListName; filter: object }>): Promise<Record<string, number>> {
  const entries = Object.entries(checks);
  const defs = entries.map(([, c], i) => `$f${i}: ${FILTER_TYPES[c.list]}`).join(", ");
  const fields = entries.map(([, c], i) => `c${i}: ${c.list}(first: 1, filter: $f${i}) { totalCount }`).join("\n");
  const { data, errors } = await server.post(`query (${defs}) { ${fields} }`, Object.fromEntries(entries.map(([, c], i) => [`f${i}`, c.filter])));
  expect(errors).toBeUndefined();
  return Object.fromEntries(entries.map(([label], i) => [label, data[`c${i}`].totalCount]));
}

// ---------------------------------------------------------------------------------------------
// What the figures must be, computed from the rows

function expectedFigures(w: World, s: Selection, period: Period, granularity: "MONTH" | "YEAR") {
  const associations = [...w.orgs.values()].filter(s.association);
  const bySize = (size: string) => associations.filter((a) => a.employerSize === size).length;

  const localDay = (e: Event) => e.startsAt.slice(0, 10); // startsAt is shown in Paris time
  const events = w.events.filter((e) => s.event(e) && (!period || (localDay(e) >= period.from && localDay(e) <= period.to)));
  const counted = (list: Event[]) => ({
    events: list.length,
    eventsWithResidentCount: list.filter((e) => e.attendance.residents !== null).length,
    residents: list.reduce((sum, e) => sum + (e.attendance.residents ?? 0), 0),
  });
  const eventMonths = events.map((e) => e.startsAt.slice(0, 7)).sort();
  const months = period ? monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7))
    : eventMonths.length ? monthsBetween(eventMonths[0], eventMonths[eventMonths.length - 1]) : [];

  const projects = w.projects.filter((p) => s.project(p)
    && (!period || ((p.endDate === null || p.endDate >= period.from) && (p.startDate === null || p.startDate <= period.to))));

  const signaturesUpTo = w.signatures.filter((x) => s.signature(x) && (!period || x.signedOn <= period.to));
  const signed = signaturesUpTo.filter((x) => !period || x.signedOn >= period.from);
  const bucketOf = (day: string) => (granularity === "YEAR" ? `${day.slice(0, 4)}-01-01` : `${day.slice(0, 7)}-01`);
  const bucketEnd = (start: string) => (granularity === "YEAR" ? `${start.slice(0, 4)}-12-31` : lastDayOfMonth(start.slice(0, 7)));
  const nextBucket = (start: string) => (granularity === "YEAR" ? `${Number(start.slice(0, 4)) + 1}-01-01` : `${nextMonth(start.slice(0, 7))}-01`);
  const signedDays = signaturesUpTo.map((x) => x.signedOn).sort();
  const [firstBucket, lastBucket] = period ? [bucketOf(period.from), bucketOf(period.to)]
    : signedDays.length ? [bucketOf(signedDays[0]), bucketOf(signedDays[signedDays.length - 1])] : [null, null];
  const buckets: { startsOn: string; endsOn: string; signed: number; cumulative: number }[] = [];
  for (let b = firstBucket; b !== null && b <= lastBucket!; b = nextBucket(b)) {
    const end = bucketEnd(b);
    buckets.push({
      startsOn: b, endsOn: end,
      signed: signed.filter((x) => x.signedOn >= b! && x.signedOn <= end).length,
      cumulative: signaturesUpTo.filter((x) => x.signedOn <= end).length,
    });
  }

  // Fundings: of the scope's projects (whatever their dates), in the years of the period.
  const fundings = w.projects.filter(s.project).flatMap((p) => p.fundings)
    .filter((f) => !period || (f.year >= Number(period.from.slice(0, 4)) && f.year <= Number(period.to.slice(0, 4))));
  const sumBy = (key: (f: Project["fundings"][number]) => string | null) => {
    const groups = new Map<string | null, { amount: number; count: number }>();
    for (const f of fundings) {
      const g = groups.get(key(f)) ?? { amount: 0, count: 0 };
      groups.set(key(f), { amount: g.amount + cents(f.amountEur), count: g.count + 1 });
    }
    return groups;
  };

  return {
    associations,
    events,
    projects,
    signed,
    signaturesUpTo,
    fundings,
    figures: {
      employerSizes: { total: associations.length, none: bySize("NONE"), smallEmployer: bySize("SMALL_EMPLOYER"), employer: bySize("EMPLOYER") },
      federation: {
        total: associations.length,
        federated: associations.filter((a) => a.federated).length,
        nonFederated: associations.filter((a) => !a.federated).length,
        nonFederatedSmallEmployers: associations.filter((a) => !a.federated && a.employerSize === "SMALL_EMPLOYER").length,
      },
      participation: {
        ...counted(events),
        months: months.map((month) => ({ month, ...counted(events.filter((e) => e.startsAt.startsWith(month))) })),
      },
      projects: {
        total: projects.length,
        residentsReached: projects.reduce((sum, p) => sum + (p.residentsReached ?? 0), 0),
        byStatus: ["PROPOSED", "ACTIVE", "COMPLETED", "ABANDONED"].map((status) => ({ status, count: projects.filter((p) => p.status === status).length })),
        byStake: w.stakes.map((stake) => ({
          stakeNumber: stake.number, title: stake.title, count: projects.filter((p) => p.stakes.some((x) => x.number === stake.number)).length,
        })),
      },
      cooperation: cooperationOf(w, associations),
      charterSignatures: { granularity, signed: signed.length, cumulative: signaturesUpTo.length, buckets },
      funding: {
        amountCents: fundings.reduce((sum, f) => sum + cents(f.amountEur), 0),
        count: fundings.length,
        byPartnerType: sumBy((f) => (f.funder.__typename === "Partner" ? f.funder.partnerType! : null)),
        byScheme: sumBy((f) => f.scheme),
      },
    },
  };
}

/**
 * Links between the given associations and partners, rebuilt from what organisations do together:
 * pairs of participants of a project, of organisers of an event, a funder and each other participant of
 * the project it funds, a network and its member (past memberships too); the weight counts the pieces.
 */
function cooperationOf(w: World, associations: Org[]) {
  const pieces = new Map<string, Set<string>>();
  const add = (a: string, b: string, piece: string) => {
    if (a === b || !w.orgs.has(a) || !w.orgs.has(b)) return; // archived organisations are not read, and left out
    const key = `${a}|${b}`;
    pieces.set(key, (pieces.get(key) ?? new Set()).add(piece));
  };
  const pairs = (ids: string[], piece: string) => {
    for (const a of ids) for (const b of ids) add(a, b, piece);
  };
  for (const p of w.projects) {
    const participants = [...new Set(p.participants.map((x) => x.organization.id))];
    pairs(participants, `project:${p.id}`);
    for (const f of p.fundings) {
      for (const x of participants) {
        add(f.funder.id, x, `funding:${f.id}`);
        add(x, f.funder.id, `funding:${f.id}`);
      }
    }
  }
  for (const e of w.events) pairs(e.organizers.map((o) => o.id), `event:${e.id}`);
  for (const o of w.orgs.values()) {
    for (const m of o.networks) {
      add(m.network.id, o.id, `membership:${m.network.id}:${o.id}`);
      add(o.id, m.network.id, `membership:${m.network.id}:${o.id}`);
    }
  }
  const links: { association: string; partner: string; type: string; weight: number }[] = [];
  for (const a of associations) {
    for (const p of w.orgs.values()) {
      const found = pieces.get(`${a.id}|${p.id}`);
      if (p.__typename === "Partner" && found) links.push({ association: a.id, partner: p.id, type: p.partnerType!, weight: found.size });
    }
  }
  const summary = (list: typeof links) => ({
    links: list.length,
    partners: new Set(list.map((l) => l.partner)).size,
    associations: new Set(list.map((l) => l.association)).size,
    weight: list.reduce((sum, l) => sum + l.weight, 0),
  });
  const types = [...new Set(links.map((l) => l.type))];
  return {
    ...summary(links),
    byPartnerType: new Map(types.map((t) => [t, summary(links.filter((l) => l.type === t))])),
  };
}

// ---------------------------------------------------------------------------------------------
// The checks

const timings: { name: string; ms: number; statements: number }[] = [];

afterAll(() => {
  if (timings.length) console.log(`[dashboard] ${timings.map((t) => `${t.name}: ${t.ms} ms, ${t.statements} statements`).join("\n")}`);
});

describe.each(SCOPES)("dashboard of $name", (scopeCase) => {
  it("selects in its lists exactly the rows that belong to the scope", async () => {
    const s = scopeCase.select(world);
    const ids = async (list: ListName, filter: object) =>
      (await readAll<{ id: string }>(list, ", filter: $filter", "id", { filter }, `, $filter: ${FILTER_TYPES[list]}`)).map((n) => n.id).sort();
    const sorted = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    const associations = [...world.orgs.values()].filter(s.association);
    expect(associations.length).toBeGreaterThan(0);
    expect(await ids("associations", s.filters.associations)).toEqual(sorted(associations));
    expect(await ids("projects", s.filters.projects)).toEqual(sorted(world.projects.filter(s.project)));
    expect(await ids("events", s.filters.events)).toEqual(sorted(world.events.filter(s.event)));
    if (s.filters.signatures) expect(await ids("charterSignatures", s.filters.signatures)).toEqual(sorted(world.signatures.filter(s.signature)));
  });

  const periods: Period[] = scopeCase.name.startsWith("département") || scopeCase.name.startsWith("network")
    ? [null, YEAR_2025, ODD_PERIOD] : [null, YEAR_2025];

  it.each(periods)("equals the lists and the rows read, with period %j", async (period) => {
    const s = scopeCase.select(world);
    const granularity = period === ODD_PERIOD || period === null ? "MONTH" : "YEAR";
    const got = await dashboard(scopeCase.scope(world), period, granularity);
    timings.push({ name: `${scopeCase.name} ${period ? `${period.from}..${period.to}` : "all time"}`, ms: got.ms, statements: got.statements });
    const expected = expectedFigures(world, s, period, granularity);
    const e = expected.figures;

    // Every figure in one statement (each a column of it, see server/database/combined-statements.ts), after the scope's checks.
    expect(got.statements).toBe(scopeCase.checks + 1);
    expect(got.scopeKind).toBe(scopeCase.kind);
    expect(got.scopeValues).toEqual(Object.values(scopeCase.scope(world)).flat());
    expect(got.from).toBe(period?.from ?? null);
    expect(got.to).toBe(period?.to ?? null);

    // Against the rows read.
    expect(got.employerSizes).toEqual(e.employerSizes);
    expect(got.federation).toEqual(e.federation);
    expect(got.participation).toEqual(e.participation);
    expect(got.projects).toEqual(e.projects);
    expect(got.charterSignatures).toEqual(e.charterSignatures);
    const { byPartnerType: linkTypes, ...linkTotals } = e.cooperation;
    const { byPartnerType: gotLinkTypes, ...gotLinkTotals } = got.cooperation;
    expect(gotLinkTotals).toEqual(linkTotals);
    expect(new Map(gotLinkTypes.map(({ partnerType, ...rest }: any) => [partnerType, rest]))).toEqual(linkTypes);
    const links = gotLinkTypes.map((t: { links: number }) => t.links);
    expect(links).toEqual([...links].sort((a, b) => b - a));
    // Against each association's own list of links (nested totalCount, one alias per partner type).
    const types: string[] = gotLinkTypes.map((t: { partnerType: string }) => t.partnerType);
    const perAssociation = await readAll<Record<string, { totalCount: number }>>("associations", ", filter: $filter",
      `all: cooperationLinks(first: 1, filter: { partnerKinds: [PARTNER] }) { totalCount }
       ${types.map((t) => `${t}: cooperationLinks(first: 1, filter: { partnerKinds: [PARTNER], partnerTypes: [${t}] }) { totalCount }`).join("\n")}`,
      { filter: s.filters.associations }, ", $filter: AssociationFilter");
    const sum = (alias: string) => perAssociation.reduce((n, a) => n + a[alias].totalCount, 0);
    expect(sum("all")).toBe(got.cooperation.links);
    expect(perAssociation.filter((a) => a.all.totalCount > 0)).toHaveLength(got.cooperation.associations);
    for (const t of gotLinkTypes) {
      expect(sum(t.partnerType)).toBe(t.links);
      expect(perAssociation.filter((a) => a[t.partnerType].totalCount > 0)).toHaveLength(t.associations);
    }
    expect(cents(got.funding.amountEur)).toBe(e.funding.amountCents);
    expect(got.funding.count).toBe(e.funding.count);
    const grouped = (rows: { amountEur: number; count: number }[], key: (r: any) => string | null) =>
      new Map(rows.map((r) => [key(r), { amount: cents(r.amountEur), count: r.count }]));
    expect(grouped(got.funding.byPartnerType, (r) => r.partnerType)).toEqual(e.funding.byPartnerType);
    expect(grouped(got.funding.byScheme, (r) => r.scheme)).toEqual(e.funding.byScheme);
    for (const rows of [got.funding.byPartnerType, got.funding.byScheme]) {
      const amounts = rows.map((r: { amountEur: number }) => r.amountEur);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    }

    // Against the lists' totalCount, with the filters the descriptions name.
    const f = s.filters;
    const projectPeriod = period ? { activeFrom: period.from, activeTo: period.to } : {};
    const eventPeriod = period ? { startsAfter: parisMidnight(period.from), startsBefore: parisMidnight(nextDay(period.to)) } : {};
    const checks: Record<string, { list: ListName; filter: object }> = {
      "associations": { list: "associations", filter: f.associations },
      "associations NONE": { list: "associations", filter: { ...f.associations, employerSizes: ["NONE"] } },
      "associations SMALL_EMPLOYER": { list: "associations", filter: { ...f.associations, employerSizes: ["SMALL_EMPLOYER"] } },
      "associations EMPLOYER": { list: "associations", filter: { ...f.associations, employerSizes: ["EMPLOYER"] } },
      "associations federated": { list: "associations", filter: { ...f.associations, federated: true } },
      "associations non-federated": { list: "associations", filter: { ...f.associations, federated: false } },
      "associations non-federated small": { list: "associations", filter: { ...f.associations, federated: false, employerSizes: ["SMALL_EMPLOYER"] } },
      "events": { list: "events", filter: { ...f.events, ...eventPeriod } },
      "projects": { list: "projects", filter: { ...f.projects, ...projectPeriod } },
    };
    const figures: Record<string, number> = {
      "associations": got.employerSizes.total,
      "associations NONE": got.employerSizes.none,
      "associations SMALL_EMPLOYER": got.employerSizes.smallEmployer,
      "associations EMPLOYER": got.employerSizes.employer,
      "associations federated": got.federation.federated,
      "associations non-federated": got.federation.nonFederated,
      "associations non-federated small": got.federation.nonFederatedSmallEmployers,
      "events": got.participation.events,
      "projects": got.projects.total,
    };
    for (const { month, events } of got.participation.months) {
      const first = period ? max(`${month}-01`, period.from) : `${month}-01`;
      const afterLast = period ? min(`${nextMonth(month)}-01`, nextDay(period.to)) : `${nextMonth(month)}-01`;
      checks[`events ${month}`] = { list: "events", filter: { ...f.events, startsAfter: parisMidnight(first), startsBefore: parisMidnight(afterLast) } };
      figures[`events ${month}`] = events;
    }
    for (const { status, count } of got.projects.byStatus) {
      checks[`projects ${status}`] = { list: "projects", filter: { ...f.projects, ...projectPeriod, statuses: [status] } };
      figures[`projects ${status}`] = count;
    }
    for (const { stakeNumber, count } of got.projects.byStake) {
      checks[`projects stake ${stakeNumber}`] = { list: "projects", filter: { ...f.projects, ...projectPeriod, stakeNumbers: [stakeNumber] } };
      figures[`projects stake ${stakeNumber}`] = count;
    }
    if (f.signatures) {
      checks["signatures"] = { list: "charterSignatures", filter: { ...f.signatures, signedFrom: period?.from, signedTo: period?.to } };
      figures["signatures"] = got.charterSignatures.signed;
      checks["signatures so far"] = { list: "charterSignatures", filter: { ...f.signatures, signedTo: period?.to } };
      figures["signatures so far"] = got.charterSignatures.cumulative;
      for (const b of got.charterSignatures.buckets) {
        const first = period ? max(b.startsOn, period.from) : b.startsOn;
        const last = period ? min(b.endsOn, period.to) : b.endsOn;
        checks[`signatures ${b.startsOn}`] = { list: "charterSignatures", filter: { ...f.signatures, signedFrom: first, signedTo: last } };
        figures[`signatures ${b.startsOn}`] = b.signed;
        checks[`signatures to ${b.startsOn}`] = { list: "charterSignatures", filter: { ...f.signatures, signedTo: last } };
        figures[`signatures to ${b.startsOn}`] = b.cumulative;
      }
    }
    expect(await totalCounts(checks)).toEqual(figures);
  });
});

describe("dashboard figures are not vacuous", () => {
  it("finds something of every kind in the Nord in 2025, and less than everywhere", async () => {
    const nord = await dashboard({ departmentCodes: ["59"] }, YEAR_2025, "YEAR");
    const all = [...world.orgs.values()].filter((o) => o.__typename === "Association").length;
    expect(nord.employerSizes.total).toBeGreaterThan(0);
    expect(nord.employerSizes.total).toBeLessThan(all);
    for (const n of [nord.employerSizes.none, nord.employerSizes.smallEmployer, nord.employerSizes.employer,
      nord.federation.federated, nord.federation.nonFederated, nord.federation.nonFederatedSmallEmployers,
      nord.participation.events, nord.participation.residents, nord.projects.total, nord.cooperation.links,
      nord.charterSignatures.signed, nord.funding.count]) expect(n).toBeGreaterThan(0);
    // Months without events are listed with zeros.
    expect(nord.participation.months).toHaveLength(12);
    // Signatures before the period count in the running total.
    expect(nord.charterSignatures.cumulative).toBeGreaterThan(nord.charterSignatures.signed);
    // Some events have no resident count (the future ones), and are told apart.
    const counted = await dashboard({ departmentCodes: ["59"] }, { from: "2026-06-01", to: "2027-12-31" }, "YEAR");
    expect(counted.participation.eventsWithResidentCount).toBeLessThan(counted.participation.events);
  });

  it("gives zeros, not errors, for a scope with nothing in it", async () => {
    // An EPCI of the Pas-de-Calais: real reference data, where the demo dataset has nothing.
    const { data } = await server.post(`{ epcis(first: 1, filter: { departmentCodes: ["62"] }) { edges { node { siren } } } }`);
    const siren = data.epcis.edges[0].node.siren;
    const empty = await dashboard({ epciSirens: [siren] }, null, "YEAR");
    expect(empty.employerSizes).toEqual({ total: 0, none: 0, smallEmployer: 0, employer: 0 });
    expect(empty.participation).toEqual({ events: 0, eventsWithResidentCount: 0, residents: 0, months: [] });
    expect(empty.projects.total).toBe(0);
    expect(empty.projects.byStatus.every((s: { count: number }) => s.count === 0)).toBe(true);
    expect(empty.cooperation).toEqual({ links: 0, partners: 0, associations: 0, weight: 0, byPartnerType: [] });
    expect(empty.charterSignatures).toEqual({ granularity: "YEAR", signed: 0, cumulative: 0, buckets: [] });
    expect(empty.funding).toEqual({ amountEur: 0, count: 0, byPartnerType: [], byScheme: [] });
    const withPeriod = await dashboard({ epciSirens: [siren] }, { from: "2025-01-01", to: "2025-03-31" }, "MONTH");
    expect(withPeriod.participation.months.map((m: { month: string; events: number }) => [m.month, m.events]))
      .toEqual([["2025-01", 0], ["2025-02", 0], ["2025-03", 0]]);
    expect(withPeriod.charterSignatures.buckets.map((b: { startsOn: string }) => b.startsOn)).toEqual(["2025-01-01", "2025-02-01", "2025-03-01"]);
  });
});

describe("dashboard cost", () => {
  it("loads a figure only when it is selected, and once for the fields that share it", async () => {
    const post = (fields: string) => server.post(`{ dashboard(scope: { departmentCodes: ["59"] }) { ${fields} } }`);
    // The département's code is checked against the reference codes held in memory: no statement.
    expect((await post("scopeKind")).extensions?.diagnostics?.sqlStatements).toBe(0);
    expect((await post("employerSizes { total }")).extensions?.diagnostics?.sqlStatements).toBe(1);
    expect((await post("employerSizes { total } federation { federated }")).extensions?.diagnostics?.sqlStatements).toBe(1);
    const both = await post(`years: charterSignatures { signed } months: charterSignatures(granularity: MONTH) { signed buckets { startsOn } }`);
    // Two figures (one per granularity), asked in the same tick: one statement.
    expect(both.extensions?.diagnostics?.sqlStatements).toBe(1);
    expect(both.data.dashboard.years.signed).toBe(both.data.dashboard.months.signed);
  });
});

describe("Paris days", () => {
  it("start, on the server, at the midnight the EU clock rule gives, every day of 1996-2100", () => {
    // The server turns a period's days into instants for the events filter; checked here against the rule itself.
    const wrong: string[] = [];
    for (let day = "1996-01-01"; day <= "2100-12-31"; day = nextDay(day)) {
      if (serverParisMidnight(day).getTime() !== Date.parse(parisMidnight(day))) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });
});

describe("dashboard bad input", () => {
  async function expectBadInput(scope: object, period: object | null, reason: string, argument: string) {
    const response = await server.post(
      `query ($scope: DashboardScope!, $period: DashboardPeriod) { dashboard(scope: $scope, period: $period) { scopeKind employerSizes { total } } }`,
      { scope, period },
    );
    expect(response.status).toBe(200);
    expect(response.data?.dashboard).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason, argument });
    expect(JSON.stringify(response)).not.toMatch(/stacktrace/);
  }

  it("wants exactly one kind of scope", async () => {
    await expectBadInput({}, null, "MALFORMED", "scope");
    await expectBadInput({ departmentCodes: ["59"], qpvCodes: ["QN05981M"] }, null, "MALFORMED", "scope");
    await expectBadInput({ regionCodes: ["32"], networkId: idOf(world, LIGUE) }, null, "MALFORMED", "scope");
    await expectBadInput({ departmentCodes: [] }, null, "OUT_OF_RANGE", "scope.departmentCodes");
    await expectBadInput({ communeInseeCodes: Array.from({ length: 101 }, () => "59512") }, null, "TOO_LARGE", "scope.communeInseeCodes");
  });

  it("rejects unknown and malformed codes and ids, naming the scope's argument", async () => {
    await expectBadInput({ departmentCodes: ["00"] }, null, "UNKNOWN_REFERENCE", "scope.departmentCodes");
    await expectBadInput({ qpvCodes: ["QN05999Z"] }, null, "UNKNOWN_REFERENCE", "scope.qpvCodes");
    await expectBadInput({ communeInseeCodes: ["59999"] }, null, "UNKNOWN_REFERENCE", "scope.communeInseeCodes");
    await expectBadInput({ epciSirens: ["123456789"] }, null, "UNKNOWN_REFERENCE", "scope.epciSirens");
    await expectBadInput({ regionCodes: ["99"] }, null, "UNKNOWN_REFERENCE", "scope.regionCodes");
    await expectBadInput({ qpvCodes: ["Roubaix"] }, null, "MALFORMED", "scope.qpvCodes");
    await expectBadInput({ networkId: "not an id" }, null, "INVALID_ID", "scope.networkId");
    await expectBadInput({ networkId: Buffer.from("CooperationProject:1").toString("base64url") }, null, "INVALID_ID", "scope.networkId");
    await expectBadInput({ networkId: Buffer.from("Association:999999").toString("base64url") }, null, "UNKNOWN_REFERENCE", "scope.networkId");
  });

  it("rejects a reversed, too long or out-of-range period", async () => {
    const nord = { departmentCodes: ["59"] };
    await expectBadInput(nord, { from: "2025-06-01", to: "2025-05-31" }, "OUT_OF_RANGE", "period.to");
    await expectBadInput(nord, { from: "2015-01-01", to: "2025-01-01" }, "OUT_OF_RANGE", "period");
    await expectBadInput(nord, { from: "1980-01-01", to: "1985-01-01" }, "OUT_OF_RANGE", "period.from");
    // Ten years exactly is allowed; a day that does not exist never reaches the resolver.
    const ten = await server.post(`{ dashboard(scope: { departmentCodes: ["59"] }, period: { from: "2016-01-01", to: "2025-12-31" }) { participation { months { month } } } }`);
    expect(ten.errors).toBeUndefined();
    expect(ten.data.dashboard.participation.months).toHaveLength(120);
    const invalid = await server.post(`{ dashboard(scope: { departmentCodes: ["59"] }, period: { from: "2025-02-30", to: "2025-03-01" }) { scopeKind } }`);
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
