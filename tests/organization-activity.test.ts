import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/*
 * An organisation's `residentsReached` and `lastActivityOn` (what a federation's member list shows):
 * each equals a recount from the organisation's own `projects` and `events` lists, drafts count only
 * for those who may see them, and a page of organisations costs the same statements at 5 as at 50.
 */
let server: TestServer;
let issuer: TestIssuer;
let admin: string;
let networkId: string;

const ERRORS = "errors { code path }";
const UNION_LILLOISE = "W595038535";

async function post(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await server.post(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response;
}

/** Today in Paris, and a Paris day of an instant, as `YYYY-MM-DD`. */
const parisDay = (instant: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);

const ACTIVITY = `residentsReached lastActivityOn
  projects(first: 100) { totalCount edges { node { residentsReached startDate endDate } } }
  events(first: 100) { totalCount edges { node { startsAt } } }`;

const MEMBERS = `query ($networkId: ID!) {
  associations(first: 100, filter: { networkIds: [$networkId] }) { totalCount edges { node { id name ${ACTIVITY} } } }
}`;

/** The figures recounted from the organisation's lists, by the rules the fields' descriptions state. */
function recount(org: any): { residentsReached: number | null; lastActivityOn: string | null } {
  expect(org.projects.totalCount).toBe(org.projects.edges.length);
  expect(org.events.totalCount).toBe(org.events.edges.length);
  const now = new Date();
  const today = parisDay(now);
  const declared = org.projects.edges.map((e: any) => e.node.residentsReached).filter((n: number | null) => n !== null);
  const days: string[] = [];
  for (const { node: p } of org.projects.edges) {
    if (p.startDate === null || p.startDate > today) continue;
    days.push([p.endDate ?? today, today].sort()[0]);
  }
  for (const { node: e } of org.events.edges) if (new Date(e.startsAt) <= now) days.push(parisDay(new Date(e.startsAt)));
  return {
    residentsReached: declared.length ? declared.reduce((a: number, b: number) => a + b, 0) : null,
    lastActivityOn: days.sort().at(-1) ?? null,
  };
}

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("organization-activity", issuer.settings);
  admin = await issuer.admin();
  networkId = (await post(`{ association(rna: "${UNION_LILLOISE}") { id } }`)).data.association.id;
});

afterAll(async () => {
  await server?.stop();
});

describe("an organisation's residents reached and last activity", () => {
  it("equal a recount from its projects and events lists, for every member of a network", async () => {
    const members = (await post(MEMBERS, { networkId })).data.associations;
    expect(members.totalCount).toBeGreaterThan(10);
    for (const { node } of members.edges) {
      expect({ name: node.name, ...recount(node) }).toEqual({ name: node.name, residentsReached: node.residentsReached, lastActivityOn: node.lastActivityOn });
    }
    // The sample is not trivial: figures, nulls, a running project (today), an activity in the past.
    const today = parisDay(new Date());
    expect(members.edges.some((e: any) => e.node.residentsReached > 0)).toBe(true);
    expect(members.edges.some((e: any) => e.node.residentsReached === null)).toBe(true);
    expect(members.edges.some((e: any) => e.node.lastActivityOn === today)).toBe(true);
    expect(members.edges.some((e: any) => e.node.lastActivityOn !== null && e.node.lastActivityOn < today)).toBe(true);
    expect(members.edges.some((e: any) => e.node.lastActivityOn === null)).toBe(true);
    // Things still to come are left out: some member has an event or project later than its last activity.
    expect(members.edges.some((e: any) => e.node.events.edges.some((ev: any) => parisDay(new Date(ev.node.startsAt)) > today))).toBe(true);
  });

  it("count partners too, through the Organization interface", async () => {
    const { data } = await post(`{ organizations(first: 100, filter: { kinds: [PARTNER] }) { edges { node { __typename name ${ACTIVITY} } } } }`);
    const partners = data.organizations.edges.map((e: any) => e.node);
    expect(partners.some((p: any) => p.lastActivityOn !== null)).toBe(true);
    for (const p of partners) expect({ name: p.name, ...recount(p) }).toEqual({ name: p.name, residentsReached: p.residentsReached, lastActivityOn: p.lastActivityOn });
  });

  it("count drafts only for viewers who may see them", async () => {
    const members = (await post(MEMBERS, { networkId })).data.associations.edges.map((e: any) => e.node);
    // Two members with no activity at all: one gets a draft project, the other a draft event, both in the past.
    const [quiet1, quiet2] = members.filter((m: any) => m.projects.totalCount === 0 && m.events.totalCount === 0);
    expect(quiet2).toBeDefined();
    const project = await post(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } ${ERRORS} } }`, { input: {
      title: "Projet en préparation", draft: true, startDate: "2025-01-01", endDate: "2025-06-30", residentsReached: 1234,
      participants: [{ organizationId: quiet1.id, role: "LEAD" }],
    } }, admin);
    expect(project.data.createProject.errors).toEqual([]);
    const event = await post(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } ${ERRORS} } }`, { input: {
      title: "Atelier en préparation", kind: "WORKSHOP", draft: true, startsAt: "2025-03-14T23:30:00+01:00", endsAt: "2025-03-15T01:00:00+01:00",
      communeInseeCode: "59512", organizerIds: [quiet2.id],
    } }, admin);
    expect(event.data.createEvent.errors).toEqual([]);

    const FIGURES = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Association { id ${ACTIVITY} } } }`;
    const anonymous = (await post(FIGURES, { ids: [quiet1.id, quiet2.id] })).data.nodes;
    const seen = (await post(FIGURES, { ids: [quiet1.id, quiet2.id] }, admin)).data.nodes;
    // Anonymous users see neither draft, in the lists or in the figures.
    expect(anonymous.map((n: any) => [n.residentsReached, n.lastActivityOn, n.projects.totalCount, n.events.totalCount])).toEqual([[null, null, 0, 0], [null, null, 0, 0]]);
    // An admin sees both, and the figures follow the lists (the event's day is its Paris day).
    expect(seen.map((n: any) => [n.residentsReached, n.lastActivityOn])).toEqual([[1234, "2025-06-30"], [null, "2025-03-14"]]);
    for (const node of seen) expect(recount(node)).toEqual({ residentsReached: node.residentsReached, lastActivityOn: node.lastActivityOn });
    // An editor of the first member sees its own draft project; an editor of another association does not.
    const editor = await issuer.editor(quiet1.id);
    const other = await issuer.editor(quiet2.id);
    expect((await post(FIGURES, { ids: [quiet1.id] }, editor)).data.nodes[0].residentsReached).toBe(1234);
    expect((await post(FIGURES, { ids: [quiet1.id] }, other)).data.nodes[0].residentsReached).toBeNull();
  });

  it("cost the same, small number of statements for 5 and for 50 organisations", async () => {
    // The member list's fields, over any page of associations.
    const PAGE = `query ($first: Int!) { associations(first: $first) { totalCount edges { node {
      name employerSize commune { name } qpvs { qpv { code name } } projects(first: 1) { totalCount }
      residentsReached lastActivityOn charterSignature { signedOn }
    } } } }`;
    const small = await post(PAGE, { first: 5 });
    const large = await post(PAGE, { first: 50 });
    expect(large.data.associations.edges).toHaveLength(50);
    expect(large.data.associations.edges.some((e: any) => e.node.lastActivityOn !== null && e.node.residentsReached !== null)).toBe(true);
    const statements = small.extensions!.diagnostics!.sqlStatements;
    expect(large.extensions!.diagnostics!.sqlStatements).toBe(statements);
    // Associations with their total and communes, QPV presences with their QPVs, project counts, activity, signatures
    // (to-one relations are read with the rows they hang from).
    expect(statements).toBe(5);
  });
});
