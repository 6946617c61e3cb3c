import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/**
 * A membership binds two parties: every transition of updateMembership, archive and restore, from
 * every state, by every role, against the table "Memberships: who may change what" of
 * docs/writing-and-access.md.
 * After each answer the membership is read back: its state, whether the member counts as federated,
 * and whether the network's manager reads the member's contact people (in force only).
 */
let server: TestServer;
let issuer: TestIssuer;
let admin: string;
const ERRORS = "errors { code message path }";
const MEMBERSHIP = "membership { id version confirmed joinedOn leftOn endedBy archivedBy archivedAt }";
const CREATE = `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { ${MEMBERSHIP} ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { ${MEMBERSHIP} ${ERRORS} } }`;
const ARCHIVE = `mutation ($input: ArchiveInput!) { archive(input: $input) { record { id } ${ERRORS} } }`;
const RESTORE = `mutation ($input: ArchiveInput!) { restore(input: $input) { record { id } ${ERRORS} } }`;

let network: string;
let otherNetwork: string;
const tokens: Record<string, string> = {};

async function mutate(query: string, input: Record<string, unknown>, token?: string): Promise<any> {
  const response = await server.post(query, { input }, token);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data)[0];
}

let sequence = 0;
async function newAssociation(): Promise<string> {
  sequence += 1;
  const payload = await mutate(`mutation ($input: CreateAssociationInput!) { createAssociation(input: $input) { association { id } ${ERRORS} } }`, {
    name: `Consentement ${sequence}`, rna: `W59${String(8100000 + sequence).padStart(7, "0")}`, communeInseeCode: "59512",
    contacts: [{ fullName: "Samia Haddad", email: "samia@example.org" }],
  }, admin);
  expect(payload.errors).toEqual([]);
  return payload.association.id;
}

interface Seen {
  id: string;
  version: number;
  confirmed: boolean;
  joinedOn: string | null;
  leftOn: string | null;
  endedBy: string | null;
  archivedBy: string | null;
  archived: boolean;
  /** The member counts as federated (in force). */
  federated: boolean;
  /** The network's manager reads the member's contact people. */
  managerSeesContacts: boolean;
}

async function read(id: string, member: string): Promise<Seen> {
  const asAdmin = await server.post(`{ node(id: "${id}") { ... on Membership { id version confirmed joinedOn leftOn endedBy archivedBy archivedAt } }
    member: node(id: "${member}") { ... on Association { federated } } }`, {}, admin);
  const asManager = await server.post(`{ node(id: "${member}") { ... on Association { contacts { fullName } } } }`, {}, tokens.network);
  const { archivedAt, ...membership } = asAdmin.data.node;
  return { ...membership, archived: archivedAt !== null, federated: asAdmin.data.member.federated, managerSeesContacts: asManager.data.node.contacts !== null };
}

type State = "INVITATION" | "IN_FORCE" | "ENDED_BY_NETWORK" | "ENDED_BY_MEMBER" | "ENDED_BY_ADMIN" | "ARCHIVED_BY_NETWORK" | "ARCHIVED_BY_MEMBER" | "ARCHIVED_BY_ADMIN";
type Actor = "network" | "member" | "admin" | "otherNetwork" | "otherEditor" | "officer" | "anonymous";
type Action = "confirm" | "end" | "redate" | "reopen" | "setJoined" | "archive" | "restore";

/** A new member, and its membership of the network brought to `state` by the parties themselves. */
async function membershipIn(state: State): Promise<{ id: string; member: string; memberToken: string }> {
  const member = await newAssociation();
  const memberToken = await issuer.editor(member, `editor-${member}@test`);
  const created = await mutate(CREATE, { networkId: network, memberId: member }, tokens.network);
  expect(created.errors).toEqual([]);
  const id = created.membership.id;
  const version = async () => (await read(id, member)).version;
  const step = async (query: string, input: Record<string, unknown>, token: string) => {
    const payload = await mutate(query, { id, version: await version(), ...input }, token);
    expect(payload.errors).toEqual([]);
  };
  if (state === "INVITATION") return { id, member, memberToken };
  await step(UPDATE, { confirmed: true }, memberToken);
  const by: Record<string, string> = { NETWORK: tokens.network, MEMBER: memberToken, ADMIN: admin };
  const [, kind, party] = /^(ENDED|ARCHIVED)_BY_(\w+)$/.exec(state) ?? [];
  if (kind === "ENDED") await step(UPDATE, { leftOn: "2026-12-01" }, by[party]);
  if (kind === "ARCHIVED") await step(ARCHIVE, {}, by[party]);
  return { id, member, memberToken };
}

const INPUTS: Record<Action, Record<string, unknown>> = {
  confirm: { confirmed: true },
  end: { leftOn: "2026-12-01" },
  redate: { leftOn: "2026-11-15" },
  reopen: { leftOn: null },
  setJoined: { joinedOn: "2026-01-01" },
  archive: {},
  restore: {},
};

/** What an answer does: refused with a code, or done with these fields of the membership afterwards. */
type Outcome = { refused: string } | { done: Partial<Seen> };
const IN_FORCE = { confirmed: true, leftOn: null, archived: false, federated: true, managerSeesContacts: true };
const INVITED = { confirmed: false, leftOn: null, archived: false, federated: false, managerSeesContacts: false };
const OUT = { federated: false, managerSeesContacts: false };

/** That table, as cases: [state, action, actor, outcome]. Actors without a party are refused everything (below). */
const CASES: [State, Action, Actor, Outcome][] = [
  // An invitation: the network may change its offer or withdraw it; only the member confirms.
  ["INVITATION", "confirm", "network", { refused: "FORBIDDEN" }],
  ["INVITATION", "confirm", "member", { done: IN_FORCE }],
  ["INVITATION", "setJoined", "network", { done: { ...INVITED, joinedOn: "2026-01-01" } }],
  ["INVITATION", "setJoined", "member", { refused: "FORBIDDEN" }],
  ["INVITATION", "end", "network", { done: { leftOn: "2026-12-01", endedBy: "NETWORK", ...OUT } }],
  ["INVITATION", "end", "member", { done: { leftOn: "2026-12-01", endedBy: "MEMBER", ...OUT } }],
  ["INVITATION", "archive", "network", { done: { archived: true, archivedBy: "NETWORK", ...OUT } }],
  ["INVITATION", "archive", "member", { done: { archived: true, archivedBy: "MEMBER", ...OUT } }],
  ["INVITATION", "restore", "network", { refused: "INVALID_INPUT" }],
  // In force: either party ends or archives it alone; the joining date is agreed.
  ["IN_FORCE", "end", "network", { done: { leftOn: "2026-12-01", endedBy: "NETWORK", ...OUT } }],
  ["IN_FORCE", "end", "member", { done: { leftOn: "2026-12-01", endedBy: "MEMBER", ...OUT } }],
  ["IN_FORCE", "end", "admin", { done: { leftOn: "2026-12-01", endedBy: "ADMIN", ...OUT } }],
  ["IN_FORCE", "setJoined", "network", { refused: "FORBIDDEN" }],
  ["IN_FORCE", "setJoined", "member", { refused: "FORBIDDEN" }],
  ["IN_FORCE", "setJoined", "admin", { done: { ...IN_FORCE, joinedOn: "2026-01-01" } }],
  ["IN_FORCE", "archive", "network", { done: { archived: true, archivedBy: "NETWORK", ...OUT } }],
  ["IN_FORCE", "archive", "member", { done: { archived: true, archivedBy: "MEMBER", ...OUT } }],
  // Ended: the network's reopening is always a new invitation; the member undoes only its own "no", never the network's.
  ["ENDED_BY_NETWORK", "reopen", "network", { done: { ...INVITED, endedBy: null } }],
  ["ENDED_BY_NETWORK", "reopen", "member", { refused: "FORBIDDEN" }],
  ["ENDED_BY_NETWORK", "redate", "network", { done: { leftOn: "2026-11-15", endedBy: "NETWORK", ...OUT } }],
  ["ENDED_BY_NETWORK", "redate", "member", { refused: "FORBIDDEN" }],
  ["ENDED_BY_NETWORK", "setJoined", "network", { refused: "FORBIDDEN" }],
  ["ENDED_BY_MEMBER", "reopen", "member", { done: { ...IN_FORCE, endedBy: null } }],
  ["ENDED_BY_MEMBER", "reopen", "network", { done: { ...INVITED, endedBy: null } }],
  ["ENDED_BY_MEMBER", "redate", "member", { done: { leftOn: "2026-11-15", endedBy: "MEMBER", ...OUT } }],
  ["ENDED_BY_MEMBER", "redate", "network", { refused: "FORBIDDEN" }],
  ["ENDED_BY_ADMIN", "reopen", "network", { done: { ...INVITED, endedBy: null } }],
  ["ENDED_BY_ADMIN", "reopen", "member", { refused: "FORBIDDEN" }],
  ["ENDED_BY_ADMIN", "reopen", "admin", { done: { ...IN_FORCE, endedBy: null } }],
  // Archived: the same rule for restoring; an admin's archiving only an admin undoes; no change while archived.
  ["ARCHIVED_BY_NETWORK", "restore", "network", { done: { ...INVITED, archivedBy: null } }],
  ["ARCHIVED_BY_NETWORK", "restore", "member", { refused: "FORBIDDEN" }],
  ["ARCHIVED_BY_NETWORK", "end", "network", { refused: "INVALID_INPUT" }],
  ["ARCHIVED_BY_MEMBER", "restore", "member", { done: { ...IN_FORCE, archivedBy: null } }],
  ["ARCHIVED_BY_MEMBER", "restore", "network", { done: { ...INVITED, archivedBy: null } }],
  ["ARCHIVED_BY_MEMBER", "reopen", "member", { refused: "INVALID_INPUT" }],
  ["ARCHIVED_BY_ADMIN", "restore", "network", { refused: "FORBIDDEN" }],
  ["ARCHIVED_BY_ADMIN", "restore", "member", { refused: "FORBIDDEN" }],
  ["ARCHIVED_BY_ADMIN", "restore", "admin", { done: { ...IN_FORCE, archivedBy: null } }],
];

/** Those who are not a party: refused whatever the state and action, and nothing changes. */
const STRANGERS: [Actor, string[]][] = [
  ["otherNetwork", ["FORBIDDEN"]],
  ["otherEditor", ["FORBIDDEN"]],
  ["officer", ["FORBIDDEN"]],
  ["anonymous", ["FORBIDDEN"]],
];

async function act(action: Action, actor: Actor, target: { id: string; member: string; memberToken: string }): Promise<any> {
  const token = actor === "member" ? target.memberToken : actor === "admin" ? admin : tokens[actor];
  const query = action === "archive" ? ARCHIVE : action === "restore" ? RESTORE : UPDATE;
  const { version } = await read(target.id, target.member);
  return mutate(query, { id: target.id, version, ...INPUTS[action] }, token);
}

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("membership_consent", issuer.settings);
  admin = await issuer.admin();
  network = await newAssociation();
  otherNetwork = await newAssociation();
  tokens.network = await issuer.manager(network, "manager@test");
  tokens.otherNetwork = await issuer.manager(otherNetwork, "other-manager@test");
  tokens.otherEditor = await issuer.editor(otherNetwork, "other-editor@test");
  tokens.officer = await issuer.officer(["commune:59512"], "officer@test");
});

afterAll(async () => {
  await server?.stop();
});

describe("membership transitions, by party and state", () => {
  it.each(CASES)("%s: %s by %s", async (state, action, actor, outcome) => {
    const target = await membershipIn(state);
    const before = await read(target.id, target.member);
    const payload = await act(action, actor, target);
    const after = await read(target.id, target.member);
    if ("refused" in outcome) {
      expect(payload.errors.map((e: any) => e.code)).toEqual([outcome.refused]);
      expect(payload.errors[0].message).not.toMatch(/internal/i);
      expect(after).toEqual(before);
    } else {
      expect(payload.errors).toEqual([]);
      expect(after).toMatchObject(outcome.done);
      expect(after.version).toBe(before.version + 1);
    }
  });

  it.each(STRANGERS)("%s may change no membership, in any state", async (actor, codes) => {
    for (const state of ["INVITATION", "IN_FORCE", "ENDED_BY_MEMBER", "ARCHIVED_BY_MEMBER"] as State[]) {
      const target = await membershipIn(state);
      const before = await read(target.id, target.member);
      for (const action of Object.keys(INPUTS) as Action[]) {
        const payload = await act(action, actor, target);
        expect({ state, action, codes: payload.errors.map((e: any) => e.code) }).toEqual({ state, action, codes });
      }
      expect(await read(target.id, target.member)).toEqual(before);
    }
  });

  it("the attacks the review found: a network cannot re-enrol a member without it, nor a member undo the network's departure", async () => {
    // The member leaves; its network's manager clears leftOn: an invitation again, not a membership in force.
    const left = await membershipIn("ENDED_BY_MEMBER");
    const reopened = await act("reopen", "network", left);
    expect(reopened.errors).toEqual([]);
    expect(await read(left.id, left.member)).toMatchObject({ confirmed: false, federated: false, managerSeesContacts: false });
    // The member archives; the manager restores: the same.
    const archived = await membershipIn("ARCHIVED_BY_MEMBER");
    expect((await act("restore", "network", archived)).errors).toEqual([]);
    expect(await read(archived.id, archived.member)).toMatchObject({ confirmed: false, federated: false, managerSeesContacts: false });
    // The network ends it; the member's editor cannot clear that leftOn.
    const ended = await membershipIn("ENDED_BY_NETWORK");
    expect((await act("reopen", "member", ended)).errors.map((e: any) => e.code)).toEqual(["FORBIDDEN"]);
    expect(await read(ended.id, ended.member)).toMatchObject({ leftOn: "2026-12-01", federated: false });
  });

  it("no sequence of the network's own steps revives a membership without the member", async () => {
    // The network ends it, the member archives it, the network restores it (still ended), then reopens it.
    const target = await membershipIn("ENDED_BY_NETWORK");
    expect((await act("archive", "member", target)).errors).toEqual([]);
    expect((await act("restore", "network", target)).errors).toEqual([]);
    expect(await read(target.id, target.member)).toMatchObject({ leftOn: "2026-12-01", confirmed: false, federated: false });
    expect((await act("reopen", "network", target)).errors).toEqual([]);
    expect(await read(target.id, target.member)).toMatchObject({ ...INVITED, managerSeesContacts: false });
    // Only the member's confirmation puts it back in force.
    expect((await act("confirm", "member", target)).errors).toEqual([]);
    expect(await read(target.id, target.member)).toMatchObject(IN_FORCE);
  });

  it("a member confirms only a live invitation, and only its own", async () => {
    const declined = await membershipIn("INVITATION");
    expect((await act("end", "member", declined)).errors).toEqual([]);
    const { version } = await read(declined.id, declined.member);
    const confirmAfterDecline = await mutate(UPDATE, { id: declined.id, version, confirmed: true }, declined.memberToken);
    expect(confirmAfterDecline.errors.map((e: any) => e.code)).toEqual(["INVALID_INPUT"]);
    // Another member's editor cannot confirm it.
    const invited = await membershipIn("INVITATION");
    const stranger = await mutate(UPDATE, { id: invited.id, version: 1, confirmed: true }, declined.memberToken);
    expect(stranger.errors.map((e: any) => e.code)).toEqual(["FORBIDDEN"]);
    expect(await read(invited.id, invited.member)).toMatchObject(INVITED);
  });

  it("the kept federation count equals the memberships in force after all of the above", async () => {
    const [drift] = await server.app.dataSource.query(`SELECT count(*)::int AS n FROM organization o
      WHERE o.current_networks <> (SELECT count(*) FROM membership m WHERE m.member_id = o.id AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed)`);
    expect(drift.n).toBe(0);
  });
});
