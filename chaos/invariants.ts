import { fromGlobalId } from "../schema/global-id";
import { aggregateDifferences } from "../server/database/dashboard-aggregates";
import { AckLog, ExpectedRecord } from "./ack-log";
import { postGraphql } from "./http";
import { Violations } from "./violations";
import { COMMUNE } from "./workload";

/** Read access to the database under test (a pg client, or the PGlite folder opened by the runner). */
export interface Sql {
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
}

const keyOf = (globalId: string) => Number(fromGlobalId(globalId).key);
const sameSet = (a: (string | number)[], b: (string | number)[]) => JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort());

/** The audit trail's name for each kind of record. */
const AUDIT_TYPES: Record<ExpectedRecord["kind"], { table: string; type: string }> = {
  association: { table: "organization", type: "Association" },
  project: { table: "project", type: "CooperationProject" },
  event: { table: "participation_event", type: "ParticipationEvent" },
  membership: { table: "membership", type: "Membership" },
};

/** Foreign keys whose holding the run checks row by row (the database enforces them; a crash must not break them). */
const REFERENCES = [
  ["project_participant", "project_id", "project"], ["project_participant", "organization_id", "organization"],
  ["event_organizer", "event_id", "participation_event"], ["event_organizer", "organization_id", "organization"],
  ["membership", "network_id", "organization"], ["membership", "member_id", "organization"],
  ["project_qpv", "project_id", "project"], ["project_stake", "project_id", "project"], ["funding", "project_id", "project"],
  ["participation_event", "project_id", "project"], ["organization", "commune_insee_code", "commune"],
] as const;

/**
 * Checks the database against what the clients were acknowledged: each record present exactly
 * once with its acknowledged content and version, no partial record, no orphan row, one effect per
 * idempotency key, one audit entry per committed change.
 */
export async function checkDatabase(sql: Sql, log: AckLog, tag: string, networkId: string, violations: Violations, cycle: number): Promise<void> {
  const like = `${tag} %`;
  const fail = (invariant: Parameters<Violations["add"]>[1], message: string) => violations.add(cycle, invariant, message);

  // Associations: exactly the acknowledged ones, once each, with their content.
  const associations = await sql.query<{ id: number; name: string; rna: string; staff_etp: string | null; volunteers: number; version: number }>(
    `SELECT id, name, rna, staff_etp::text, volunteers, version FROM organization WHERE kind = 'ASSOCIATION' AND name LIKE $1`, [like]);
  compareRows(log.of("association").filter((r) => r.name !== `${tag} network`), associations.filter((r) => r.name !== `${tag} network`), (expected, row) =>
    row.name === expected.name && row.rna === expected.rna && Number(row.staff_etp ?? 0) === expected.staffEtp && row.volunteers === expected.volunteers && row.version === expected.version,
  "association", fail);
  const names = new Map<string, number>();
  for (const row of associations) names.set(row.name, (names.get(row.name) ?? 0) + 1);
  for (const [name, count] of names) if (count > 1) fail("acknowledged", `"${name}" stored ${count} times`);

  // Projects with exactly their acknowledged participants.
  const projects = await sql.query<{ id: number; title: string; version: number; participants: { organization_id: number; role: string }[] | null }>(
    `SELECT p.id, p.title, p.version,
            (SELECT json_agg(json_build_object('organization_id', pp.organization_id, 'role', pp.role)) FROM project_participant pp WHERE pp.project_id = p.id) AS participants
     FROM project p WHERE p.title LIKE $1`, [like]);
  compareRows(log.of("project"), projects, (expected, row) =>
    row.title === expected.title && row.version === expected.version &&
    sameSet((row.participants ?? []).map((p) => `${p.organization_id}:${p.role}`), expected.participants.map((p) => `${keyOf(p.organizationId)}:${p.role}`)),
  "project", fail);

  // Events with exactly their organisers and acknowledged attendance.
  const events = await sql.query<{ id: number; title: string; version: number; residents_count: number; associations_count: number; total_count: number; organizers: number[] | null }>(
    `SELECT e.id, e.title, e.version, e.residents_count, e.associations_count, e.total_count,
            (SELECT array_agg(eo.organization_id) FROM event_organizer eo WHERE eo.event_id = e.id) AS organizers
     FROM participation_event e WHERE e.title LIKE $1`, [like]);
  compareRows(log.of("event"), events, (expected, row) =>
    row.title === expected.title && row.version === expected.version && row.residents_count === expected.attendance.residents &&
    row.associations_count === expected.attendance.associations && row.total_count === expected.attendance.total &&
    sameSet(row.organizers ?? [], expected.organizerIds.map(keyOf)),
  "event", fail);

  // Memberships of the run's network: exactly the acknowledged ones, confirmed (an admin wrote them).
  const memberships = await sql.query<{ id: number; member_id: number; confirmed: boolean; version: number }>(
    `SELECT id, member_id, confirmed, version FROM membership WHERE network_id = $1`, [keyOf(networkId)]);
  compareRows(log.of("membership"), memberships, (expected, row) => row.member_id === keyOf(expected.memberId) && row.confirmed && row.version === expected.version, "membership", fail);

  // No partial record, no orphan.
  for (const row of projects) if (!row.participants?.length) fail("partial", `project ${row.id} "${row.title}" has no participant`);
  for (const row of events) if (!row.organizers?.length) fail("partial", `event ${row.id} "${row.title}" has no organiser`);
  for (const [table, column, parent] of REFERENCES) {
    const parentKey = parent === "commune" ? "insee_code" : "id";
    const [orphans] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} c WHERE c.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.${parentKey} = c.${column})`);
    if (orphans.n) fail("partial", `${orphans.n} rows of ${table} point to no ${parent} (${column})`);
  }

  // One effect per idempotency key: every record the run created is the result of exactly one key, and no key made two.
  const keys = await sql.query<{ operation: string; record_id: string | null; n: number }>(
    `SELECT operation, result->'record'->>'id' AS record_id, count(*)::int AS n FROM idempotency_key
     WHERE actor_subject LIKE $1 AND operation LIKE 'create%' GROUP BY 1, 2`, [`${tag}-%`]);
  const created: [string, { id: number }[]][] = [
    ["createAssociation", associations], ["createProject", projects], ["createEvent", events], ["createMembership", memberships],
  ];
  for (const [operation, rows] of created) {
    const byRecord = new Map(keys.filter((k) => k.operation === operation && k.record_id !== null).map((k) => [Number(k.record_id), k.n]));
    for (const row of rows) {
      const n = byRecord.get(row.id) ?? 0;
      if (n !== 1) fail("idempotency", `${operation} record ${row.id} is the result of ${n} idempotency keys`);
    }
    const ids = new Set(rows.map((r) => r.id));
    for (const [id] of byRecord) if (!ids.has(id)) fail("idempotency", `an idempotency key of ${operation} answers record ${id}, which the run cannot find`);
  }

  // The audit trail: as many entries as committed changes (the version), the first a CREATE, the last showing the row's version.
  for (const [kind, { table, type }] of Object.entries(AUDIT_TYPES) as [ExpectedRecord["kind"], { table: string; type: string }][]) {
    const ids = log.of(kind).map((r) => keyOf(r.id));
    if (!ids.length) continue;
    const trail = await sql.query<{ id: number; version: number | null; entries: number; creates: number; first_action: string | null; last_version: number | null }>(
      `SELECT r.id, x.version, count(a.id)::int AS entries, count(a.id) FILTER (WHERE a.action = 'CREATE')::int AS creates,
              (array_agg(a.action ORDER BY a.id))[1] AS first_action, ((array_agg(a.after ORDER BY a.id DESC))[1]->>'version')::int AS last_version
       FROM unnest($1::int[]) AS r(id) LEFT JOIN ${table} x ON x.id = r.id
       LEFT JOIN audit_entry a ON a.record_type = $2 AND a.record_id = r.id GROUP BY r.id, x.version`, [ids, type]);
    for (const row of trail) {
      if (row.version === null) continue; // reported above as a missing record
      if (row.entries !== row.version || row.creates !== 1 || row.first_action !== "CREATE" || row.last_version !== row.version) {
        fail("audit", `${type} ${row.id} at version ${row.version} has ${row.entries} audit entries (${row.creates} CREATE, first ${row.first_action}, last showing version ${row.last_version})`);
      }
    }
  }
  const [strays] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_entry a WHERE a.actor_subject LIKE $1 AND NOT EXISTS (
       SELECT 1 FROM organization o WHERE a.record_type = 'Association' AND o.id = a.record_id
       UNION ALL SELECT 1 FROM project p WHERE a.record_type = 'CooperationProject' AND p.id = a.record_id
       UNION ALL SELECT 1 FROM participation_event e WHERE a.record_type = 'ParticipationEvent' AND e.id = a.record_id
       UNION ALL SELECT 1 FROM membership m WHERE a.record_type = 'Membership' AND m.id = a.record_id)`, [`${tag}-%`]);
  if (strays.n) fail("audit", `${strays.n} audit entries of the run describe a record that does not exist (a rolled-back change)`);

  // The dashboard aggregates the triggers keep: equal to a recount from the rows, through crashes and concurrent writers.
  for (const d of await aggregateDifferences((text) => sql.query(text), 20)) {
    fail("aggregates", `${d.aggregate} counter ${d.scope} ${d.code} ${d.measure}: kept ${d.kept}, recounted ${d.recounted}`);
  }
}

/** Matches stored rows to expected records by id: each expected one present with its content, nothing else of the run. */
function compareRows<E extends ExpectedRecord, R extends { id: number }>(
  expected: E[], rows: R[], matches: (expected: E, row: R) => boolean, what: string, fail: (invariant: "acknowledged", message: string) => void,
): void {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const record of expected) {
    const row = byId.get(keyOf(record.id));
    if (!row) fail("acknowledged", `acknowledged ${what} ${record.id} (cycle ${record.cycle}) is missing`);
    else if (!matches(record, row)) fail("acknowledged", `${what} ${record.id} holds ${JSON.stringify(row)}; acknowledged ${JSON.stringify(record)}`);
  }
  const known = new Set(expected.map((r) => keyOf(r.id)));
  for (const row of rows) if (!known.has(row.id)) fail("acknowledged", `${what} ${row.id} was never acknowledged (a write committed twice, or a lost answer never resolved): ${JSON.stringify(row)}`);
}

const DASHBOARD = `query ($commune: [String!], $network: ID) {
  commune: dashboard(scope: { communeInseeCodes: $commune }) {
    employerSizes { total none smallEmployer employer } federation { federated nonFederated }
    participation { events residents } projects { total }
  }
  network: dashboard(scope: { networkId: $network }) { employerSizes { total } }
}`;

/** The dashboard of Roubaix and of the run's network, through the API (null, with a violation, if it does not answer). */
export async function fetchDashboard(url: string, token: string, networkId: string, violations: Violations, cycle: number): Promise<any | null> {
  const answer = await postGraphql(url, DASHBOARD, { commune: [COMMUNE], network: networkId }, token);
  if (answer.status !== 200 || answer.body?.errors) {
    violations.add(cycle, "dashboard", `dashboard answered ${answer.status} ${String(JSON.stringify(answer.body ?? answer.failure)).slice(0, 300)}`);
    return null;
  }
  return answer.body!.data;
}

/**
 * Dashboard figures (read through the API with no write in between) against counts recomputed here
 * from the rows; and the network's member count against the memberships acknowledged.
 */
export async function checkDashboard(sql: Sql, dashboard: any, log: AckLog, networkId: string, violations: Violations, cycle: number): Promise<void> {
  const { commune, network } = dashboard;
  const [row] = await sql.query<Record<string, string | number>>(
    `WITH a AS (SELECT o.*, EXISTS (SELECT 1 FROM membership m WHERE m.member_id = o.id AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed) AS federated
                FROM organization o WHERE o.kind = 'ASSOCIATION' AND o.archived_at IS NULL AND o.commune_insee_code = $1)
     SELECT (SELECT count(*) FROM a)::int AS total,
            (SELECT count(*) FROM a WHERE coalesce(staff_etp, 0) = 0)::int AS none,
            (SELECT count(*) FROM a WHERE staff_etp > 0 AND staff_etp <= 2)::int AS small_employer,
            (SELECT count(*) FROM a WHERE staff_etp > 2)::int AS employer,
            (SELECT count(*) FROM a WHERE federated)::int AS federated,
            (SELECT count(*) FROM a WHERE NOT federated)::int AS non_federated,
            (SELECT count(*) FROM participation_event e WHERE e.commune_insee_code = $1 AND e.archived_at IS NULL AND NOT e.draft)::int AS events,
            (SELECT coalesce(sum(residents_count), 0) FROM participation_event e WHERE e.commune_insee_code = $1 AND e.archived_at IS NULL AND NOT e.draft)::int AS residents,
            (SELECT count(*) FROM project p WHERE p.archived_at IS NULL AND NOT p.draft AND p.id IN (
               SELECT pq.project_id FROM project_qpv pq JOIN qpv_commune qc ON qc.qpv_code = pq.qpv_code WHERE qc.commune_insee_code = $1))::int AS projects,
            (SELECT count(*) FROM membership m JOIN organization o ON o.id = m.member_id
             WHERE m.network_id = $2 AND m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed AND o.archived_at IS NULL)::int AS members`,
    [COMMUNE, keyOf(networkId)]);
  const pairs: [string, number, number][] = [
    ["employerSizes.total", commune.employerSizes.total, Number(row.total)],
    ["employerSizes.none", commune.employerSizes.none, Number(row.none)],
    ["employerSizes.smallEmployer", commune.employerSizes.smallEmployer, Number(row.small_employer)],
    ["employerSizes.employer", commune.employerSizes.employer, Number(row.employer)],
    ["federation.federated", commune.federation.federated, Number(row.federated)],
    ["federation.nonFederated", commune.federation.nonFederated, Number(row.non_federated)],
    ["participation.events", commune.participation.events, Number(row.events)],
    ["participation.residents", commune.participation.residents, Number(row.residents)],
    ["projects.total", commune.projects.total, Number(row.projects)],
    ["network employerSizes.total", network.employerSizes.total, Number(row.members)],
    ["network members acknowledged", Number(row.members), log.of("membership").length],
  ];
  for (const [figure, shown, counted] of pairs) {
    if (shown !== counted) violations.add(cycle, "dashboard", `${figure}: dashboard ${shown}, recounted ${counted}`);
  }
}

const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) {
  id
  ... on Association { name version volunteers staffEtp }
  ... on CooperationProject { title version participants { role organization { id } } }
  ... on ParticipationEvent { title version organizers { id } attendance { residents associations total } }
  ... on Membership { version member { id } network { id } }
} }`;

/** The records written in this cycle (and a sample of older ones), read back through the API: the acknowledged content. */
export async function checkThroughApi(url: string, token: string, records: ExpectedRecord[], violations: Violations, cycle: number): Promise<void> {
  for (let i = 0; i < records.length; i += 100) {
    const batch = records.slice(i, i + 100);
    const answer = await postGraphql(url, NODES, { ids: batch.map((r) => r.id) }, token);
    if (answer.status !== 200 || answer.body?.errors) {
      violations.add(cycle, "acknowledged", `nodes(ids) answered ${answer.status} ${String(JSON.stringify(answer.body ?? answer.failure)).slice(0, 300)}`);
      continue;
    }
    batch.forEach((expected, j) => {
      const node = answer.body!.data.nodes[j];
      const ok = node !== null && node.version === expected.version && (
        expected.kind === "association" ? node.name === expected.name && node.volunteers === expected.volunteers && node.staffEtp === expected.staffEtp
        : expected.kind === "project" ? node.title === expected.title && sameSet(node.participants.map((p: any) => `${p.organization.id}:${p.role}`), expected.participants.map((p) => `${p.organizationId}:${p.role}`))
        : expected.kind === "event" ? node.title === expected.title && sameSet(node.organizers.map((o: any) => o.id), expected.organizerIds) && JSON.stringify(node.attendance) === JSON.stringify(expected.attendance)
        : node.member.id === expected.memberId && node.network.id === expected.networkId);
      if (!ok) violations.add(cycle, "acknowledged", `through the API ${expected.kind} ${expected.id} reads ${JSON.stringify(node)}; acknowledged ${JSON.stringify(expected)}`);
    });
  }
}

/** The audit trail through the API, for a few records: `auditEntries(filter: { recordId })` counts one entry per committed change. */
export async function checkAuditThroughApi(url: string, token: string, records: ExpectedRecord[], violations: Violations, cycle: number): Promise<void> {
  for (const record of records) {
    const answer = await postGraphql(url, `query ($id: ID!) { auditEntries(first: 1, filter: { recordId: $id }) { totalCount } }`, { id: record.id }, token);
    const total = answer.body?.data?.auditEntries?.totalCount;
    if (total !== record.version) violations.add(cycle, "audit", `auditEntries of ${record.kind} ${record.id} at version ${record.version}: ${total ?? String(JSON.stringify(answer.body ?? answer.failure)).slice(0, 200)}`);
  }
}
