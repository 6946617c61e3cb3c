import { Client } from "pg";
import { aggregateDifferences } from "../server/database/dashboard-aggregates";
import { databaseUrl, SERVER_URL } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer, TestIssuer } from "./support/tokens";

/*
 * The dashboard aggregates kept by the writes (docs/aggregates.md): after each kind of write the figures
 * move by exactly what was written and still equal the lists' totalCount, the recount finds no
 * difference, and two transactions writing to the same counters at once leave them exact (PostgreSQL).
 */

let server: TestServer;
let issuer: TestIssuer;
let admin: string;

beforeAll(async () => {
  issuer = await testIssuer();
  server = await startTestServer("dashboard-aggregates", issuer.settings);
  admin = await issuer.admin();
});

afterAll(async () => {
  await server?.stop();
});

const ERRORS = "errors { code message path }";
const STATUSES = ["PROPOSED", "ACTIVE", "COMPLETED", "ABANDONED"];

async function mutate(query: string, input: Record<string, unknown>): Promise<any> {
  const response = await server.post(query, { input }, admin);
  expect(response.errors).toBeUndefined();
  const payload: any = Object.values(response.data)[0];
  expect(payload.errors).toEqual([]);
  return payload;
}

const sql = (text: string, parameters: unknown[] = []) => server.app.dataSource.query(text, parameters);

interface Figures {
  associations: number; none: number; small: number; employer: number; federated: number; nonFederated: number; nonFederatedSmall: number;
  projects: number; residents: number; statuses: Record<string, number>; stakes: Record<number, number>; events: number;
  fundings: number; fundedEur: number;
}

/** The dashboard's figures for a scope, flattened. */
async function figures(scope: Record<string, unknown>, period?: { from: string; to: string }): Promise<Figures> {
  const { data, errors } = await server.post(`query ($scope: DashboardScope!, $period: DashboardPeriod) { dashboard(scope: $scope, period: $period) {
    employerSizes { total none smallEmployer employer } federation { federated nonFederated nonFederatedSmallEmployers }
    projects { total residentsReached byStatus { status count } byStake { stakeNumber count } }
    participation { events } funding { amountEur count } } }`, { scope, period });
  expect(errors).toBeUndefined();
  const d = data.dashboard;
  return {
    associations: d.employerSizes.total, none: d.employerSizes.none, small: d.employerSizes.smallEmployer, employer: d.employerSizes.employer,
    federated: d.federation.federated, nonFederated: d.federation.nonFederated, nonFederatedSmall: d.federation.nonFederatedSmallEmployers,
    projects: d.projects.total, residents: d.projects.residentsReached,
    statuses: Object.fromEntries(d.projects.byStatus.map((s: any) => [s.status, s.count])),
    stakes: Object.fromEntries(d.projects.byStake.map((s: any) => [s.stakeNumber, s.count])),
    events: d.participation.events, fundings: d.funding.count, fundedEur: d.funding.amountEur,
  };
}

/** The lists' totalCount for a territory filter: what the figures must equal. */
async function listCounts(filter: Record<string, unknown>) {
  const { data, errors } = await server.post(`query ($filter: ProjectFilter!, $associations: AssociationFilter!) {
    associations(first: 1, filter: $associations) { totalCount } projects(first: 1, filter: $filter) { totalCount } }`, { filter, associations: filter });
  expect(errors).toBeUndefined();
  const statuses: Record<string, number> = {};
  for (const status of STATUSES) {
    const r = await server.post(`query ($filter: ProjectFilter!) { projects(first: 1, filter: $filter) { totalCount } }`, { filter: { ...filter, statuses: [status] } });
    statuses[status] = r.data.projects.totalCount;
  }
  return { associations: data.associations.totalCount, projects: data.projects.totalCount, statuses };
}

async function expectEqualsLists(filter: Record<string, unknown>): Promise<Figures> {
  const [got, lists] = await Promise.all([figures(filter), listCounts(filter)]);
  expect({ associations: got.associations, projects: got.projects, statuses: got.statuses }).toEqual(lists);
  return got;
}

/** `after` minus `before`, keeping only what moved. */
function moved(before: Figures, after: Figures): Record<string, number> {
  const out: Record<string, number> = {};
  const flat = (f: Figures) => ({
    ...f, statuses: undefined, stakes: undefined,
    ...Object.fromEntries(Object.entries(f.statuses).map(([k, v]) => [`status:${k}`, v])),
    ...Object.fromEntries(Object.entries(f.stakes).map(([k, v]) => [`stake:${k}`, v])),
  });
  const a = flat(after) as Record<string, unknown>, b = flat(before) as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (typeof a[key] === "number" && a[key] !== b[key]) out[key] = (a[key] as number) - (b[key] as number);
  }
  return out;
}

const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { project { id version } ${ERRORS} } }`;
const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version } ${ERRORS} } }`;
const ARCHIVE = `mutation ($input: ArchiveInput!) { archive(input: $input) { record { id } ${ERRORS} } }`;
const RESTORE = ARCHIVE.replace("archive(", "restore(");

/** A commune with at least two QPVs, two of them, and its département. */
async function communeWithTwoQpvs(): Promise<{ commune: string; department: string; qpvs: [string, string] }> {
  const [row] = await sql(`SELECT qc.commune_insee_code AS commune, c.department_code AS department,
      (array_agg(qc.qpv_code ORDER BY qc.qpv_code))[1:2] AS qpvs
    FROM qpv_commune qc JOIN commune c ON c.insee_code = qc.commune_insee_code
    WHERE qc.qpv_code IN (SELECT qpv_code FROM qpv_commune GROUP BY 1 HAVING count(*) = 1)
    GROUP BY 1, 2 HAVING count(*) >= 2 ORDER BY count(*) DESC, 1 LIMIT 1`);
  return row;
}

describe("figures follow the writes exactly", () => {
  it("counts a project in two QPVs of one commune once for the commune, once for each QPV; archive, restore and status move it", async () => {
    const place = await communeWithTwoQpvs();
    const scopes = {
      commune: { communeInseeCodes: [place.commune] }, department: { departmentCodes: [place.department] },
      qpv1: { qpvCodes: [place.qpvs[0]] }, qpv2: { qpvCodes: [place.qpvs[1]] },
    };
    const before: Record<string, Figures> = {};
    for (const [name, scope] of Object.entries(scopes)) before[name] = await expectEqualsLists(scope);
    const year2024 = { from: "2024-01-01", to: "2024-12-31" };
    const before2024 = await figures(scopes.department, year2024);

    const { data } = await server.post(`{ partners(first: 1) { edges { node { id } } } }`);
    const funderId = data.partners.edges[0].node.id;
    const created = (await mutate(CREATE_PROJECT, {
      title: "Deux quartiers, une commune", status: "ACTIVE", qpvCodes: place.qpvs, stakeNumbers: [2], residentsReached: 40,
      fundings: [{ funderId, amountEur: 1234.56, year: 2024, scheme: "FONJEP" }, { funderId, amountEur: 100, year: 2025, scheme: "DLA" }],
    })).project;
    for (const [name, scope] of Object.entries(scopes)) {
      expect(moved(before[name], await expectEqualsLists(scope)))
        .toEqual({ projects: 1, residents: 40, "status:ACTIVE": 1, "stake:2": 1, fundings: 2, fundedEur: expect.closeTo(1334.56, 6) });
    }
    // Fundings of the period's years only (the project runs in no period here: it has no dates, so it counts in every one).
    expect(moved(before2024, await figures(scopes.department, year2024)))
      .toEqual({ projects: 1, residents: 40, "status:ACTIVE": 1, "stake:2": 1, fundings: 1, fundedEur: expect.closeTo(1234.56, 6) });

    const updated = (await mutate(UPDATE_PROJECT, { id: created.id, version: created.version, status: "COMPLETED", residentsReached: 45 })).project;
    const completed = { projects: 1, residents: 45, "status:COMPLETED": 1, "stake:2": 1, fundings: 2, fundedEur: expect.closeTo(1334.56, 6) };
    expect(moved(before.commune, await expectEqualsLists(scopes.commune))).toEqual(completed);

    await mutate(ARCHIVE, { id: created.id, version: updated.version });
    for (const [name, scope] of Object.entries(scopes)) expect(moved(before[name], await expectEqualsLists(scope))).toEqual({});

    await mutate(RESTORE, { id: created.id, version: updated.version + 1 });
    expect(moved(before.department, await expectEqualsLists(scopes.department))).toEqual(completed);

    // A draft counts nowhere in the public figures.
    await mutate(CREATE_PROJECT, { title: "Brouillon", status: "ACTIVE", qpvCodes: place.qpvs, draft: true });
    expect(moved(before.commune, await expectEqualsLists(scopes.commune))).toEqual(completed);
  });

  it("moves an association between its commune's federated and non-federated counts, and into and out of a network, with its projects", async () => {
    const place = await communeWithTwoQpvs();
    const [network] = await sql(`SELECT network_id AS id FROM membership WHERE left_on IS NULL AND archived_at IS NULL AND confirmed
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const networkId = Buffer.from(`Association:${network.id}`).toString("base64url");
    const [{ kind }] = await sql(`SELECT kind FROM organization WHERE id = $1`, [network.id]);
    const networkNode = kind === "ASSOCIATION" ? networkId : Buffer.from(`Partner:${network.id}`).toString("base64url");
    const commune = { communeInseeCodes: [place.commune] };
    const networkScope = { networkId: networkNode };
    const before = { commune: await expectEqualsLists(commune), network: await figures(networkScope) };

    const association = (await mutate(`mutation ($input: CreateAssociationInput!) { createAssociation(input: $input) { association { id version } ${ERRORS} } }`,
      { name: "Les voisins solidaires", communeInseeCode: place.commune, staffEtp: 1.5 })).association;
    expect(moved(before.commune, await expectEqualsLists(commune))).toEqual({ associations: 1, small: 1, nonFederated: 1, nonFederatedSmall: 1 });

    // Its project, outside the network until it joins.
    await mutate(CREATE_PROJECT, { title: "Atelier vélo", status: "PROPOSED", qpvCodes: [place.qpvs[0]],
      participants: [{ organizationId: association.id, role: "LEAD" }] });
    expect(moved(before.network, await figures(networkScope))).toEqual({});

    const membership = (await mutate(`mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { membership { id version confirmed } ${ERRORS} } }`,
      { networkId: networkNode, memberId: association.id })).membership;
    expect(membership.confirmed).toBe(true);
    expect(moved(before.commune, await expectEqualsLists(commune)))
      .toEqual({ associations: 1, small: 1, federated: 1, projects: 1, "status:PROPOSED": 1 });
    const inNetwork = await figures(networkScope);
    expect(moved(before.network, inNetwork)).toEqual({ associations: 1, small: 1, federated: 1, projects: 1, "status:PROPOSED": 1 });
    const { data } = await server.post(`query ($id: ID!) { associations(first: 1, filter: { networkIds: [$id] }) { totalCount } }`, { id: networkNode });
    expect(inNetwork.associations).toBe(data.associations.totalCount);

    await mutate(`mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { membership { id } ${ERRORS} } }`,
      { id: membership.id, version: membership.version, leftOn: "2026-01-31" });
    expect(moved(before.network, await figures(networkScope))).toEqual({});
    expect(moved(before.commune, await expectEqualsLists(commune)))
      .toEqual({ associations: 1, small: 1, nonFederated: 1, nonFederatedSmall: 1, projects: 1, "status:PROPOSED": 1 });

    await mutate(ARCHIVE, { id: association.id, version: association.version });
    expect(moved(before.commune, await expectEqualsLists(commune))).toEqual({ projects: 1, "status:PROPOSED": 1 });
  });

  it("counts a new event of the commune (read from the events' counters)", async () => {
    const place = await communeWithTwoQpvs();
    const before = await figures({ communeInseeCodes: [place.commune] });
    const { data } = await server.post(`{ associations(first: 1) { edges { node { id } } } }`);
    await mutate(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } ${ERRORS} } }`, {
      title: "Réunion publique", kind: "PUBLIC_MEETING", startsAt: "2026-03-10T18:00:00+01:00", endsAt: "2026-03-10T20:00:00+01:00",
      organizerIds: [data.associations.edges[0].node.id], communeInseeCode: place.commune, qpvCode: place.qpvs[0],
    });
    expect(moved(before, await figures({ communeInseeCodes: [place.commune] }))).toEqual({ events: 1 });
  });

  it("counts an event once for its network whatever its organisers, with memberships, archiving and attendance; equal to the events list", async () => {
    const place = await communeWithTwoQpvs();
    const [network] = await sql(`SELECT m.network_id AS id, o.kind FROM membership m JOIN organization o ON o.id = m.network_id
      WHERE m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const networkNode = Buffer.from(`${network.kind === "ASSOCIATION" ? "Association" : "Partner"}:${network.id}`).toString("base64url");
    const scopes = { network: { networkId: networkNode }, commune: { communeInseeCodes: [place.commune] }, qpvs: { qpvCodes: place.qpvs } };
    /** Stake 3's totals of each scope, each checked against the events list with the filter a client writes for it. */
    const participation = async () => {
      const got: Record<string, { events: number; counted: number; residents: number }> = {};
      const [{ ids }] = await sql(`SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT $1::int AS id UNION SELECT m.member_id FROM membership m
        JOIN organization x ON x.id = m.member_id AND x.archived_at IS NULL WHERE m.network_id = $1 AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed) s`,
      [network.id]);
      const kinds = new Map((await sql(`SELECT id, kind FROM organization WHERE id = ANY($1)`, [ids])).map((r: any) => [r.id, r.kind]));
      const organizerIds = ids.map((id: number) => Buffer.from(`${kinds.get(id) === "ASSOCIATION" ? "Association" : "Partner"}:${id}`).toString("base64url"));
      const lists = { network: { organizerIds }, commune: scopes.commune, qpvs: scopes.qpvs };
      for (const [name, scope] of Object.entries(scopes)) {
        const { data, errors } = await server.post(`query ($scope: DashboardScope!, $filter: EventFilter!) {
          dashboard(scope: $scope) { participation { events eventsWithResidentCount residents } }
          events(first: 1, filter: $filter) { totalCount } }`, { scope, filter: lists[name as keyof typeof lists] });
        expect(errors).toBeUndefined();
        const p = data.dashboard.participation;
        expect(p.events).toBe(data.events.totalCount);
        got[name] = { events: p.events, counted: p.eventsWithResidentCount, residents: p.residents };
      }
      return got;
    };
    const change = (before: typeof start, after: typeof start) => Object.fromEntries(Object.keys(after).map((k) => [k, {
      events: after[k].events - before[k].events, counted: after[k].counted - before[k].counted, residents: after[k].residents - before[k].residents,
    }]));
    const start = await participation();
    const none = { events: 0, counted: 0, residents: 0 };

    const association = (await mutate(`mutation ($input: CreateAssociationInput!) { createAssociation(input: $input) { association { id version } ${ERRORS} } }`,
      { name: "Les amis du square", communeInseeCode: place.commune })).association;
    const event = (await mutate(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id version } ${ERRORS} } }`, {
      title: "Diagnostic en marchant", kind: "DIAGNOSTIC_EN_MARCHANT", startsAt: "2026-04-10T18:00:00+02:00", endsAt: "2026-04-10T20:00:00+02:00",
      organizerIds: [association.id], communeInseeCode: place.commune, qpvCode: place.qpvs[1], attendance: { residents: 12, total: 20 },
    })).event;
    const one = { events: 1, counted: 1, residents: 12 };
    expect(change(start, await participation())).toEqual({ network: none, commune: one, qpvs: one });

    // Its organiser joins the network, then the network head organises it too: counted once.
    await mutate(`mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { membership { id } ${ERRORS} } }`,
      { networkId: networkNode, memberId: association.id });
    expect(change(start, await participation())).toEqual({ network: one, commune: one, qpvs: one });
    const updated = (await mutate(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { id version } ${ERRORS} } }`,
      { id: event.id, version: event.version, organizerIds: [association.id, networkNode], attendance: { residents: 15, total: 20 } })).event;
    const fifteen = { events: 1, counted: 1, residents: 15 };
    expect(change(start, await participation())).toEqual({ network: fifteen, commune: fifteen, qpvs: fifteen });

    // The member archived: the head still organises it. Without the head, it leaves the network; back with the member restored,
    // out again when the membership ends.
    const key = (id: string) => Number(Buffer.from(id, "base64url").toString().split(":")[1]);
    await mutate(ARCHIVE, { id: association.id, version: association.version });
    expect(change(start, await participation())).toEqual({ network: fifteen, commune: fifteen, qpvs: fifteen });
    await sql(`DELETE FROM event_organizer WHERE event_id = $1 AND organization_id = $2`, [key(event.id), network.id]);
    expect(change(start, await participation())).toEqual({ network: none, commune: fifteen, qpvs: fifteen });
    const [archived] = await sql(`SELECT version FROM organization WHERE id = $1`, [key(association.id)]);
    await mutate(RESTORE, { id: association.id, version: archived.version });
    expect(change(start, await participation())).toEqual({ network: fifteen, commune: fifteen, qpvs: fifteen });
    await sql(`UPDATE membership SET left_on = '2026-01-31' WHERE member_id = $1 AND network_id = $2`, [key(association.id), network.id]);
    expect(change(start, await participation())).toEqual({ network: none, commune: fifteen, qpvs: fifteen });

    // The event archived: out of every scope.
    await mutate(ARCHIVE, { id: event.id, version: updated.version });
    expect(change(start, await participation())).toEqual({ network: none, commune: none, qpvs: none });
    expect(await aggregateDifferences((text) => sql(text))).toEqual([]);
  });
});

describe("check:aggregates", () => {
  it("finds no difference after the writes above, finds one made by hand, and the rebuild clears it", async () => {
    const run = (text: string) => sql(text);
    expect(await aggregateDifferences(run)).toEqual([]);
    const [counter] = await sql(`SELECT scope, code, employer_size, federated, n FROM agg_association WHERE n > 0 ORDER BY scope, code LIMIT 1`);
    await sql(`UPDATE agg_association SET n = n + 1 WHERE scope = $1 AND code = $2 AND employer_size = $3 AND federated = $4`,
      [counter.scope, counter.code, counter.employer_size, counter.federated]);
    expect(await aggregateDifferences(run)).toEqual([expect.objectContaining({ aggregate: "association", scope: counter.scope, code: counter.code,
      kept: counter.n + 1, recounted: counter.n })]);
    await sql(`SELECT agg_rebuild()`);
    expect(await aggregateDifferences(run)).toEqual([]);
  });
});

// Two connections to the test file's database: PostgreSQL only (PGlite serves one connection).
const onPostgres = SERVER_URL ? describe : describe.skip;

onPostgres("concurrent writes (PostgreSQL)", () => {
  async function connect(): Promise<Client> {
    const { database } = server.app.dataSource.options as { database?: string; url?: string };
    const url = (server.app.dataSource.options as { url?: string }).url ?? databaseUrl(database!);
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  }

  it("two transactions adding projects to the same QPV, and a membership racing a participation, leave the counters exact", async () => {
    const place = await communeWithTwoQpvs();
    const [a, b] = [await connect(), await connect()];
    try {
      const before = await figures({ qpvCodes: [place.qpvs[0]] });
      await a.query("BEGIN");
      await b.query("BEGIN");
      const [pa] = (await a.query(`INSERT INTO project (title, status) VALUES ('Concurrent A', 'ACTIVE') RETURNING id`)).rows;
      const [pb] = (await b.query(`INSERT INTO project (title, status) VALUES ('Concurrent B', 'ACTIVE') RETURNING id`)).rows;
      await a.query(`INSERT INTO project_qpv (project_id, qpv_code) VALUES ($1, $2)`, [pa.id, place.qpvs[0]]);
      // B waits on A's counter rows, then adds to what A committed.
      const bWrite = b.query(`INSERT INTO project_qpv (project_id, qpv_code) VALUES ($1, $2)`, [pb.id, place.qpvs[0]]);
      await a.query("COMMIT");
      await bWrite;
      await b.query("COMMIT");
      expect(moved(before, await figures({ qpvCodes: [place.qpvs[0]] }))).toEqual({ projects: 2, "status:ACTIVE": 2 });

      // A makes an association member of a network while B adds it to a project: the project must end up in the network.
      const [network] = (await a.query(`SELECT id FROM organization WHERE kind = 'ASSOCIATION' AND archived_at IS NULL ORDER BY id LIMIT 1`)).rows;
      const [member] = (await a.query(`SELECT id FROM organization o WHERE kind = 'ASSOCIATION' AND archived_at IS NULL AND id <> $1
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.member_id = o.id AND m.network_id = $1) ORDER BY id DESC LIMIT 1`, [network.id])).rows;
      await a.query("BEGIN");
      await b.query("BEGIN");
      await b.query(`INSERT INTO project_participant (project_id, organization_id, role) VALUES ($1, $2, 'PARTNER')`, [pb.id, member.id]);
      const aWrite = a.query(`INSERT INTO membership (network_id, member_id, confirmed) VALUES ($1, $2, true)`, [network.id, member.id]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await b.query("COMMIT");
      await aWrite;
      await a.query("COMMIT");
      const [pair] = await sql(`SELECT count(*)::int AS n FROM agg_project_scope WHERE project_id = $1 AND scope = 'NETWORK' AND code = $2`,
        [pb.id, String(network.id)]);
      expect(pair.n).toBe(1);
      expect(await aggregateDifferences((text) => sql(text))).toEqual([]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it("a membership racing an organiser's addition to an event leaves the event in the network", async () => {
    const place = await communeWithTwoQpvs();
    const [a, b] = [await connect(), await connect()];
    try {
      const [network] = (await a.query(`SELECT id FROM organization WHERE kind = 'ASSOCIATION' AND archived_at IS NULL ORDER BY id LIMIT 1 OFFSET 1`)).rows;
      const [member] = (await a.query(`SELECT id FROM organization o WHERE kind = 'ASSOCIATION' AND archived_at IS NULL AND id <> $1
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.member_id = o.id AND m.network_id = $1) ORDER BY id DESC LIMIT 1 OFFSET 1`, [network.id])).rows;
      const [event] = (await a.query(`INSERT INTO participation_event (title, kind, starts_at, ends_at, commune_insee_code)
        VALUES ('Concurrent', 'WORKSHOP', '2026-05-01T10:00:00Z', '2026-05-01T12:00:00Z', $1) RETURNING id`, [place.commune])).rows;
      await a.query("BEGIN");
      await b.query("BEGIN");
      await b.query(`INSERT INTO event_organizer (event_id, organization_id) VALUES ($1, $2)`, [event.id, member.id]);
      const aWrite = a.query(`INSERT INTO membership (network_id, member_id, confirmed) VALUES ($1, $2, true)`, [network.id, member.id]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await b.query("COMMIT");
      await aWrite;
      await a.query("COMMIT");
      const [pair] = await sql(`SELECT count(*)::int AS n FROM agg_event_scope WHERE event_id = $1 AND scope = 'NETWORK' AND code = $2`,
        [event.id, String(network.id)]);
      expect(pair.n).toBe(1);
      expect(await aggregateDifferences((text) => sql(text))).toEqual([]);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
