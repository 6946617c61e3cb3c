import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describeLoad, loadProposalsFromPath } from "../server/proposals/load-proposals";
import { ProposalFileRefused } from "../server/proposals/proposal-file";
import { cloneTemplate } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/**
 * The advocacy paper's proposals (issue 18): written by admins (mutations, and `npm run load:proposals` from
 * a JSON or CSV file), carried forward by projects and good practices, counted on the dashboard's stakes.
 * Their texts are never invented: every title here is a placeholder that says so. The tests build on each
 * other, in order.
 */

const ROOT = path.resolve(__dirname, "..");
let server: TestServer;
let issuer: TestIssuer;
let admin: string;
let tmp: string;

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("proposals", issuer.settings);
  admin = await issuer.admin();
  tmp = path.join(ROOT, ".tmp", `proposals-${process.pid}`);
  fs.mkdirSync(tmp, { recursive: true });
});

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const ERRORS = "errors { code message path } replayed";
const PROPOSAL = "id number stakeNumber title summary version stake { number }";
const CREATE = `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { proposal { ${PROPOSAL} } ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdateProposalInput!) { updateProposal(input: $input) { proposal { ${PROPOSAL} } ${ERRORS} } }`;
const STAKES = `{ stakes { number proposals { number stakeNumber title summary version } } }`;

/** A placeholder title: never a proposal's real wording. */
const placeholder = (n: number) => `Proposition ${n} (intitulé à charger)`;
/** Test data only: which stake each placeholder is put under (the real mapping is the paper's, loaded by an admin). */
const stakeOf = (n: number) => ((n - 1) % 4) + 1;

async function mutate(query: string, input: Record<string, unknown>, token = admin): Promise<any> {
  const response = await server.post(query, { input }, token);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data)[0];
}

const failures = (payload: any) => payload.errors.map((e: any) => [e.code, (e.path ?? []).join(".")]);

async function query(text: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await server.post(text, variables, admin);
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** Every loaded proposal, by number. */
async function loaded(): Promise<any[]> {
  return (await query(STAKES)).stakes.flatMap((s: any) => s.proposals).sort((a: any, b: any) => a.number - b.number);
}

const sql = (text: string, params?: unknown[]) => server.app.dataSource.query(text, params);
const proposalAudit = async () => (await sql(`SELECT count(*)::int AS n FROM audit_entry WHERE record_type = 'Proposal'`))[0].n;

describe("before any is loaded", () => {
  it("the demo data holds no proposal, and the dashboard says so per stake (an empty list)", async () => {
    expect(await loaded()).toEqual([]);
    const data = await query(`{ dashboard(scope: { departmentCodes: ["59"] }) { projects { byStake { stakeNumber proposals { number } } } } }`);
    expect(data.dashboard.projects.byStake).toEqual([1, 2, 3, 4].map((n) => ({ stakeNumber: n, proposals: [] })));
  });
});

describe("createProposal and updateProposal", () => {
  it("are for admins only: anonymous users, officers, managers and editors get FORBIDDEN and nothing is written", async () => {
    const tokens = [undefined, await issuer.officer(["department:59"]), await issuer.manager("QXNzb2NpYXRpb246OQ"), await issuer.editor("QXNzb2NpYXRpb246MzY1")];
    for (const token of tokens) {
      const response = await server.post(CREATE, { input: { number: 1, stakeNumber: 1, title: placeholder(1) } }, token);
      expect(failures(response.data.createProposal)).toEqual([["FORBIDDEN", ""]]);
    }
    expect(await loaded()).toEqual([]);
  });

  it("creates a proposal (trimmed), reads it back under its stake, and audits it", async () => {
    const payload = await mutate(CREATE, { number: 2, stakeNumber: 2, title: `  ${placeholder(2)} `, summary: "Résumé à charger." });
    expect(payload.errors).toEqual([]);
    expect(payload.proposal).toMatchObject({ number: 2, stakeNumber: 2, title: placeholder(2), summary: "Résumé à charger.", version: 1, stake: { number: 2 } });
    expect(await loaded()).toEqual([{ number: 2, stakeNumber: 2, title: placeholder(2), summary: "Résumé à charger.", version: 1 }]);
    const { auditEntries } = await query(`query ($id: ID!) { auditEntries(first: 5, filter: { recordId: $id }) { edges { node { action actorRole after } } } }`,
      { id: payload.proposal.id });
    expect(auditEntries.edges.map((e: any) => [e.node.action, e.node.actorRole, e.node.after.title])).toEqual([["CREATE", "ADMIN", placeholder(2)]]);
  });

  it("lists every problem of an input at once, and refuses a number already loaded", async () => {
    const refused = await mutate(CREATE, { number: 17, stakeNumber: 5, title: " ", summary: "x".repeat(2001) });
    expect(failures(refused).sort()).toEqual([
      ["INVALID_INPUT", "input.number"], ["INVALID_INPUT", "input.stakeNumber"], ["INVALID_INPUT", "input.summary"], ["INVALID_INPUT", "input.title"],
    ]);
    expect(failures(await mutate(CREATE, { title: placeholder(3) })).sort()).toEqual([["INVALID_INPUT", "input.number"], ["INVALID_INPUT", "input.stakeNumber"]]);
    expect(failures(await mutate(CREATE, { number: 0, stakeNumber: 1, title: "x".repeat(501) })).sort())
      .toEqual([["INVALID_INPUT", "input.number"], ["INVALID_INPUT", "input.title"]]);
    expect(failures(await mutate(CREATE, { number: 2, stakeNumber: 1, title: placeholder(2) }))).toEqual([["DUPLICATE_PROPOSAL", "input.number"]]);
    expect((await loaded()).map((p) => p.number)).toEqual([2]);
  });

  it("updates with the version read (VERSION_CONFLICT otherwise), never clears the title, and is never archived", async () => {
    const [current] = await loaded();
    const { id } = (await query(`{ stakes { proposals { id number } } }`)).stakes[1].proposals[0];
    const updated = await mutate(UPDATE, { id, version: 1, summary: null });
    expect(updated.proposal).toMatchObject({ summary: null, version: 2, title: current.title });
    expect(failures(await mutate(UPDATE, { id, version: 1, title: "Autre" }))).toEqual([["VERSION_CONFLICT", "input.version"]]);
    expect(failures(await mutate(UPDATE, { id, version: 2, title: null }))).toEqual([["INVALID_INPUT", "input.title"]]);
    const officer = await issuer.officer(["department:59"]);
    expect(failures(await mutate(UPDATE, { id, version: 2, title: "Autre" }, officer))).toEqual([["FORBIDDEN", "input.id"]]);
    const archived = await mutate(`mutation ($input: ArchiveInput!) { archive(input: $input) { ${ERRORS} } }`, { id, version: 2 });
    expect(failures(archived)).toEqual([["INVALID_INPUT", "input.id"]]);
    expect((await loaded())[0]).toMatchObject({ number: 2, version: 2, summary: null });
  });
});

describe("npm run load:proposals: the loader", () => {
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const sixteen = Array.from({ length: 16 }, (_, i) => ({ number: i + 1, stake: stakeOf(i + 1), title: placeholder(i + 1) }));

  it("loads a JSON file as an upsert by number, reports what changed, and changes nothing when run again", async () => {
    const file = write("proposals.json", JSON.stringify(sixteen, null, 2));
    const first = await loadProposalsFromPath(server.app.dataSource, file, "test:load");
    // Proposal 2 was loaded under stake 2 already, with this title: unchanged.
    expect(first).toEqual({ file: "proposals.json", read: 16, created: [1, ...Array.from({ length: 14 }, (_, i) => i + 3)], updated: [], unchanged: [2] });
    expect(describeLoad(first)).toBe("proposals.json: 16 read; 15 created (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16); 0 updated; 1 unchanged.");
    const audited = await proposalAudit();
    const again = await loadProposalsFromPath(server.app.dataSource, file, "test:load");
    expect(again).toMatchObject({ created: [], updated: [], unchanged: sixteen.map((p) => p.number) });
    expect(await proposalAudit()).toBe(audited);
    const all = await loaded();
    expect(all.map((p) => [p.number, p.stakeNumber, p.title])).toEqual(sixteen.map((p) => [p.number, p.stake, p.title]));
    const [entry] = await sql(`SELECT actor_subject, actor_role FROM audit_entry WHERE record_type = 'Proposal' AND action = 'CREATE' ORDER BY id DESC LIMIT 1`);
    expect(entry).toEqual({ actor_subject: "test:load", actor_role: "ADMIN" });
  });

  it("loads a CSV file (`;`, quotes, a line break in a summary, Windows-1252), updating only what differs", async () => {
    const text = "number;stake;title;summary\r\n3;3;Proposition 3 (intitulé à charger);\"Résumé à charger;\r\nsur deux lignes\"\r\n" +
      "4;4;Proposition 4 (intitulé à charger);\r\n\r\n5;1;\"Proposition 5 (intitulé \"\"à charger\"\")\";\r\n";
    const file = path.join(tmp, "proposals.csv");
    fs.writeFileSync(file, Buffer.from(text, "latin1"));
    const report = await loadProposalsFromPath(server.app.dataSource, file, "test:load");
    expect(report).toEqual({ file: "proposals.csv", read: 3, created: [], updated: [{ number: 3, fields: ["summary"] }, { number: 5, fields: ["title"] }], unchanged: [4] });
    const all = await loaded();
    expect(all[2]).toMatchObject({ number: 3, summary: "Résumé à charger;\nsur deux lignes", version: 2 });
    expect(all[4]).toMatchObject({ number: 5, stakeNumber: 1, title: 'Proposition 5 (intitulé "à charger")', version: 2 });
    expect((await loadProposalsFromPath(server.app.dataSource, file, "test:load"))).toMatchObject({ created: [], updated: [], unchanged: [3, 4, 5] });
  });

  it("refuses a whole file on any invalid row, listing every problem, and writes nothing", async () => {
    const before = await loaded();
    const audited = await proposalAudit();
    const csv = write("bad.csv", "number,stake,title,summary\n6,5,Proposition 6 (intitulé à charger),\n7,2,,\nseven,1,Proposition 7,\n" +
      `8,4,${"x".repeat(501)},\n9,2,Proposition 9 (intitulé à charger),\n9,2,Proposition 9 (intitulé à charger),\n1,1,Nouveau titre 1,\n`);
    const refused = await loadProposalsFromPath(server.app.dataSource, csv, "test:load").catch((e) => e);
    expect(refused).toBeInstanceOf(ProposalFileRefused);
    expect(refused.problems).toEqual([
      "line 2: stake must be between 1 and 4 (got 5).",
      "line 3: title is required.",
      'line 4: number must be a whole number (got "seven").',
      "line 5: title must be at most 500 characters (got 501).",
      "line 7: proposal 9 is given twice (first at line 6).",
    ]);
    expect(refused.message).toContain("bad.csv: refused, nothing written (5 problems):");
    const json = write("bad.json", JSON.stringify([{ number: 2.5, stake: 1, title: 3 }, { numero: 1, stake: 1, title: "x" }, "x"]));
    expect((await loadProposalsFromPath(server.app.dataSource, json, "test:load").catch((e) => e)).problems).toEqual([
      'item 2: unknown field "numero" (expected number, stake, title, summary).',
      "item 3: must be an object with number, stake, title and optionally summary.",
      "item 1: number must be a whole number (got 2.5).",
      "item 1: title must be text (got 3).",
      "item 2: number is required.",
    ]);
    for (const [name, text, problem] of [
      ["header.csv", "numero;enjeu;title\n1;1;x\n", 'line 1: unknown column "numero" (expected number, stake, title, summary).'],
      ["empty.json", "[]", "the file holds no proposal."],
      ["broken.json", "[{", "not valid JSON"],
      ["proposals.txt", "", "the file name must end in .json or .csv."],
    ]) {
      const error = await loadProposalsFromPath(server.app.dataSource, write(name, text), "test:load").catch((e) => e);
      expect(error).toBeInstanceOf(ProposalFileRefused);
      expect(error.problems[0]).toContain(problem);
    }
    expect(await loaded()).toEqual(before);
    expect(await proposalAudit()).toBe(audited);
  });

  it("runs as a command: loads and reports, refuses an invalid file (exit 1, every problem on stderr)", async () => {
    const database = await cloneTemplate("proposals-command");
    const env: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { MAILLAGE_DATA_DIR: database.dataDir };
    const command = (file: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/commands/load-proposals.ts", file], {
        cwd: ROOT, env: { ...process.env, NODE_OPTIONS: "", ...env }, stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.once("exit", (code) => resolve({ code, stdout, stderr }));
    });
    try {
      const file = write("command.json", JSON.stringify(sixteen.slice(0, 3)));
      const bad = write("command-bad.csv", "number,stake,title\n1,9,x\n2,1,\n");
      const [loadedNow, refused] = [await command(file), await command(bad)];
      expect(loadedNow).toMatchObject({ code: 0, stdout: "command.json: 3 read; 3 created (1, 2, 3); 0 updated; 0 unchanged.\n" });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe("command-bad.csv: refused, nothing written (2 problems):\n  line 2: stake must be between 1 and 4 (got 9).\n  line 3: title is required.\n");
    } finally {
      await database.drop();
    }
  });
});

const PROJECT = `id version stakes { number } proposals { number }`;
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { ${PROJECT} } ${ERRORS} } }`;
const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { project { ${PROJECT} } ${ERRORS} } }`;
const CREATE_PRACTICE = `mutation ($input: CreateGoodPracticeInput!) { createGoodPractice(input: $input) { goodPractice { ${PROJECT} } ${ERRORS} } }`;
const UPDATE_PRACTICE = `mutation ($input: UpdateGoodPracticeInput!) { updateGoodPractice(input: $input) { goodPractice { ${PROJECT} } ${ERRORS} } }`;
const numbers = (list: { number: number }[]) => list.map((x) => x.number);

describe("projects and good practices carry proposals forward", () => {
  it("checks proposalNumbers against the loaded proposals, and adds each proposal's stake to the stakes", async () => {
    const refused = await mutate(CREATE_PROJECT, { title: "Projet test", qpvCodes: ["QN05981M"], proposalNumbers: [1, 1, 0] });
    expect(failures(refused).sort()).toEqual([["INVALID_INPUT", "input.proposalNumbers.1"], ["INVALID_INPUT", "input.proposalNumbers.2"]]);
    // Proposal 6 is under stake 2 (test data), proposal 3 under stake 3.
    const created = await mutate(CREATE_PROJECT, { title: "Projet test", qpvCodes: ["QN05981M"], stakeNumbers: [4], proposalNumbers: [6, 3] });
    expect(created.errors).toEqual([]);
    expect(numbers(created.project.proposals)).toEqual([3, 6]);
    expect(numbers(created.project.stakes)).toEqual([2, 3, 4]);
    // Stakes given without a proposal's stake keep it; proposals given alone keep the stakes given before.
    const kept = await mutate(UPDATE_PROJECT, { id: created.project.id, version: 1, stakeNumbers: [1] });
    expect(numbers(kept.project.stakes)).toEqual([1, 2, 3]);
    const cleared = await mutate(UPDATE_PROJECT, { id: created.project.id, version: 2, proposalNumbers: null });
    expect(cleared.project).toMatchObject({ proposals: [], version: 3 });
    expect(numbers(cleared.project.stakes)).toEqual([1, 2, 3]);
    const { after } = (await sql(`SELECT after FROM audit_entry WHERE record_type = 'CooperationProject' AND record_id = $1 ORDER BY id LIMIT 1`,
      [Number(Buffer.from(created.project.id, "base64url").toString().split(":")[1])]))[0];
    expect(after.proposals).toEqual([{ number: 3 }, { number: 6 }]);

    const practice = await mutate(CREATE_PRACTICE, { title: "Pratique test", summary: "Résumé", body: "Texte.", stakeNumbers: [1], proposalNumbers: [8] });
    expect(practice.errors).toEqual([]);
    expect(numbers(practice.goodPractice.proposals)).toEqual([8]);
    expect(numbers(practice.goodPractice.stakes)).toEqual([1, 4]);
    const unknown = await mutate(UPDATE_PRACTICE, { id: practice.goodPractice.id, version: 1, proposalNumbers: [17] });
    expect(failures(unknown)).toEqual([["INVALID_INPUT", "input.proposalNumbers.0"]]);
  });

  it("refuses to move a proposal to a stake that a project or good practice carrying it does not address", async () => {
    const { id: practiceId } = (await query(`{ goodPractices(first: 1, filter: { proposalNumbers: [8] }) { edges { node { id } } } }`)).goodPractices.edges[0].node;
    const eight = (await query(`{ stakes { proposals { id number version } } }`)).stakes.flatMap((s: any) => s.proposals).find((p: any) => p.number === 8);
    const moved = await mutate(UPDATE, { id: eight.id, version: eight.version, stakeNumber: 2 });
    expect(failures(moved)).toEqual([["INVALID_INPUT", "input.stakeNumber"]]);
    expect(moved.errors[0].message).toContain("1 good practice carrying it forward");
    // Once the good practice addresses stake 2 too, the move is allowed.
    expect((await mutate(UPDATE_PRACTICE, { id: practiceId, version: 1, stakeNumbers: [1, 2] })).goodPractice.stakes).toEqual([{ number: 1 }, { number: 2 }, { number: 4 }]);
    expect((await mutate(UPDATE, { id: eight.id, version: eight.version, stakeNumber: 2 })).proposal).toMatchObject({ stakeNumber: 2 });
    expect((await mutate(UPDATE, { id: eight.id, version: eight.version + 1, stakeNumber: 4 })).errors).toEqual([]);
  });
});

describe("reading, filtering and counting", () => {
  let network: { id: string; members: string[] };

  beforeAll(async () => {
    // Carry proposals forward in demo projects and good practices of the Nord, so that the figures count something.
    const { projects, goodPractices } = await query(`{
      projects(first: 12, filter: { departmentCodes: ["59"] }) { edges { node { id version } } }
      goodPractices(first: 6) { edges { node { id version } } } }`);
    for (const [i, { node }] of projects.edges.entries()) {
      expect((await mutate(UPDATE_PROJECT, { id: node.id, version: node.version, proposalNumbers: [1 + (i % 3), 9] })).errors).toEqual([]);
    }
    for (const [i, { node }] of goodPractices.edges.entries()) {
      expect((await mutate(UPDATE_PRACTICE, { id: node.id, version: node.version, proposalNumbers: [1 + (i % 2)] })).errors).toEqual([]);
    }
    // A draft counts nowhere public: neither in the dashboard nor in the anonymous lists it is checked against.
    expect((await mutate(CREATE_PROJECT, { title: "Projet brouillon", draft: true, qpvCodes: ["QN05981M"], proposalNumbers: [1] })).errors).toEqual([]);
    const { associations } = await query(`{ associations(first: 10, filter: { groupings: [FEDERATION] }) {
      edges { node { id networkMembers(first: 100) { edges { node { confirmed leftOn member { id } } } } } } } }`);
    const head = associations.edges.map((e: any) => e.node).find((n: any) => n.networkMembers.edges.length > 0);
    network = { id: head.id, members: head.networkMembers.edges.filter((e: any) => e.node.confirmed && !e.node.leftOn).map((e: any) => e.node.member.id) };
  });

  it("filters projects and good practices by proposal, as Proposal.projects and Proposal.goodPractices list them", async () => {
    const data = await query(`{
      stakes { proposals { number projects(first: 1) { totalCount } goodPractices(first: 1) { totalCount } } }
      p1: projects(first: 1, filter: { proposalNumbers: [1] }) { totalCount }
      p9: projects(first: 1, filter: { proposalNumbers: [9] }) { totalCount }
      p1or2: projects(first: 1, filter: { proposalNumbers: [1, 2] }) { totalCount }
      g1: goodPractices(first: 1, filter: { proposalNumbers: [1] }) { totalCount }
      g2: goodPractices(first: 1, filter: { proposalNumbers: [2] }) { totalCount }
      g16: goodPractices(first: 1, filter: { proposalNumbers: [16] }) { totalCount } }`);
    const byNumber = new Map(data.stakes.flatMap((s: any) => s.proposals).map((p: any) => [p.number, p]));
    const of = (n: number) => byNumber.get(n) as any;
    expect(data.p9.totalCount).toBe(12);
    expect(data.p1.totalCount).toBe(of(1).projects.totalCount);
    expect(data.p1or2.totalCount).toBe(of(1).projects.totalCount + of(2).projects.totalCount);
    expect(data.g1.totalCount).toBe(3);
    expect(data.g1.totalCount).toBe(of(1).goodPractices.totalCount);
    expect(data.g2.totalCount).toBe(of(2).goodPractices.totalCount);
    expect(data.g16.totalCount).toBe(0);
    const bad = await server.post(`{ projects(first: 1, filter: { proposalNumbers: [17] }) { totalCount } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "OUT_OF_RANGE", argument: "filter.proposalNumbers" });
  });

  it("gives, per stake, its proposals with counts equal to the lists' totalCount (territory and network scopes)", async () => {
    const FIGURES = `projects { byStake { stakeNumber proposals { number title projects goodPractices } } }`;
    const scopes: { scope: object; period: object | null; projects: object; goodPractices: object }[] = [
      { scope: { departmentCodes: ["59"] }, period: null, projects: { departmentCodes: ["59"] }, goodPractices: { departmentCodes: ["59"] } },
      { scope: { departmentCodes: ["59"] }, period: { from: "2025-01-01", to: "2025-12-31" },
        projects: { departmentCodes: ["59"], activeFrom: "2025-01-01", activeTo: "2025-12-31" }, goodPractices: { departmentCodes: ["59"] } },
      { scope: { networkId: network.id }, period: null, projects: { participantIds: [network.id, ...network.members] },
        goodPractices: { organizationIds: [network.id, ...network.members] } },
    ];
    let counted = 0;
    for (const s of scopes) {
      const { dashboard } = await query(`query ($scope: DashboardScope!, $period: DashboardPeriod) { dashboard(scope: $scope, period: $period) { ${FIGURES} } }`,
        { scope: s.scope, period: s.period });
      const all = dashboard.projects.byStake.flatMap((stake: any) => stake.proposals.map((p: any) => ({ ...p, stake: stake.stakeNumber })));
      expect(all.map((p: any) => [p.number, p.stake, p.title]).sort((a: number[], b: number[]) => a[0] - b[0])).toEqual((await loaded()).map((p) => [p.number, p.stakeNumber, p.title]));
      const fields = all.map((p: any, i: number) => `
        p${i}: projects(first: 1, filter: { ${filterText(s.projects)}, proposalNumbers: [${p.number}] }) { totalCount }
        g${i}: goodPractices(first: 1, filter: { ${filterText(s.goodPractices)}, proposalNumbers: [${p.number}] }) { totalCount }`).join("");
      // Anonymously, as the dashboard counts the public graph.
      const { data: lists, errors } = await server.post(`{ ${fields} }`);
      expect(errors).toBeUndefined();
      expect(all.map((p: any) => [p.number, p.projects, p.goodPractices]))
        .toEqual(all.map((p: any, i: number) => [p.number, lists[`p${i}`].totalCount, lists[`g${i}`].totalCount]));
      counted += all.reduce((n: number, p: any) => n + p.projects + p.goodPractices, 0);
    }
    expect(counted).toBeGreaterThan(0);
  });

  it("reads proposals of projects and good practices without N+1: the same statements for 5 and 50 parents", async () => {
    const NESTED = `query ($first: Int!) {
      projects(first: $first) { edges { node { title proposals { number title stake { number }
        projects(first: 2) { totalCount edges { node { id } } } goodPractices(first: 2) { totalCount } } } } }
      goodPractices(first: $first) { edges { node { title proposals { number } } } } }`;
    const small = await server.post(NESTED, { first: 5 });
    const large = await server.post(NESTED, { first: 50 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data.projects.edges).toHaveLength(50);
    expect(large.data.projects.edges.some((e: any) => e.node.proposals.length > 0)).toBe(true);
    // The compiled read path answers it in one statement (server/queries/compiled).
    for (const answer of [small, large]) expect(answer.extensions!.diagnostics).toMatchObject({ sqlStatements: 1, compiled: true });
    // On graphql-js's path (a directive keeps an operation there): projects, their proposals with their stakes
    // (read with them), projects and good practices; good practices, their proposals.
    const executed = NESTED.replace("proposals { number title", "proposals @include(if: true) { number title");
    const [smallExecuted, largeExecuted] = [await server.post(executed, { first: 5 }), await server.post(executed, { first: 50 })];
    expect(largeExecuted.data).toEqual(large.data);
    expect(largeExecuted.extensions!.diagnostics).toMatchObject({ compiled: false });
    expect(largeExecuted.extensions!.diagnostics!.sqlStatements).toBe(smallExecuted.extensions!.diagnostics!.sqlStatements);
    expect(smallExecuted.extensions!.diagnostics!.sqlStatements).toBe(6);
  });
});

/** A filter object as GraphQL input text (its values are strings, numbers or lists of them). */
function filterText(filter: object): string {
  return Object.entries(filter).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
}
