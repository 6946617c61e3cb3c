import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

let server: TestServer;
let issuer: TestIssuer;
let admin: string;

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("mutations", issuer.settings);
  admin = await issuer.admin();
});

afterAll(async () => {
  await server?.stop();
});

const ERRORS = "errors { code message path } replayed";
const CREATE_ASSOCIATION = `mutation ($input: CreateAssociationInput!) {
  createAssociation(input: $input) { association { id name version rna siret siren commune { inseeCode } staffEtp employerSize
    themes { code } qpvs { presence qpv { code } } contacts { fullName jobTitle email phone } } ${ERRORS} } }`;
const UPDATE_ASSOCIATION = `mutation ($input: UpdateAssociationInput!) {
  updateAssociation(input: $input) { association { id name version staffEtp employerSize dissolvedOn purpose } ${ERRORS} } }`;

/** Runs a mutation as `token` and returns its payload (the mutation's only field). */
async function mutate(query: string, input: Record<string, unknown>, token = admin): Promise<any> {
  const response = await server.post(query, { input }, token);
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return Object.values(response.data)[0];
}

/** The codes and paths of a failed payload. */
const failures = (payload: any) => payload.errors.map((e: any) => [e.code, (e.path ?? []).join(".")]);

async function count(table: string): Promise<number> {
  const [row] = await server.app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

let sequence = 0;
/** A new association's input with a fresh RNA number (valid format). */
const newAssociation = (extra: Record<string, unknown> = {}) => ({ name: `Association test ${++sequence}`, rna: `W59${String(9000000 + sequence).padStart(7, "0")}`, ...extra });

describe("associations", () => {
  it("creates an association with its themes, QPVs and contact people, and reads it back", async () => {
    const payload = await mutate(CREATE_ASSOCIATION, {
      name: "  Les Ateliers du Pile  ", rna: "W595777001", siret: "73282932000074", communeInseeCode: "59512", staffEtp: 1.5,
      themeCodes: ["006000"], qpvs: [{ qpvCode: "QN05981M", presence: "BASED" }],
      contacts: [{ fullName: "Nadia Benali", jobTitle: "coordinatrice", email: "nadia@ateliers.example", phone: "03 20 00 00 00" }],
    });
    expect(payload.errors).toEqual([]);
    expect(payload.association).toMatchObject({
      name: "Les Ateliers du Pile", version: 1, rna: "W595777001", siret: "73282932000074", siren: "732829320",
      commune: { inseeCode: "59512" }, staffEtp: 1.5, employerSize: "SMALL_EMPLOYER",
      themes: [{ code: "006000" }], qpvs: [{ presence: "BASED", qpv: { code: "QN05981M" } }],
      contacts: [{ fullName: "Nadia Benali", jobTitle: "coordinatrice", email: "nadia@ateliers.example", phone: "03 20 00 00 00" }],
    });
    const { data } = await server.post(`{ association(rna: "W595777001") { id name } }`);
    expect(data.association).toEqual({ id: payload.association.id, name: "Les Ateliers du Pile" });
  });

  it("records a district of Paris, Lyon or Marseille as its city", async () => {
    const payload = await mutate(CREATE_ASSOCIATION, newAssociation({ communeInseeCode: "13203" }));
    expect(payload.association.commune).toEqual({ inseeCode: "13055" });
  });

  it("updates only the fields given, clears those sent as null, and increments the version", async () => {
    const created = (await mutate(CREATE_ASSOCIATION, newAssociation({ purpose: "Soutien scolaire", staffEtp: 3 }))).association;
    const updated = await mutate(UPDATE_ASSOCIATION, { id: created.id, version: 1, staffEtp: 0.5, purpose: null });
    expect(updated.errors).toEqual([]);
    expect(updated.association).toMatchObject({ name: created.name, version: 2, staffEtp: 0.5, employerSize: "SMALL_EMPLOYER", purpose: null });
  });

  it("answers DUPLICATE_RNA and DUPLICATE_SIRET without writing anything", async () => {
    const before = await count("organization");
    expect(failures(await mutate(CREATE_ASSOCIATION, newAssociation({ rna: "W595777001" })))).toEqual([["DUPLICATE_RNA", "input.rna"]]);
    expect(failures(await mutate(CREATE_ASSOCIATION, newAssociation({ siret: "73282932000074" })))).toEqual([["DUPLICATE_SIRET", "input.siret"]]);
    expect(await count("organization")).toBe(before);
  });

  it("answers NOT_FOUND for an id that names nothing, and INVALID_INPUT for one of another type", async () => {
    const missing = Buffer.from("Association:99999").toString("base64url");
    expect(failures(await mutate(UPDATE_ASSOCIATION, { id: missing, version: 1, name: "x" }))).toEqual([["NOT_FOUND", "input.id"]]);
    const partner = Buffer.from("Partner:1").toString("base64url");
    expect(failures(await mutate(UPDATE_ASSOCIATION, { id: partner, version: 1, name: "x" }))).toEqual([["INVALID_INPUT", "input.id"]]);
  });
});

describe("validation: every rule with a valid and an invalid value", () => {
  // [field, valid value, invalid value]
  const RULES: [string, unknown, unknown][] = [
    ["rna", "W751234567", "W75123456"],
    ["rna", "W2A1000001", "X751234567"],
    ["siret", "44306184100047", "44306184100048"],
    ["siret", "73282932000082", "00000000000000"], // zeros pass Luhn but are no one's number
    ["siret", "35600000000048", "35600000000049"], // La Poste: digit sum a multiple of 5, not Luhn
    ["siren", "356000000", "123456789"], // La Poste's SIREN, and a Luhn failure
    ["siren", "732829320", "73282932"],
    ["postalCode", "59100", "5910"],
    ["communeInseeCode", "2A004", "2C004"],
    ["communeInseeCode", "97411", "59999"], // well-formed but not in the reference data
    ["email", "contact@asso.example", "contact@asso"],
    ["website", "https://asso.example/", "javascript:alert(1)"],
    ["phone", "+33 3 20 00 00 00", "call me"],
    ["name", "A", " "],
    ["shortName", "x".repeat(100), "x".repeat(101)],
    ["purpose", "x".repeat(5000), "x".repeat(5001)],
    ["staffEtp", 0, -0.5],
    ["staffEtp", 12.25, 1.005],
    ["volunteers", 0, -1],
    ["members", 120, -3],
  ];
  it.each(RULES)("%s: accepts %j, refuses %j with its path", async (field, valid, invalid) => {
    const ok = await mutate(CREATE_ASSOCIATION, newAssociation({ [field]: valid }));
    expect(ok.errors).toEqual([]);
    const refused = await mutate(CREATE_ASSOCIATION, newAssociation({ [field]: invalid }));
    expect(refused.association).toBeNull();
    expect(failures(refused)).toEqual([["INVALID_INPUT", `input.${field}`]]);
  });

  it("checks dates in order, QPV and theme codes against the reference data, and contact people", async () => {
    const refused = await mutate(CREATE_ASSOCIATION, newAssociation({
      createdOn: "2020-05-01", dissolvedOn: "2020-04-30",
      qpvs: [{ qpvCode: "QN05981M", presence: "BASED" }, { qpvCode: "QN99999Z", presence: "ACTIVE" }, { qpvCode: "Q1", presence: "ACTIVE" }],
      themeCodes: ["006000", "999999"],
      contacts: [{ fullName: "Ok", email: "ok@x.example" }, { fullName: "", email: "nope" }],
      location: { latitude: 91, longitude: 3 },
    }));
    expect(failures(refused).sort()).toEqual([
      ["INVALID_INPUT", "input.contacts.1.email"],
      ["INVALID_INPUT", "input.contacts.1.fullName"],
      ["INVALID_INPUT", "input.dissolvedOn"],
      ["INVALID_INPUT", "input.location.latitude"],
      ["INVALID_INPUT", "input.qpvs.1.qpvCode"],
      ["INVALID_INPUT", "input.qpvs.2.qpvCode"],
      ["INVALID_INPUT", "input.themeCodes.1"],
    ]);
    const accepted = await mutate(CREATE_ASSOCIATION, newAssociation({ createdOn: "2020-05-01", dissolvedOn: "2020-05-01", location: { latitude: 50.69, longitude: 3.18 } }));
    expect(accepted.errors).toEqual([]);
  });

  it("checks a project's amounts, years, dates and references", async () => {
    const { data } = await server.post(`{ partners(first: 1) { edges { node { id } } } associations(first: 1) { edges { node { id } } } }`);
    const funder = data.partners.edges[0].node.id;
    const lead = data.associations.edges[0].node.id;
    const refused = await mutate(CREATE_PROJECT, {
      title: "Projet", startDate: "2026-09-01", endDate: "2026-08-31", residentsReached: -5, qpvCodes: ["QN05981M"], stakeNumbers: [5],
      participants: [{ organizationId: lead, role: "LEAD" }, { organizationId: lead, role: "LEAD" }, { organizationId: "nope", role: "PARTNER" }],
      fundings: [{ funderId: funder, amountEur: -1, year: 1989, scheme: "DLA" }, { funderId: funder, amountEur: 10.001, year: 2026, scheme: "FONJEP" }],
    });
    expect(failures(refused).sort()).toEqual([
      ["INVALID_INPUT", "input.endDate"],
      ["INVALID_INPUT", "input.fundings.0.amountEur"],
      ["INVALID_INPUT", "input.fundings.0.year"],
      ["INVALID_INPUT", "input.fundings.1.amountEur"],
      ["INVALID_INPUT", "input.participants.1"],
      ["INVALID_INPUT", "input.participants.2.organizationId"],
      ["INVALID_INPUT", "input.residentsReached"],
      ["INVALID_INPUT", "input.stakeNumbers.0"],
    ]);
  });

  it("checks an event's times, attendance and organisers", async () => {
    const { data } = await server.post(`{ associations(first: 1) { edges { node { id } } } }`);
    const organizer = data.associations.edges[0].node.id;
    const refused = await mutate(CREATE_EVENT, {
      title: "Réunion", kind: "PUBLIC_MEETING", startsAt: "2026-12-01T18:00:00+01:00", endsAt: "2026-12-01T17:00:00+01:00",
      communeInseeCode: "59512", qpvCode: "QN05981X", attendance: { residents: 30, total: 20 }, organizerIds: [],
    });
    expect(failures(refused).sort()).toEqual([
      ["INVALID_INPUT", "input.attendance.total"],
      ["INVALID_INPUT", "input.endsAt"],
      ["INVALID_INPUT", "input.organizerIds"],
      ["INVALID_INPUT", "input.qpvCode.0"],
    ]);
    const accepted = await mutate(CREATE_EVENT, {
      title: "Réunion", kind: "PUBLIC_MEETING", startsAt: "2026-12-01T18:00:00+01:00", endsAt: "2026-12-01T20:00:00+01:00",
      communeInseeCode: "59512", qpvCode: "QN05981M", attendance: { residents: 30, total: 42 }, organizerIds: [organizer],
    });
    expect(accepted.errors).toEqual([]);
    expect(accepted.event).toMatchObject({ attendance: { residents: 30, total: 42 }, organizers: [{ id: organizer }] });
  });
});

const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) {
  project { id title version draft participants { role organization { id } } fundings { amountEur year scheme funder { id } } qpvs { code } } ${ERRORS} } }`;
const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version title status participants { role } } ${ERRORS} } }`;
const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) {
  event { id title draft attendance { residents total } organizers { id } } ${ERRORS} } }`;

describe("projects, memberships, signatures, good practices", () => {
  it("creates a project with its participants and fundings in one transaction, and replaces them on update", async () => {
    const { data } = await server.post(`{ a: associations(first: 2) { edges { node { id } } } p: partners(first: 1) { edges { node { id } } } }`);
    const [lead, partner] = data.a.edges.map((e: any) => e.node.id);
    const funder = data.p.edges[0].node.id;
    const created = await mutate(CREATE_PROJECT, {
      title: "Jardins partagés", qpvCodes: ["QN05981M"], stakeNumbers: [3, 4],
      participants: [{ organizationId: lead, role: "LEAD" }, { organizationId: partner, role: "PARTNER" }, { organizationId: funder, role: "FUNDER" }],
      fundings: [{ funderId: funder, amountEur: 12500.5, year: 2026, scheme: "CONTRAT_DE_VILLE", schemeLabel: "Appel à projets 2026" }],
    });
    expect(created.errors).toEqual([]);
    expect(created.project.participants).toHaveLength(3);
    expect(created.project.fundings).toEqual([{ amountEur: 12500.5, year: 2026, scheme: "CONTRAT_DE_VILLE", funder: { id: funder } }]);
    const updated = await mutate(UPDATE_PROJECT, { id: created.project.id, version: 1, status: "ACTIVE", participants: [{ organizationId: lead, role: "LEAD" }] });
    expect(updated.project).toMatchObject({ version: 2, status: "ACTIVE", participants: [{ role: "LEAD" }] });
  });

  it("manages memberships: one per pair (DUPLICATE_MEMBERSHIP), dates in order", async () => {
    const { data } = await server.post(`{ a: associations(first: 3, filter: { federated: false }) { edges { node { id } } } }`);
    const [network, member] = data.a.edges.map((e: any) => e.node.id);
    const CREATE = `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { membership { id joinedOn network { id } member { id } } ${ERRORS} } }`;
    const created = await mutate(CREATE, { networkId: network, memberId: member, joinedOn: "2025-01-15" });
    expect(created.errors).toEqual([]);
    expect(created.membership).toMatchObject({ joinedOn: "2025-01-15", network: { id: network }, member: { id: member } });
    expect(failures(await mutate(CREATE, { networkId: network, memberId: member }))).toEqual([["DUPLICATE_MEMBERSHIP", "input.memberId"]]);
    expect(failures(await mutate(CREATE, { networkId: network, memberId: network }))).toEqual([["INVALID_INPUT", "input.memberId"]]);
    const UPDATE = `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { leftOn version } ${ERRORS} } }`;
    expect(failures(await mutate(UPDATE, { id: created.membership.id, version: 1, leftOn: "2024-12-31" }))).toEqual([["INVALID_INPUT", "input.leftOn"]]);
    expect((await mutate(UPDATE, { id: created.membership.id, version: 1, leftOn: "2026-06-30" })).membership).toEqual({ leftOn: "2026-06-30", version: 2 });
  });

  it("keeps an association federated exactly while it has a current membership, whatever the change", async () => {
    // Three new associations alone in L'Abergement-de-Varey (01002): two networks and a member.
    const [first, second, member] = await Promise.all([0, 1, 2].map(async () =>
      (await mutate(CREATE_ASSOCIATION, newAssociation({ communeInseeCode: "01002" }))).association.id));
    const federation = async () => {
      const { data, errors } = await server.post(`{
        yes: associations(first: 5, filter: { communeInseeCodes: ["01002"], federated: true }) { totalCount edges { node { id } } }
        no: associations(first: 5, filter: { communeInseeCodes: ["01002"], federated: false }) { totalCount }
        dashboard(scope: { communeInseeCodes: ["01002"] }) { federation { federated nonFederated } } }`);
      expect(errors).toBeUndefined();
      expect(data.dashboard.federation).toEqual({ federated: data.yes.totalCount, nonFederated: data.no.totalCount });
      return data.yes.edges.map((e: any) => e.node.id);
    };
    const CREATE = `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { membership { id version confirmed } ${ERRORS} } }`;
    const UPDATE = `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { version confirmed leftOn } ${ERRORS} } }`;
    const ARCHIVE = `mutation ($input: ArchiveInput!) { archive(input: $input) { record { id } ${ERRORS} } }`;
    const RESTORE = ARCHIVE.replace(/archive\(/, "restore(");
    expect(await federation()).toEqual([]);

    // An invitation by the network's manager counts once the member confirms it.
    const manager = await issuer.manager(first);
    const invited = await mutate(CREATE, { networkId: first, memberId: member }, manager);
    expect(invited.errors).toEqual([]);
    expect(invited.membership.confirmed).toBe(false);
    expect(await federation()).toEqual([]);
    expect((await mutate(UPDATE, { id: invited.membership.id, version: 1, confirmed: true })).membership).toMatchObject({ confirmed: true, version: 2 });
    expect(await federation()).toEqual([member]);

    // A second network; leaving one of two keeps the member federated, leaving both does not.
    const other = await mutate(CREATE, { networkId: second, memberId: member });
    expect(other.errors).toEqual([]);
    expect((await mutate(UPDATE, { id: invited.membership.id, version: 2, leftOn: "2026-06-30" })).errors).toEqual([]);
    expect(await federation()).toEqual([member]);
    expect((await mutate(ARCHIVE, { id: other.membership.id, version: 1 })).errors).toEqual([]);
    expect(await federation()).toEqual([]);
    expect((await mutate(RESTORE, { id: other.membership.id, version: 2 })).errors).toEqual([]);
    expect(await federation()).toEqual([member]);
    // A refused change (stale version) leaves it as it was.
    expect(failures(await mutate(ARCHIVE, { id: other.membership.id, version: 1 }))).toEqual([["VERSION_CONFLICT", "input.version"]]);
    expect(await federation()).toEqual([member]);

    // The kept count equals the memberships' for every organisation of the database.
    const [drift] = await server.app.dataSource.query(`SELECT count(*)::int AS n FROM organization o
      WHERE o.current_networks <> (SELECT count(*) FROM membership m WHERE m.member_id = o.id AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed)`);
    expect(drift.n).toBe(0);
  });

  it("signs the charter once per organisation (ALREADY_SIGNED), never in the future", async () => {
    const organization = (await mutate(CREATE_ASSOCIATION, newAssociation())).association.id;
    const SIGN = `mutation ($input: SignCharterInput!) { signCharter(input: $input) { signature { signedOn signatoryRole organization { id } } ${ERRORS} } }`;
    expect(failures(await mutate(SIGN, { organizationId: organization, signedOn: "2999-01-01" }))).toEqual([["INVALID_INPUT", "input.signedOn"]]);
    const signed = await mutate(SIGN, { organizationId: organization, signedOn: "2026-11-20", signatoryRole: "présidente", communeInseeCode: "59512" });
    expect(signed.signature).toEqual({ signedOn: "2026-11-20", signatoryRole: "présidente", organization: { id: organization } });
    expect(failures(await mutate(SIGN, { organizationId: organization, signedOn: "2026-11-21" }))).toEqual([["ALREADY_SIGNED", "input.organizationId"]]);
  });

  it("creates and updates a good practice", async () => {
    const CREATE = `mutation ($input: CreateGoodPracticeInput!) { createGoodPractice(input: $input) { goodPractice { id title version qpvs { code } } ${ERRORS} } }`;
    expect(failures(await mutate(CREATE, { title: "Sans corps", summary: "Résumé" }))).toEqual([["INVALID_INPUT", "input.body"]]);
    const created = await mutate(CREATE, { title: "Un collectif inter-associatif", summary: "Résumé", body: "Texte.", qpvCodes: ["QN05981M"], stakeNumbers: [4] });
    expect(created.goodPractice).toMatchObject({ title: "Un collectif inter-associatif", version: 1, qpvs: [{ code: "QN05981M" }] });
    const UPDATE = `mutation ($input: UpdateGoodPracticeInput!) { updateGoodPractice(input: $input) { goodPractice { title version } ${ERRORS} } }`;
    expect((await mutate(UPDATE, { id: created.goodPractice.id, version: 1, title: "Un collectif" })).goodPractice).toEqual({ title: "Un collectif", version: 2 });
  });
});

describe("archive and restore", () => {
  it("takes a record out of lists and back, keeping it readable by id", async () => {
    // The only association of L'Abergement-Clémenciat (01001): the demo data has none there.
    const created = (await mutate(CREATE_ASSOCIATION, newAssociation({ communeInseeCode: "01001" }))).association;
    const listed = async () => {
      const { data } = await server.post(`{ associations(first: 5, filter: { communeInseeCodes: ["01001"] }) { totalCount } }`);
      return data.associations.totalCount;
    };
    expect(await listed()).toBe(1);
    const ARCHIVE = `mutation ($input: ArchiveInput!) { archive(input: $input) { record { id ... on Association { archivedAt version } } ${ERRORS} } }`;
    const RESTORE = ARCHIVE.replace(/archive\(/, "restore(");
    const archived = await mutate(ARCHIVE, { id: created.id, version: 1 });
    expect(archived.record.archivedAt).toEqual(expect.any(String));
    expect(await listed()).toBe(0);
    expect((await server.post(`{ node(id: "${created.id}") { id } }`)).data.node).toEqual({ id: created.id });
    expect(failures(await mutate(ARCHIVE, { id: created.id, version: 2 }))).toEqual([["INVALID_INPUT", "input.id"]]);
    const restored = await mutate(RESTORE, { id: created.id, version: 2 });
    expect(restored.record).toEqual({ id: created.id, archivedAt: null, version: 3 });
    expect(await listed()).toBe(1);
  });
});

describe("integrity", () => {
  it("lets exactly one of concurrent updates with the same version win; the others get VERSION_CONFLICT", async () => {
    const created = (await mutate(CREATE_ASSOCIATION, newAssociation())).association;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => mutate(UPDATE_ASSOCIATION, { id: created.id, version: 1, volunteers: i + 1 })),
    );
    const winners = results.filter((r) => r.errors.length === 0);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors[0]?.code === "VERSION_CONFLICT")).toHaveLength(5);
    const { data } = await server.post(`{ node(id: "${created.id}") { ... on Association { version volunteers } } }`);
    const winner = await server.post(`{ node(id: "${created.id}") { ... on Association { version } } }`);
    expect(data.node.version).toBe(2);
    expect(winner.data.node.version).toBe(2);
    const audit = await server.post(`{ auditEntries(first: 10, filter: { recordId: "${created.id}" }) { edges { node { action after } } } }`, {}, admin);
    expect(audit.data.auditEntries.edges.map((e: any) => e.node.action)).toEqual(["UPDATE", "CREATE"]);
    expect(audit.data.auditEntries.edges[0].node.after.volunteers).toBe(data.node.volunteers);
  });

  it("replays an idempotency key: the first result, one effect, even when the replays race", async () => {
    const before = await count("organization");
    const input = newAssociation({ idempotencyKey: "mobile-7f3a" });
    const results = await Promise.all(Array.from({ length: 4 }, () => mutate(CREATE_ASSOCIATION, input)));
    const ids = new Set(results.map((r) => r.association.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.replayed)).toHaveLength(3);
    expect(await count("organization")).toBe(before + 1);
    const again = await mutate(CREATE_ASSOCIATION, input);
    expect(again).toMatchObject({ replayed: true, association: { id: [...ids][0] } });
    expect(await count("organization")).toBe(before + 1);
    const reused = await mutate(CREATE_ASSOCIATION, { ...input, name: "Autre chose" });
    expect(failures(reused)).toEqual([["IDEMPOTENCY_KEY_REUSED", "input.idempotencyKey"]]);
    // Keys belong to their user: another user's same key is a new request.
    const other = await mutate(CREATE_ASSOCIATION, newAssociation({ idempotencyKey: "mobile-7f3a" }), await issuer.admin("other-admin@test"));
    expect(other).toMatchObject({ replayed: false, errors: [] });
  });

  it("leaves nothing behind when a mutation fails half-way", async () => {
    const tables = ["project", "project_participant", "funding", "project_qpv", "audit_entry"];
    const before = await Promise.all(tables.map(count));
    // An officer of Seine-Saint-Denis writes a project, its participants and fundings, which then turn
    // out to lie outside the officer's territory: everything written is rolled back.
    const officer = await issuer.officer(["department:93"]);
    const { data } = await server.post(`{ associations(first: 1, filter: { communeInseeCodes: ["59512"] }) { edges { node { id } } } }`);
    const lead = data.associations.edges[0].node.id;
    const payload = await mutate(CREATE_PROJECT, {
      title: "Hors territoire", qpvCodes: ["QN05981M"], participants: [{ organizationId: lead, role: "LEAD" }],
      fundings: [{ funderId: lead, amountEur: 100, year: 2026, scheme: "OTHER" }],
    }, officer);
    expect(failures(payload)).toEqual([["FORBIDDEN", "input"]]);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});

describe("audit trail", () => {
  it("records who changed what, before and after, append-only", async () => {
    const created = (await mutate(CREATE_ASSOCIATION, newAssociation({ staffEtp: 1 }), await issuer.admin("auditor@test"))).association;
    await mutate(UPDATE_ASSOCIATION, { id: created.id, version: 1, staffEtp: 2.5 }, await issuer.admin("auditor@test"));
    const { data } = await server.post(`{ auditEntries(first: 5, filter: { recordId: "${created.id}", actorSubject: "auditor@test" }) {
      totalCount edges { node { action recordType recordNodeId actorSubject actorRole occurredAt before after changedFields } } } }`, {}, admin);
    const [update, create] = data.auditEntries.edges.map((e: any) => e.node);
    expect(data.auditEntries.totalCount).toBe(2);
    expect(create).toMatchObject({ action: "CREATE", recordType: "Association", recordNodeId: created.id, actorSubject: "auditor@test", actorRole: "ADMIN", before: null });
    expect(update).toMatchObject({ action: "UPDATE", changedFields: ["staff_etp"] });
    expect(update.before.staff_etp).toBe(1);
    expect(create.after.contactCount).toBe(0); // contact people: how many, never who
    expect(update.after.staff_etp).toBe(2.5);
    await expect(server.app.dataSource.query(`UPDATE audit_entry SET actor_subject = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(server.app.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
  });
});

describe("inputs the database would refuse come back typed, never as a 500", () => {
  it("refuses NUL characters, impossible dates, oversized amounts and non-canonical ids", async () => {
    expect(failures(await mutate(CREATE_ASSOCIATION, newAssociation({ purpose: "a\u0000b" })))).toEqual([["INVALID_INPUT", "input.purpose"]]);
    const year0 = await server.post(CREATE_ASSOCIATION, { input: newAssociation({ createdOn: "0000-01-01" }) }, admin);
    expect(year0.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const april31 = await server.post(CREATE_ASSOCIATION, { input: newAssociation({ createdOn: "2026-04-31" }) }, admin);
    expect(april31.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const { data } = await server.post(`{ partners(first: 1) { edges { node { id } } } associations(first: 1) { edges { node { id } } } }`);
    const funder = data.partners.edges[0].node.id;
    const lead = data.associations.edges[0].node.id;
    const funding = (amountEur: number) => ({ title: "Montants", fundings: [{ funderId: funder, amountEur, year: 2026, scheme: "OTHER" }] });
    expect(failures(await mutate(CREATE_PROJECT, funding(1e12)))).toEqual([["INVALID_INPUT", "input.fundings.0.amountEur"]]);
    expect((await mutate(CREATE_PROJECT, funding(999_999_999_999.99))).errors).toEqual([]);
    expect((await mutate(CREATE_PROJECT, funding(1_234_567_890.13))).errors).toEqual([]);
    // One association under its own id and under a partner's id with the same number.
    const key = Buffer.from(lead, "base64url").toString().split(":")[1];
    const twin = Buffer.from(`Partner:${key}`).toString("base64url");
    const twice = await mutate(CREATE_EVENT, {
      title: "Deux fois", kind: "WORKSHOP", startsAt: "2027-01-01T10:00:00+01:00", endsAt: "2027-01-01T11:00:00+01:00",
      communeInseeCode: "59512", organizerIds: [lead, twin],
    });
    expect(failures(twice)).toEqual([["INVALID_INPUT", "input.organizerIds.1"]]);
    // Another base64 spelling of the same bytes is not an id.
    expect(Buffer.from("QXNzb2NpYXRpb246NTR", "base64url").toString()).toBe("Association:54");
    expect((await server.post(`{ node(id: "QXNzb2NpYXRpb246NTQ") { id } }`)).data.node).toEqual({ id: "QXNzb2NpYXRpb246NTQ" });
    const respelt = await server.post(`{ node(id: "QXNzb2NpYXRpb246NTR") { id } }`);
    expect(respelt.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_ID" });
  });

  it("leaves an archived project's fundings and participations out of lists", async () => {
    const { data } = await server.post(`{ partners(first: 1) { edges { node { id } } } }`);
    const funder = data.partners.edges[0].node.id;
    const FUNDINGS = `{ node(id: "${funder}") { ... on Partner { fundingsGiven(first: 100) { totalCount } participations(first: 100) { totalCount } } } }`;
    const created = (await mutate(CREATE_PROJECT, {
      title: "Bientôt archivé", participants: [{ organizationId: funder, role: "FUNDER" }],
      fundings: [{ funderId: funder, amountEur: 10, year: 2026, scheme: "OTHER" }],
    })).project;
    const before = (await server.post(FUNDINGS)).data.node;
    await mutate(`mutation ($input: ArchiveInput!) { archive(input: $input) { ${ERRORS} } }`, { id: created.id, version: 1 });
    const after = (await server.post(FUNDINGS)).data.node;
    expect(after.fundingsGiven.totalCount).toBe(before.fundingsGiven.totalCount - 1);
    expect(after.participations.totalCount).toBe(before.participations.totalCount - 1);
  });
});
