import { parse } from "csv-parse/sync";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/**
 * A draft shows through nothing that hangs off it. A published event of a draft project, the draft's
 * fundings, a good practice drawn from it, and audit entries naming it or a draft event: for a viewer
 * who may not see the draft (anonymous users, an officer of another territory, the editor of an
 * organisation outside it), no filter matches it, no count includes it, no export column, nested
 * field or id names it, exactly as for an id that names nothing; for those who may see it (an admin,
 * the officer of its territory, the editor of its lead), all of it shows as before.
 */
let server: TestServer;
let issuer: TestIssuer;
let origin: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const HOME = "01005"; // Ambérieux-en-Dombes: no demo data, only the records of this test.
const ELSEWHERE = "01006"; // Ambléon
const ERRORS = "errors { code path message }";
/** A project id that names nothing. */
const UNKNOWN_PROJECT = Buffer.from("CooperationProject:987654").toString("base64url");

type Viewer = "anonymous" | "admin" | "officerHome" | "editorLead" | "officerElsewhere" | "editorOutside";
/** Viewers who may see the draft project, and those who may not. */
const MAY_SEE: Viewer[] = ["admin", "officerHome", "editorLead"];
const MAY_NOT_SEE: Viewer[] = ["anonymous", "officerElsewhere", "editorOutside"];

async function post(query: string, viewer: Viewer = "anonymous", variables: Record<string, unknown> = {}) {
  const response = await server.post(query, variables, tokens[viewer]);
  expect(response.errors).toBeUndefined();
  return response.data;
}

async function mutate(name: string, inputType: string, selection: string, input: Record<string, unknown>, viewer: Viewer = "admin"): Promise<any> {
  const data = await post(`mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} ${ERRORS} } }`, viewer, { input });
  return data[name];
}

async function created(name: string, inputType: string, field: string, input: Record<string, unknown>): Promise<string> {
  const payload = await mutate(name, inputType, `${field} { id }`, input);
  expect(payload.errors).toEqual([]);
  return payload[field].id;
}

/** The database key of a global id. */
const keyOf = (id: string) => Number(Buffer.from(id, "base64url").toString().split(":")[1]);

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("hidden-references", issuer.settings);
  origin = new URL(server.url).origin;
  tokens.admin = await issuer.admin();

  const association = (name: string, rna: string, communeInseeCode: string) =>
    created("createAssociation", "CreateAssociationInput", "association", { name, rna, communeInseeCode });
  ids.lead = await association("Collectif des Dombes", "W011000001", HOME);
  ids.outside = await association("Amicale d'Ambléon", "W011000002", ELSEWHERE);
  ids.funder = await created("createPartner", "CreatePartnerInput", "partner", { name: "Fondation des Dombes", partnerType: "FOUNDATION", communeInseeCode: HOME });
  tokens.officerHome = await issuer.officer([`commune:${HOME}`], "home@test");
  tokens.officerElsewhere = await issuer.officer([`commune:${ELSEWHERE}`], "elsewhere@test");
  tokens.editorLead = await issuer.editor(ids.lead, "lead@test");
  tokens.editorOutside = await issuer.editor(ids.outside, "outside@test");

  const project = (title: string, draft: boolean) => created("createProject", "CreateProjectInput", "project", {
    title, draft, participants: [{ organizationId: ids.lead, role: "LEAD" }],
    fundings: [{ funderId: ids.funder, amountEur: 1000, year: 2026, scheme: "OTHER" }],
  });
  ids.draft = await project("Jardin partagé en préparation", true);
  ids.published = await project("Jardin partagé ouvert", false);
  // Published events, organised by the outside association: one of the draft project, one of the published one.
  const event = (title: string, projectId: string, draft = false) => created("createEvent", "CreateEventInput", "event", {
    title, kind: "WORKSHOP", draft, startsAt: "2026-05-10T14:00:00+02:00", endsAt: "2026-05-10T16:00:00+02:00",
    communeInseeCode: HOME, organizerIds: [ids.outside], projectId, location: { latitude: 46, longitude: 4.9 },
  });
  ids.eventOfDraft = await event("Atelier semis du jardin", ids.draft);
  ids.eventOfPublished = await event("Atelier récolte du jardin", ids.published);
  // A draft event the outside association organised, then handed over to the lead: it no longer sees it.
  ids.draftEvent = await event("Fête du jardin en préparation", ids.published, true);
  const handedOver = await mutate("updateEvent", "UpdateEventInput", "event { id }", { id: ids.draftEvent, version: 1, organizerIds: [ids.lead] });
  expect(handedOver.errors).toEqual([]);
  ids.goodPractice = await created("createGoodPractice", "CreateGoodPracticeInput", "goodPractice", {
    title: "Un jardin pour se rencontrer", summary: "Résumé.", body: "Texte.", organizationIds: [ids.outside], projectIds: [ids.draft, ids.published],
  });
});

afterAll(async () => {
  await server?.stop();
});

/** Events around the venue of this test's events. */
const NEAR_ARGS = "latitude: 46, longitude: 4.9, radiusMeters: 100, first: 10";
const NEAR = `eventsNear(${NEAR_ARGS}) { edges { node { id project { id } } } }`;

const eachViewer = (viewers: Viewer[]) => viewers.map((viewer) => [viewer]);

describe.each(eachViewer(MAY_NOT_SEE))("a viewer who may not see the draft (%s)", (viewer) => {
  it("finds no event by the draft's id in a filter, at the root or nested, as for an unknown id", async () => {
    const EVENTS = (project: string) => `{
      events(first: 10, filter: { projectIds: ["${project}"] }) { totalCount edges { node { id } } }
      association(id: "${ids.outside}") { events(first: 10, filter: { projectIds: ["${project}"] }) { totalCount edges { node { id } } } }
    }`;
    const unknown = await post(EVENTS(UNKNOWN_PROJECT), viewer);
    expect(unknown.events).toEqual({ totalCount: 0, edges: [] });
    expect(await post(EVENTS(ids.draft), viewer)).toEqual(unknown);
    // The published project's event is found as ever.
    expect((await post(EVENTS(ids.published), viewer)).events.edges).toEqual([{ node: { id: ids.eventOfPublished } }]);
  });

  it("reads the event, but not its project, by id, in lists and in search", async () => {
    const data = await post(`{
      node(id: "${ids.draft}") { id }
      event(id: "${ids.eventOfDraft}") { id project { id } }
      events(first: 10, filter: { communeInseeCodes: ["${HOME}"] }) { totalCount edges { node { id project { id } } } }
      search(text: "Atelier semis du jardin", kinds: [EVENT], first: 5) { edges { node { ... on ParticipationEvent { id project { id } } } } }
      ${NEAR}
    }`, viewer);
    expect(data.node).toBeNull();
    expect(data.event).toEqual({ id: ids.eventOfDraft, project: null });
    expect(data.events.edges).toContainEqual({ node: { id: ids.eventOfDraft, project: null } });
    expect(data.events.edges).toContainEqual({ node: { id: ids.eventOfPublished, project: { id: ids.published } } });
    expect(data.search.edges).toContainEqual({ node: { id: ids.eventOfDraft, project: null } });
    expect(data.eventsNear.edges).toContainEqual({ node: { id: ids.eventOfDraft, project: null } });
    const near = await post(`{ eventsNear(${NEAR_ARGS}, filter: { projectIds: ["${ids.draft}"] }) { totalCount } }`, viewer);
    expect(near.eventsNear.totalCount).toBe(0);
  });

  it("sees neither the draft's fundings nor the draft among a good practice's projects", async () => {
    const data = await post(`{
      fundings(first: 10, filter: { funderIds: ["${ids.funder}"] }) { totalCount edges { node { project { id } } } }
      byProject: fundings(first: 10, filter: { project: { participantIds: ["${ids.lead}"] } }) { totalCount }
      node(id: "${ids.goodPractice}") { ... on GoodPractice { projects { id } } }
    }`, viewer);
    expect(data.fundings).toEqual({ totalCount: 1, edges: [{ node: { project: { id: ids.published } } }] });
    expect(data.byProject.totalCount).toBe(1);
    expect(data.node.projects).toEqual([{ id: ids.published }]);
  });

  it("gets the same answer for the draft as for an unknown project on writes and suggestions", async () => {
    if (viewer === "anonymous") return;
    const suggestions = async (project: string) => {
      const response = await server.post(`{ partnerSuggestions(projectId: "${project}") { organization { id } } }`, {}, tokens[viewer]);
      return response.errors?.map((e) => [e.extensions?.code, e.extensions?.reason]);
    };
    expect(await suggestions(ids.draft)).toEqual(await suggestions(UNKNOWN_PROJECT));
    if (viewer !== "editorOutside") return;
    // The outside editor organises the event: attaching it to the draft is answered as for a project that does not exist.
    const attach = async (projectId: string) => {
      const { node } = await post(`{ node(id: "${ids.eventOfPublished}") { ... on ParticipationEvent { version } } }`, viewer);
      return (await mutate("updateEvent", "UpdateEventInput", "event { id }", { id: ids.eventOfPublished, version: node.version, projectId }, viewer)).errors;
    };
    expect(await attach(ids.draft)).toEqual(await attach(UNKNOWN_PROJECT));
  });
});

describe.each(eachViewer(MAY_SEE))("a viewer who may see the draft (%s)", (viewer) => {
  it("finds the draft's event by filter and reads its project", async () => {
    const data = await post(`{
      events(first: 10, filter: { projectIds: ["${ids.draft}"] }) { totalCount edges { node { id project { id } } } }
      fundings(first: 10, filter: { funderIds: ["${ids.funder}"] }) { totalCount }
      byProject: fundings(first: 10, filter: { project: { participantIds: ["${ids.lead}"] } }) { totalCount }
      node(id: "${ids.goodPractice}") { ... on GoodPractice { projects { id } } }
      ${NEAR}
    }`, viewer);
    expect(data.events).toEqual({ totalCount: 1, edges: [{ node: { id: ids.eventOfDraft, project: { id: ids.draft } } }] });
    expect(data.eventsNear.edges).toContainEqual({ node: { id: ids.eventOfDraft, project: { id: ids.draft } } });
    expect(data.fundings.totalCount).toBe(2);
    expect(data.byProject.totalCount).toBe(2);
    expect(data.node.projects.map((p: any) => p.id).sort()).toEqual([ids.draft, ids.published].sort());
  });
});

describe("exports (the public graph, whoever asks)", () => {
  async function eventsCsv(filter: unknown, token?: string) {
    const response = await fetch(`${origin}/exports/events.csv?${new URLSearchParams({ filter: JSON.stringify(filter) })}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, rows: parse(text, { bom: true, columns: true }) as Record<string, string>[] };
  }

  it.each([["anonymous"], ["admin"]] as const)("print neither the draft's id nor its title in the event's row (%s)", async (viewer) => {
    const { text, rows } = await eventsCsv({ communeInseeCodes: [HOME] }, tokens[viewer]);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(ids.eventOfDraft)).toMatchObject({ projectId: "", projectTitle: "" });
    expect(row(ids.eventOfPublished)).toMatchObject({ projectId: ids.published, projectTitle: "Jardin partagé ouvert" });
    expect(text).not.toContain(ids.draft);
    expect(text).not.toContain("en préparation");
  });

  it("match no row for a filter naming the draft, as for an unknown id", async () => {
    expect((await eventsCsv({ projectIds: [ids.draft] })).rows).toEqual([]);
    expect((await eventsCsv({ projectIds: [UNKNOWN_PROJECT] })).rows).toEqual([]);
    expect((await eventsCsv({ projectIds: [ids.published] })).rows.map((r) => r.id)).toEqual([ids.eventOfPublished]);
  });

  it("leave the draft out of the GeoJSON properties too", async () => {
    const response = await fetch(`${origin}/exports/events.geojson?${new URLSearchParams({ filter: JSON.stringify({ communeInseeCodes: [HOME] }) })}`);
    const collection: any = await response.json();
    const feature = collection.features.find((f: any) => f.id === ids.eventOfDraft);
    expect(feature.properties).toMatchObject({ projectId: null, projectTitle: null });
  });
});

describe("audit trail", () => {
  const AUDIT = (recordId: string) => `{ auditEntries(first: 20, filter: { recordId: "${recordId}" }) { totalCount edges { node { action recordNodeId before after changedFields } } } }`;

  it("does not name the draft in the snapshots of the records an editor may read", async () => {
    const draftKey = keyOf(ids.draft);
    const event = await post(AUDIT(ids.eventOfDraft), "editorOutside");
    expect(event.auditEntries.totalCount).toBe(1);
    expect(event.auditEntries.edges[0].node.after.project_id).toBeNull();
    const practice = await post(AUDIT(ids.goodPractice), "editorOutside");
    expect(practice.auditEntries.totalCount).toBe(1);
    expect(practice.auditEntries.edges[0].node.after.projects).toEqual([{ project_id: keyOf(ids.published) }]);
    expect(JSON.stringify([event, practice])).not.toMatch(new RegExp(`"project_id":${draftKey}\\b`));
    // An admin reads them whole.
    expect((await post(AUDIT(ids.eventOfDraft), "admin")).auditEntries.edges[0].node.after.project_id).toBe(draftKey);
    const whole = (await post(AUDIT(ids.goodPractice), "admin")).auditEntries.edges[0].node.after.projects;
    expect(whole.map((p: any) => p.project_id).sort()).toEqual([draftKey, keyOf(ids.published)].sort());
  });

  it("shows an editor no entry of a draft it may no longer see, and its own drafts' entries as before", async () => {
    // The outside association organised the draft event when it was created; it was handed over since.
    expect((await post(AUDIT(ids.draftEvent), "editorOutside")).auditEntries).toEqual({ totalCount: 0, edges: [] });
    const all = await post(`{ auditEntries(first: 100) { edges { node { recordNodeId } } } }`, "editorOutside");
    expect(all.auditEntries.edges.map((e: any) => e.node.recordNodeId)).not.toContain(ids.draftEvent);
    expect(all.auditEntries.edges.map((e: any) => e.node.recordNodeId)).toContain(ids.eventOfDraft);
    expect((await post(AUDIT(ids.draftEvent), "editorLead")).auditEntries.totalCount).toBe(1);
    expect((await post(AUDIT(ids.draftEvent), "admin")).auditEntries.totalCount).toBe(2);
    expect((await post(AUDIT(ids.draft), "editorLead")).auditEntries.totalCount).toBe(1);
  });
});
