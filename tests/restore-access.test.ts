import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/**
 * Who may restore what, for every kind of archivable record (memberships: membership-consent.test.ts):
 * those who may write a record archive it and restore what they archived; what an admin archived
 * (a moderation decision) only an admin restores; anyone else is refused and nothing changes.
 */
let server: TestServer;
let issuer: TestIssuer;
let admin: string;
const tokens: Record<string, string> = {};
const ERRORS = "errors { code message path }";
const ARCHIVE = `mutation ($input: ArchiveInput!) { archive(input: $input) { record { id } ${ERRORS} } }`;
const RESTORE = `mutation ($input: ArchiveInput!) { restore(input: $input) { record { id } ${ERRORS} } }`;

async function mutate(query: string, input: Record<string, unknown>, token?: string): Promise<any> {
  const response = await server.post(query, { input }, token);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data)[0];
}

async function state(id: string): Promise<{ version: number; archived: boolean }> {
  const { data } = await server.post(`{ node(id: "${id}") { ... on Association { version archivedAt } ... on Partner { version archivedAt }
    ... on CooperationProject { version archivedAt } ... on ParticipationEvent { version archivedAt }
    ... on CharterSignature { version archivedAt } ... on GoodPractice { version archivedAt } } }`, {}, admin);
  return { version: data.node.version, archived: data.node.archivedAt !== null };
}

async function setArchived(id: string, archived: boolean, token: string): Promise<string[]> {
  const payload = await mutate(archived ? ARCHIVE : RESTORE, { id, version: (await state(id)).version }, token);
  return payload.errors.map((e: any) => e.code);
}

let association: string;
let sequence = 0;

/** Each kind: how an admin creates one, who writes it (archives and restores its own archiving), and who may not. */
const KINDS: { kind: string; create: () => Promise<string>; writer: string | null; strangers: string[] }[] = [
  {
    kind: "association",
    create: async () => {
      sequence += 1;
      const payload = await mutate(`mutation ($input: CreateAssociationInput!) { createAssociation(input: $input) { association { id } ${ERRORS} } }`,
        { name: `Restauration ${sequence}`, rna: `W59${String(8200000 + sequence).padStart(7, "0")}`, communeInseeCode: "59512" }, admin);
      return payload.association.id;
    },
    writer: null, // only admins archive and restore associations
    strangers: ["editor", "officer", "manager"],
  },
  {
    kind: "partner",
    create: async () => (await mutate(`mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } ${ERRORS} } }`,
      { name: `Bailleur ${++sequence}`, partnerType: "SOCIAL_LANDLORD", communeInseeCode: "59512" }, admin)).partner.id,
    writer: "officer",
    strangers: ["otherOfficer", "editor", "manager"],
  },
  {
    kind: "project",
    create: async () => (await mutate(`mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id } ${ERRORS} } }`,
      { title: `Projet ${++sequence}`, qpvCodes: ["QN05981M"], participants: [{ organizationId: association, role: "LEAD" }] }, admin)).project.id,
    writer: "officer",
    strangers: ["otherOfficer", "editor", "manager"],
  },
  {
    kind: "event",
    create: async () => (await mutate(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } ${ERRORS} } }`,
      { title: `Atelier ${++sequence}`, kind: "WORKSHOP", startsAt: "2027-02-10T14:00:00+01:00", endsAt: "2027-02-10T16:00:00+01:00",
        communeInseeCode: "59512", organizerIds: [association] }, admin)).event.id,
    writer: "editor",
    strangers: ["otherOfficer", "otherEditor", "manager"],
  },
  {
    kind: "charter signature",
    // One signature per organisation: each case signs for a new association, whose editor is the writer.
    create: async () => {
      const signatory = await KINDS[0].create();
      tokens.signatoryEditor = await issuer.editor(signatory, `signatory-${signatory}@test`);
      return (await mutate(`mutation ($input: SignCharterInput!) { signCharter(input: $input) { signature { id } ${ERRORS} } }`,
        { organizationId: signatory, signedOn: "2026-11-20" }, admin)).signature.id;
    },
    writer: "signatoryEditor",
    strangers: ["officer", "otherEditor", "manager"],
  },
  {
    kind: "good practice",
    create: async () => (await mutate(`mutation ($input: CreateGoodPracticeInput!) { createGoodPractice(input: $input) { goodPractice { id } ${ERRORS} } }`,
      { title: `Pratique ${++sequence}`, summary: "Une coopération exemplaire.", body: "Récit de la coopération." }, admin)).goodPractice.id,
    writer: null, // admins only
    strangers: ["editor", "officer", "manager"],
  },
];

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("restore_access", issuer.settings);
  admin = await issuer.admin();
  sequence = 0;
  association = await KINDS[0].create();
  const other = await KINDS[0].create();
  tokens.officer = await issuer.officer(["commune:59512"], "officer@test");
  tokens.otherOfficer = await issuer.officer(["commune:93066"], "other-officer@test");
  tokens.editor = await issuer.editor(association, "editor@test");
  tokens.otherEditor = await issuer.editor(other, "other-editor@test");
  tokens.manager = await issuer.manager(other, "manager@test");
});

afterAll(async () => {
  await server?.stop();
});

describe.each(KINDS)("restoring a $kind", ({ create, writer, strangers }) => {
  it("its writer restores what it archived; an admin's archiving only an admin undoes", async () => {
    const id = await create();
    if (writer) {
      expect(await setArchived(id, true, tokens[writer])).toEqual([]);
      expect(await setArchived(id, false, tokens[writer])).toEqual([]);
      expect(await state(id)).toMatchObject({ archived: false });
    }
    expect(await setArchived(id, true, admin)).toEqual([]);
    if (writer) {
      const before = await state(id);
      expect(await setArchived(id, false, tokens[writer])).toEqual(["FORBIDDEN"]);
      expect(await state(id)).toEqual(before);
    }
    expect(await setArchived(id, false, admin)).toEqual([]);
    expect(await state(id)).toMatchObject({ archived: false });
  });

  it("anyone else may neither archive nor restore it", async () => {
    const id = await create();
    for (const stranger of [...strangers, "anonymous"]) {
      const token = stranger === "anonymous" ? undefined : tokens[stranger];
      expect({ stranger, codes: await setArchived(id, true, token as string) }).toEqual({ stranger, codes: ["FORBIDDEN"] });
    }
    expect(await setArchived(id, true, admin)).toEqual([]);
    const before = await state(id);
    for (const stranger of [...strangers, "anonymous"]) {
      const token = stranger === "anonymous" ? undefined : tokens[stranger];
      expect({ stranger, codes: await setArchived(id, false, token as string) }).toEqual({ stranger, codes: ["FORBIDDEN"] });
    }
    expect(await state(id)).toEqual(before);
  });
});
