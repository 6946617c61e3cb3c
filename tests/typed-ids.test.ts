import { fromGlobalId, toGlobalId } from "../schema/global-id";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/**
 * A global id names a type. Associations and partners share one table and its numbers, so an
 * association's id built on a partner's number names no association: every write refuses it, in
 * every place an input names an organisation, and nothing is written.
 */

let server: TestServer;
let admin: string;
/** Two associations and a partner of the demo data, and ids built on the other kind's numbers. */
let association: string;
let otherAssociation: string;
let partner: string;
let associationOfPartnerNumber: string;
let partnerOfAssociationNumber: string;

beforeAll(async () => {
  const issuer = await testIssuer();
  server = await startTestServer("typed-ids", issuer.settings);
  admin = await issuer.admin();
  const { data } = await server.post(`{ a: associations(first: 2, filter: { federated: false }) { edges { node { id } } } p: partners(first: 1) { edges { node { id } } } }`);
  [association, otherAssociation] = data.a.edges.map((e: any) => e.node.id);
  partner = data.p.edges[0].node.id;
  associationOfPartnerNumber = toGlobalId("Association", fromGlobalId(partner).key);
  partnerOfAssociationNumber = toGlobalId("Partner", fromGlobalId(otherAssociation).key);
});

afterAll(async () => {
  await server?.stop();
});

const ERRORS = "errors { code path message }";

async function mutate(field: string, inputType: string, input: Record<string, unknown>): Promise<{ errors: { code: string; path: string[] }[] }> {
  const response = await server.post(`mutation ($input: ${inputType}!) { ${field}(input: $input) { ${ERRORS} } }`, { input }, admin);
  expect(response.errors).toBeUndefined();
  return response.data[field];
}

const failures = (payload: { errors: { code: string; path: string[] }[] }) => payload.errors.map((e) => [e.code, e.path.join(".")]);

async function auditEntries(): Promise<number> {
  const [row] = await server.app.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
  return row.n;
}

const EVENT = { title: "Réunion", kind: "PUBLIC_MEETING", startsAt: "2026-12-01T18:00:00+01:00", endsAt: "2026-12-01T20:00:00+01:00", communeInseeCode: "59512" };
const FUNDING = { amountEur: 100, year: 2026, scheme: "DLA" };

describe("ids of the wrong type in writes", () => {
  it("refuses an organisation's id built on the other kind's number, wherever an input names one", async () => {
    // Records to update, made with ids of the right type.
    const project = await server.post(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } ${ERRORS} } }`,
      { input: { title: "Projet", participants: [{ organizationId: association, role: "LEAD" }] } }, admin);
    const event = await server.post(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } ${ERRORS} } }`,
      { input: { ...EVENT, organizerIds: [association] } }, admin);
    const practice = await server.post(`mutation ($input: CreateGoodPracticeInput!) { createGoodPractice(input: $input) { goodPractice { id } ${ERRORS} } }`,
      { input: { title: "Pratique", summary: "Résumé", body: "Texte." } }, admin);
    for (const created of [project, event, practice]) expect(Object.values(created.data as object)[0].errors).toEqual([]);
    const projectId = project.data.createProject.project.id;
    const eventId = event.data.createEvent.event.id;
    const practiceId = practice.data.createGoodPractice.goodPractice.id;
    const before = await auditEntries();

    const cases: [string, string, Record<string, unknown>, string][] = [
      ["createMembership", "CreateMembershipInput", { networkId: associationOfPartnerNumber, memberId: otherAssociation }, "input.networkId"],
      ["createMembership", "CreateMembershipInput", { networkId: association, memberId: partnerOfAssociationNumber }, "input.memberId"],
      ["createProject", "CreateProjectInput", { title: "Projet", participants: [{ organizationId: associationOfPartnerNumber, role: "LEAD" }] }, "input.participants.0.organizationId"],
      ["createProject", "CreateProjectInput", { title: "Projet", fundings: [{ funderId: partnerOfAssociationNumber, ...FUNDING }] }, "input.fundings.0.funderId"],
      ["updateProject", "UpdateProjectInput", { id: projectId, version: 1, participants: [{ organizationId: partnerOfAssociationNumber, role: "PARTNER" }] }, "input.participants.0.organizationId"],
      ["updateProject", "UpdateProjectInput", { id: projectId, version: 1, fundings: [{ funderId: associationOfPartnerNumber, ...FUNDING }] }, "input.fundings.0.funderId"],
      ["createEvent", "CreateEventInput", { ...EVENT, organizerIds: [associationOfPartnerNumber] }, "input.organizerIds.0"],
      ["updateEvent", "UpdateEventInput", { id: eventId, version: 1, organizerIds: [association, partnerOfAssociationNumber] }, "input.organizerIds.1"],
      ["signCharter", "SignCharterInput", { organizationId: associationOfPartnerNumber, signedOn: "2026-01-15" }, "input.organizationId"],
      ["signCharter", "SignCharterInput", { organizationId: partnerOfAssociationNumber, signedOn: "2026-01-15" }, "input.organizationId"],
      ["createGoodPractice", "CreateGoodPracticeInput", { title: "Pratique", summary: "Résumé", body: "Texte.", organizationIds: [partnerOfAssociationNumber] }, "input.organizationIds.0"],
      ["updateGoodPractice", "UpdateGoodPracticeInput", { id: practiceId, version: 1, organizationIds: [associationOfPartnerNumber] }, "input.organizationIds.0"],
      // Ids of another type altogether, where an organisation or a project is expected.
      ["createGoodPractice", "CreateGoodPracticeInput", { title: "Pratique", summary: "Résumé", body: "Texte.", projectIds: [association] }, "input.projectIds.0"],
      ["createEvent", "CreateEventInput", { ...EVENT, organizerIds: [projectId] }, "input.organizerIds.0"],
      ["updateEvent", "UpdateEventInput", { id: eventId, version: 1, projectId: partner }, "input.projectId"],
      ["updateAssociation", "UpdateAssociationInput", { id: partner, version: 1, name: "Renommée" }, "input.id"],
      ["updatePartner", "UpdatePartnerInput", { id: association, version: 1, name: "Renommé" }, "input.id"],
    ];
    const answers = [];
    for (const [field, type, input, path] of cases) answers.push([field, path, failures(await mutate(field, type, input))]);
    expect(answers).toEqual(cases.map(([field, , , path]) => [field, path, [["INVALID_INPUT", path]]]));
    expect(await auditEntries()).toBe(before);
  });

  it("finds no record to change or archive for an id built on the other kind's number (as a read finds none)", async () => {
    const before = await auditEntries();
    const cases: [string, string, Record<string, unknown>][] = [
      ["updateAssociation", "UpdateAssociationInput", { id: associationOfPartnerNumber, version: 1, name: "Renommée" }],
      ["updatePartner", "UpdatePartnerInput", { id: partnerOfAssociationNumber, version: 1, name: "Renommé" }],
      ["archive", "ArchiveInput", { id: associationOfPartnerNumber, version: 1 }],
      ["archive", "ArchiveInput", { id: partnerOfAssociationNumber, version: 1 }],
      ["restore", "ArchiveInput", { id: associationOfPartnerNumber, version: 1 }],
      ["restore", "ArchiveInput", { id: partnerOfAssociationNumber, version: 1 }],
    ];
    const answers = [];
    for (const [field, type, input] of cases) answers.push([field, failures(await mutate(field, type, input))]);
    expect(answers).toEqual(cases.map(([field]) => [field, [["NOT_FOUND", "input.id"]]]));
    const { data } = await server.post(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [associationOfPartnerNumber, partnerOfAssociationNumber] });
    expect(data.nodes).toEqual([null, null]);
    expect(await auditEntries()).toBe(before);
  });
});
