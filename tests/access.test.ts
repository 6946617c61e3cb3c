import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/**
 * Roles and scope on every path: lists, counts, node(id), nested fields, contact people, writes and
 * the audit trail, for anonymous users and each role.
 */
let server: TestServer;
let issuer: TestIssuer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const ERRORS = "errors { code path }";

async function post(query: string, token?: string, variables: Record<string, unknown> = {}) {
  const response = await server.post(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data;
}

async function mutate(query: string, input: Record<string, unknown>, token: string) {
  const data = await post(query, token, { input });
  return Object.values(data)[0] as any;
}

const codes = (payload: any) => payload.errors.map((e: any) => e.code);

const QPV = "QN05981M"; // Nouveau Roubaix (59512)

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("access", issuer.settings);
  tokens.admin = await issuer.admin();
  const data = await post(`{
    roubaix: association(rna: "W595009301") { id }
    saintDenis: association(rna: "W933008740") { id }
    network: association(rna: "W595038535") { id networkMembers(first: 1) { edges { node { member { id } } } } }
    partner59: partners(first: 1, filter: { communeInseeCodes: ["59512"] }) { edges { node { id version } } }
  }`);
  ids.roubaix = data.roubaix.id;
  ids.saintDenis = data.saintDenis.id;
  ids.network = data.network.id;
  ids.member = data.network.networkMembers.edges[0].node.member.id;
  ids.partner59 = data.partner59.edges[0].node.id;
  tokens.officer59 = await issuer.officer(["department:59"], "officer59@test");
  tokens.officerRoubaix = await issuer.officer(["commune:59512"], "roubaix@test");
  tokens.officer93 = await issuer.officer(["epci:200054781", "commune:93066"], "officer93@test");
  tokens.editor93 = await issuer.editor(ids.saintDenis, "editor93@test");
  tokens.manager = await issuer.manager(ids.network, "manager@test");

  // A draft project in Roubaix led by a Roubaix association, and a draft event in Saint-Denis.
  const project = await mutate(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } ${ERRORS} } }`, {
    title: "Brouillon roubaisien", draft: true, qpvCodes: [QPV], participants: [{ organizationId: ids.roubaix, role: "LEAD" }],
    fundings: [{ funderId: ids.partner59, amountEur: 5000, year: 2026, scheme: "CONTRAT_DE_VILLE" }],
  }, tokens.admin);
  ids.draftProject = project.project.id;
  const event = await mutate(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } ${ERRORS} } }`, {
    title: "Atelier en préparation", kind: "WORKSHOP", draft: true, startsAt: "2027-01-10T14:00:00+01:00", endsAt: "2027-01-10T16:00:00+01:00",
    communeInseeCode: "93066", organizerIds: [ids.saintDenis],
  }, tokens.admin);
  ids.draftEvent = event.event.id;
  // Contact people of a Roubaix association and of the network's member.
  for (const id of [ids.roubaix, ids.member]) {
    const { node } = await post(`{ node(id: "${id}") { ... on Association { version } } }`, tokens.admin);
    const updated = await mutate(`mutation ($input: UpdateAssociationInput!) { updateAssociation(input: $input) { ${ERRORS} } }`,
      { id, version: node.version, contacts: [{ fullName: "Samia Haddad", email: "samia@example.org", phone: "06 00 00 00 00" }] }, tokens.admin);
    expect(updated.errors).toEqual([]);
  }
});

afterAll(async () => {
  await server?.stop();
});

describe("drafts", () => {
  const DRAFT_PATHS = (project: string) => `{
    node(id: "${project}") { id }
    projects(first: 100, filter: { qpvCodes: ["${QPV}"] }) { totalCount edges { node { id } } }
    qpv(code: "${QPV}") { projects(first: 100) { totalCount edges { node { id } } } }
    roubaix: association(rna: "W595009301") {
      projects(first: 100) { totalCount edges { node { id } } }
      participations(first: 100) { totalCount edges { node { project { id } } } }
    }
  }`;

  /** Whether the draft shows on each path: node, root list, nested list under a QPV and an organisation, participations. */
  async function draftSeenBy(token?: string) {
    const data = await post(DRAFT_PATHS(ids.draftProject), token);
    const has = (edges: any[]) => edges.some((e) => (e.node.project ?? e.node).id === ids.draftProject);
    return {
      node: data.node !== null,
      list: has(data.projects.edges),
      qpv: has(data.qpv.projects.edges),
      organization: has(data.roubaix.projects.edges),
      participations: has(data.roubaix.participations.edges),
      counts: [data.projects.totalCount, data.qpv.projects.totalCount, data.roubaix.projects.totalCount, data.roubaix.participations.totalCount],
    };
  }

  it("are hidden from anonymous users on every path, counts included", async () => {
    const anonymous = await draftSeenBy();
    const officer = await draftSeenBy(tokens.officer59);
    expect(anonymous).toMatchObject({ node: false, list: false, qpv: false, organization: false, participations: false });
    expect(officer).toMatchObject({ node: true, list: true, qpv: true, organization: true, participations: true });
    expect(officer.counts).toEqual(anonymous.counts.map((n) => n + 1));
  });

  it("show to officers of their territory (département or commune) and to the editors of a participant, not to another territory", async () => {
    expect((await draftSeenBy(tokens.officerRoubaix)).node).toBe(true);
    expect(await draftSeenBy(tokens.officer93)).toMatchObject({ node: false, list: false, qpv: false, organization: false });
    expect((await draftSeenBy(await issuer.editor(ids.roubaix))).node).toBe(true);
    expect((await draftSeenBy(tokens.editor93)).node).toBe(false);
    // node(id) on another territory's draft event, and on one's own.
    expect((await post(`{ node(id: "${ids.draftEvent}") { id } }`, tokens.officer59)).node).toBeNull();
    expect((await post(`{ node(id: "${ids.draftEvent}") { id } }`, tokens.officer93)).node).toEqual({ id: ids.draftEvent });
    expect((await post(`{ node(id: "${ids.draftEvent}") { id } }`, tokens.editor93)).node).toEqual({ id: ids.draftEvent });
  });

  it("hide the rows hanging off them (fundings of a draft project) and count nowhere public", async () => {
    const FUNDINGS = `{ partner(id: "${ids.partner59}") { fundingsGiven(first: 100) { totalCount edges { node { project { id } } } } } }`;
    const anonymous = await post(FUNDINGS);
    const officer = await post(FUNDINGS, tokens.officer59);
    expect(officer.partner.fundingsGiven.totalCount).toBe(anonymous.partner.fundingsGiven.totalCount + 1);
    expect(anonymous.partner.fundingsGiven.edges.some((e: any) => e.node.project.id === ids.draftProject)).toBe(false);
    const search = await post(`{ search(text: "Brouillon roubaisien", first: 5) { edges { node { __typename } } } }`, tokens.officer59);
    expect(search.search.edges.filter((e: any) => e.node.__typename === "CooperationProject")).toEqual([]);
    // ...while a published project is found by its title.
    const published = await post(`{ search(text: "Parcours bénévoles Virolois", first: 5) { edges { node { __typename } } } }`, tokens.officer59);
    expect(published.search.edges.map((e: any) => e.node.__typename)).toContain("CooperationProject");
  });

  it("cannot be reached for writing by whoever may not see them (NOT_FOUND, not FORBIDDEN)", async () => {
    const payload = await mutate(`mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { ${ERRORS} } }`,
      { id: ids.draftProject, version: 1, title: "Piraté" }, tokens.officer93);
    expect(codes(payload)).toEqual(["NOT_FOUND"]);
  });
});

describe("personal data", () => {
  const CONTACTS = (id: string) => `{ node(id: "${id}") { ... on Association { contacts { fullName email phone } } } }`;
  const contactsSeen = async (id: string, token?: string) => (await post(CONTACTS(id), token)).node.contacts;

  it("shows contact people only to those responsible for the organisation", async () => {
    const samia = [{ fullName: "Samia Haddad", email: "samia@example.org", phone: "06 00 00 00 00" }];
    expect(await contactsSeen(ids.roubaix)).toBeNull();
    expect(await contactsSeen(ids.roubaix, tokens.officer59)).toEqual(samia);
    expect(await contactsSeen(ids.roubaix, tokens.officer93)).toBeNull();
    expect(await contactsSeen(ids.roubaix, await issuer.editor(ids.roubaix))).toEqual(samia);
    expect(await contactsSeen(ids.roubaix, tokens.editor93)).toBeNull();
    expect(await contactsSeen(ids.member, tokens.manager)).toEqual(samia);
    expect(await contactsSeen(ids.saintDenis, tokens.manager)).toBeNull(); // not a member of the network
    expect(await contactsSeen(ids.saintDenis, tokens.officer93)).toEqual([]);
  });

  it("never names residents: attendance is counts only", async () => {
    const { __type } = await post(`{ __type(name: "Attendance") { fields { name type { name ofType { name } } } } }`);
    expect(__type.fields.map((f: any) => f.name).sort()).toEqual(["associations", "residents", "total"]);
    expect(__type.fields.every((f: any) => (f.type.name ?? f.type.ofType.name) === "Int")).toBe(true);
  });
});

describe("writes by role", () => {
  const UPDATE_ASSOCIATION = `mutation ($input: UpdateAssociationInput!) { updateAssociation(input: $input) { association { volunteers } ${ERRORS} } }`;
  const version = async (id: string) => (await post(`{ node(id: "${id}") { ... on Node { id } ... on Association { version } ... on Partner { version } ... on ParticipationEvent { version } } }`, tokens.admin)).node.version;

  it("anonymous users write nothing", async () => {
    const payload = await mutate(UPDATE_ASSOCIATION, { id: ids.roubaix, version: 1, volunteers: 1 }, undefined as unknown as string);
    expect(codes(payload)).toEqual(["FORBIDDEN"]);
  });

  it("an association editor edits its own association only, and signs the charter for it only", async () => {
    const own = await mutate(UPDATE_ASSOCIATION, { id: ids.saintDenis, version: await version(ids.saintDenis), volunteers: 12 }, tokens.editor93);
    expect(own).toMatchObject({ errors: [], association: { volunteers: 12 } });
    expect(codes(await mutate(UPDATE_ASSOCIATION, { id: ids.roubaix, version: await version(ids.roubaix), volunteers: 1 }, tokens.editor93))).toEqual(["FORBIDDEN"]);
    const SIGN = `mutation ($input: SignCharterInput!) { signCharter(input: $input) { ${ERRORS} } }`;
    expect(codes(await mutate(SIGN, { organizationId: ids.roubaix, signedOn: "2026-11-01" }, tokens.editor93))).toEqual(["FORBIDDEN"]);
    const signed = await mutate(SIGN, { organizationId: ids.saintDenis, signedOn: "2026-11-01" }, tokens.editor93);
    expect(codes(signed).filter((c: string) => c !== "ALREADY_SIGNED")).toEqual([]);
    const PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { ${ERRORS} } }`;
    expect(codes(await mutate(PROJECT, { title: "x" }, tokens.editor93))).toEqual(["FORBIDDEN"]);
  });

  it("an association editor records its events' attendance, not other organisations' events", async () => {
    const UPDATE_EVENT = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { attendance { residents } } ${ERRORS} } }`;
    const own = await mutate(UPDATE_EVENT, { id: ids.draftEvent, version: await version(ids.draftEvent), attendance: { residents: 14, total: 20 } }, tokens.editor93);
    expect(own).toMatchObject({ errors: [], event: { attendance: { residents: 14 } } });
    const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { ${ERRORS} } }`;
    const event = { title: "Fête", kind: "NEIGHBOURHOOD_FESTIVAL", startsAt: "2027-06-01T14:00:00+02:00", endsAt: "2027-06-01T20:00:00+02:00", communeInseeCode: "93066" };
    // It names itself as organiser, never others (they add themselves), and attaches its events to its own projects only.
    const CREATE = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { errors { code path } } }`;
    const refused = async (input: Record<string, unknown>) => (await mutate(CREATE, { ...event, ...input }, tokens.editor93)).errors.map((e: any) => [e.code, e.path.join(".")]);
    expect(await refused({ organizerIds: [ids.roubaix] })).toEqual([["INVALID_INPUT", "input.organizerIds.0"]]);
    expect(await refused({ organizerIds: [ids.saintDenis, ids.roubaix] })).toEqual([["INVALID_INPUT", "input.organizerIds.1"]]);
    expect(await refused({ organizerIds: [ids.saintDenis], projectId: ids.draftProject })).toEqual([["INVALID_INPUT", "input.projectId"]]);
    const { projects } = await post(`{ projects(first: 1) { edges { node { id } } } }`);
    expect(await refused({ organizerIds: [ids.saintDenis], projectId: projects.edges[0].node.id })).toEqual([["INVALID_INPUT", "input.projectId"]]);
    expect(codes(await mutate(CREATE_EVENT, { ...event, organizerIds: [ids.saintDenis] }, tokens.editor93))).toEqual([]);
  });

  it("a policy officer writes partners and projects in its territories only", async () => {
    const PARTNER = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } ${ERRORS} } }`;
    const partner = { name: "Bailleur test", partnerType: "SOCIAL_LANDLORD" };
    expect(codes(await mutate(PARTNER, { ...partner, communeInseeCode: "93066" }, tokens.officer93))).toEqual([]);
    expect(codes(await mutate(PARTNER, { ...partner, communeInseeCode: "59512" }, tokens.officer93))).toEqual(["FORBIDDEN"]);
    const UPDATE_PARTNER = `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { ${ERRORS} } }`;
    expect(codes(await mutate(UPDATE_PARTNER, { id: ids.partner59, version: await version(ids.partner59), phone: "03 20 11 11 11" }, tokens.officer93))).toEqual(["FORBIDDEN"]);
    expect(codes(await mutate(UPDATE_PARTNER, { id: ids.partner59, version: await version(ids.partner59), phone: "03 20 11 11 11" }, tokens.officer59))).toEqual([]);
    // Moving its own partner out of its territory is refused, and nothing changes.
    const v = await version(ids.partner59);
    expect(codes(await mutate(UPDATE_PARTNER, { id: ids.partner59, version: v, communeInseeCode: "93066" }, tokens.officer59))).toEqual(["FORBIDDEN"]);
    expect(await version(ids.partner59)).toBe(v);
    expect(codes(await mutate(UPDATE_ASSOCIATION, { id: ids.roubaix, version: await version(ids.roubaix), volunteers: 3 }, tokens.officer59))).toEqual(["FORBIDDEN"]);
  });

  it("a federation manager invites members of its network only; an invitation counts once the member confirms it", async () => {
    const MEMBERSHIP = `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { membership { id version confirmed } ${ERRORS} } }`;
    const CONFIRM = `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { confirmed } ${ERRORS} } }`;
    const STATUS = `{ node(id: "${ids.saintDenis}") { ... on Association { federated contacts { fullName } cooperationLinks(first: 100) { totalCount } } } }`;
    const before = (await post(STATUS, tokens.manager)).node;
    const invited = await mutate(MEMBERSHIP, { networkId: ids.network, memberId: ids.saintDenis }, tokens.manager);
    expect(invited).toMatchObject({ errors: [], membership: { confirmed: false } });
    // Pending: no access to the member's contact people, not federated, no cooperation link.
    expect((await post(STATUS, tokens.manager)).node).toEqual(before);
    const { id, version: v } = invited.membership;
    expect(codes(await mutate(CONFIRM, { id, version: v, confirmed: true }, tokens.manager))).toEqual(["FORBIDDEN"]);
    expect(await mutate(CONFIRM, { id, version: v, confirmed: true }, tokens.editor93)).toMatchObject({ errors: [], membership: { confirmed: true } });
    const after = (await post(STATUS, tokens.manager)).node;
    expect(after.federated).toBe(true);
    expect(after.contacts).toEqual([]);
    expect(after.cooperationLinks.totalCount).toBe(before.cooperationLinks.totalCount + 1);
    expect(codes(await mutate(MEMBERSHIP, { networkId: ids.roubaix, memberId: ids.saintDenis }, tokens.manager))).toEqual(["FORBIDDEN"]);
    expect(codes(await mutate(MEMBERSHIP, { networkId: ids.network, memberId: ids.roubaix }, tokens.editor93))).toEqual(["FORBIDDEN"]);
    expect(codes(await mutate(UPDATE_ASSOCIATION, { id: ids.member, version: await version(ids.member), volunteers: 3 }, tokens.manager))).toEqual(["FORBIDDEN"]);
  });

  it("only admins archive associations", async () => {
    const ARCHIVE = `mutation ($input: ArchiveInput!) { archive(input: $input) { ${ERRORS} } }`;
    expect(codes(await mutate(ARCHIVE, { id: ids.saintDenis, version: await version(ids.saintDenis) }, tokens.editor93))).toEqual(["FORBIDDEN"]);
  });
});

describe("audit trail access", () => {
  const AUDIT = `{ auditEntries(first: 100) { totalCount edges { node { recordType recordNodeId } } } }`;

  it("is readable by admins, by editors for their own records, by nobody else", async () => {
    const all = await post(AUDIT, tokens.admin);
    expect(all.auditEntries.totalCount).toBeGreaterThan(5);
    const own = await post(AUDIT, tokens.editor93);
    expect(own.auditEntries.totalCount).toBeGreaterThan(0);
    expect(own.auditEntries.totalCount).toBeLessThan(all.auditEntries.totalCount);
    // Its association's changes are there, the Roubaix association's are not.
    const records = own.auditEntries.edges.map((e: any) => e.node.recordNodeId);
    expect(records).toContain(ids.saintDenis);
    expect(records).not.toContain(ids.roubaix);
    for (const token of [undefined, tokens.officer59, tokens.manager]) {
      const response = await server.post(AUDIT, {}, token);
      expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
  });
});
