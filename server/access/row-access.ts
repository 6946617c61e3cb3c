import { CONCEPTS, HideableName, registry } from "../concepts";
import { AccessRule, Concept } from "../concepts/concept";
import { SqlParams } from "../database/sql-params";
import { ListSource } from "../queries/list-source";
import { currentMembership } from "../queries/memberships";
import { TerritoryScope, Viewer, ANONYMOUS } from "./viewer";

/** A SQL boolean expression built against a statement's parameters, for a row under `alias`. */
type Predicate = (alias: string, params: SqlParams) => string;

const TRUE: Predicate = () => "true";
const FALSE: Predicate = () => "false";

/** The communes of an officer's territories: a subquery, so scope costs no extra statement. */
function scopeCommunes(scope: TerritoryScope, params: SqlParams): string {
  return `(SELECT sc.insee_code FROM commune sc WHERE sc.insee_code = ANY(${params.add(scope.communes)}::text[])
    OR sc.epci_siren = ANY(${params.add(scope.epcis)}::text[]) OR sc.department_code = ANY(${params.add(scope.departments)}::text[]))`;
}

/**
 * What one viewer may see and change, as SQL predicates evaluated in the same statement as the rows
 * they guard: lists, lookups by id, nested fields and counts all apply them, so no path shows more.
 *
 * The public graph (anonymous users) is every record that is neither a draft nor archived (archived
 * records are left out of lists for everyone but stay readable by id). Drafts of projects and events,
 * and organisations' contact people, are shown only to the viewers "responsible" for the record:
 * - ADMIN: everything;
 * - POLICY_OFFICER: organisations whose head office, projects whose QPVs or lead participant, events
 *   whose venue or QPV lie in the officer's territories;
 * - FEDERATION_MANAGER: the network head and its current members; projects and events of the head;
 * - ASSOCIATION_EDITOR: its association, the projects it takes part in and the events it organises.
 */
export class RowAccess {
  constructor(readonly viewer: Viewer) {}

  /** The viewer is responsible for this organisation (sees its contact people). */
  readonly organization: Predicate = (() => {
    const v = this.viewer;
    switch (v.role) {
      case "ADMIN": return TRUE;
      case "POLICY_OFFICER": return (o, p) => `(${o}.commune_insee_code IN ${scopeCommunes(v.territories, p)})`;
      case "FEDERATION_MANAGER": return (o, p) => {
        const network = p.add(v.networkId);
        return `(${o}.id = ${network} OR EXISTS (SELECT 1 FROM membership am WHERE am.network_id = ${network}
          AND am.member_id = ${o}.id AND ${currentMembership("am")}))`;
      };
      case "ASSOCIATION_EDITOR": return (o, p) => `(${o}.id = ${p.add(v.organizationId)})`;
      default: return FALSE;
    }
  })();

  /** The viewer is responsible for this project (sees it as a draft, and writes it if an officer). */
  readonly project: Predicate = (() => {
    const v = this.viewer;
    switch (v.role) {
      case "ADMIN": return TRUE;
      case "POLICY_OFFICER": return (pr, p) => projectInScope(pr, v.territories, p);
      case "FEDERATION_MANAGER": return (pr, p) => participates(pr, v.networkId, p);
      case "ASSOCIATION_EDITOR": return (pr, p) => participates(pr, v.organizationId, p);
      default: return FALSE;
    }
  })();

  /** The viewer is responsible for this participation event. */
  readonly event: Predicate = (() => {
    const v = this.viewer;
    switch (v.role) {
      case "ADMIN": return TRUE;
      case "POLICY_OFFICER": return (ev, p) => eventInScope(ev, v.territories, p);
      case "FEDERATION_MANAGER": return (ev, p) => organizes(ev, v.networkId, p);
      case "ASSOCIATION_EDITOR": return (ev, p) => organizes(ev, v.organizationId, p);
      default: return FALSE;
    }
  })();

  /**
   * The audit trail: admins read all of it, editors the entries of their own organisation's records,
   * as long as they may see the record now (a draft event handed over to another organiser is no longer
   * theirs to read about).
   */
  auditTrail(a: string, p: SqlParams): string {
    const v = this.viewer;
    if (v.role === "ADMIN") return "true";
    if (v.role !== "ASSOCIATION_EDITOR") return "false";
    const visible = (Object.keys(HIDEABLE) as Hideable[]).map((target) =>
      `(${a}.record_type <> '${HIDEABLE[target].nodeType}' OR ${this.refersToVisible(target, `${a}.record_id`, p)})`);
    return `(${p.add(v.organizationId)}::int = ANY(${a}.organization_ids) AND ${visible.join(" AND ")})`;
  }

  /**
   * SQL: the `target` record that `reference` names (an expression giving its key, or null) is one
   * this viewer may see, or there is none. Every reference to a record that can be hidden goes
   * through this: reading it (`readColumns`), filtering on it (`ev.project_id IN (...)`), the rows
   * hanging off it (participants, fundings) and the audit entries about it.
   */
  refersToVisible(target: Hideable, reference: string, params: SqlParams): string {
    const { table, key, responsible } = HIDEABLE[target];
    const allowed = responsible(this)("hr", params);
    if (allowed === "true") return "true";
    const hidden = allowed === "false" ? "hr.draft" : `hr.draft AND NOT ${allowed}`;
    return `NOT EXISTS (SELECT 1 FROM ${table} hr WHERE hr.${key} = ${reference} AND ${hidden})`;
  }

  /**
   * How some columns of `table` (under `alias`) are read for this viewer, in the SELECT list of every
   * list, nested list and lookup: a reference to a record the viewer may not see reads as null (a
   * published event of a draft project has no project), so no field, export column or id built from
   * the row can name it. Columns not listed are read as they are. `read`: the columns the statement
   * selects, when not all of them.
   */
  readColumns(table: string, alias: string, params: SqlParams, read?: readonly string[]): Record<string, string> {
    const columns: Record<string, string> = {};
    // Only for the columns the statement reads (`read`, a read plan's): an expression's parameters are numbered when built.
    const reads = (column: string) => !read || read.includes(column);
    for (const [column, target] of Object.entries(REFERENCE_COLUMNS[table] ?? {})) {
      if (!reads(column)) continue;
      const visible = this.refersToVisible(target, `${alias}.${column}`, params);
      if (visible !== "true") columns[column] = `CASE WHEN ${visible} THEN ${alias}.${column} END`;
    }
    if (table === "audit_entry") {
      for (const snapshot of ["before", "after"]) {
        if (!reads(snapshot)) continue;
        const expression = snapshotReferences(this, `${alias}.${snapshot}`, `${alias}.record_type`, params);
        if (expression !== `${alias}.${snapshot}`) columns[snapshot] = expression;
      }
    }
    return columns;
  }

  /** Conditions a list of `source` adds for this viewer (drafts, or rows hanging off drafts). */
  listConditions(source: ListSource, params: SqlParams): string[] {
    const guard = GUARDS[source.name];
    return guard ? [guard(this, source.alias, params)] : [];
  }

  /** The condition a lookup by key of `table` (under `alias`) adds, or null when every row is readable. */
  lookupCondition(table: string, alias: string, params: SqlParams): string | null {
    const guard = GUARDS[TABLE_SOURCES[table] ?? ""];
    return guard ? guard(this, alias, params) : null;
  }
}

/** The access of anonymous users: the public graph, used by dashboards, search and exports. */
export const PUBLIC_ACCESS = new RowAccess(ANONYMOUS);

/** A source's own conditions plus the public graph's: what every public figure counts. */
export function publicConditions(source: ListSource, params: SqlParams): string[] {
  return [...(source.where ?? []), ...PUBLIC_ACCESS.listConditions(source, params)];
}

/** Records that can be hidden from a viewer (drafts): concepts whose descriptor has a draft rule. */
export type Hideable = HideableName;
const CONCEPT_LIST = CONCEPTS as readonly Concept[];
const HIDEABLE = registry("hideable concept", CONCEPT_LIST.flatMap((c) => c.access.kind === "draft"
  ? [[c.name, { table: c.table, key: c.key, nodeType: c.type, responsible: responsibleOf(c.access.responsible) }] as const] : [],
)) as Record<Hideable, { table: string; key: string; nodeType: string; responsible: (access: RowAccess) => Predicate }>;

function responsibleOf(name: Extract<AccessRule, { kind: "draft" }>["responsible"]): (access: RowAccess) => Predicate {
  return (access) => access[name];
}

/**
 * Columns of rows that show on their own while pointing at a record that can be hidden (a published
 * event of a draft project), by table: the descriptors' `references`. (Rows that only exist as part of a
 * record, its participants and fundings, are hidden with it: their access rule is `partOf`. Organisations
 * are never hidden, so references to them are not here.)
 */
const REFERENCE_COLUMNS: Record<string, Record<string, Hideable>> = {};
for (const c of CONCEPT_LIST) {
  for (const [column, target] of Object.entries(c.references)) (REFERENCE_COLUMNS[c.table] ??= {})[column] = target as Hideable;
}

/**
 * The same references inside audit snapshots (`before`, `after`), by record type: a key of the
 * snapshot (the row's own reference columns), or a list of objects each holding the key
 * (`projects: [{ project_id }]`, the descriptors' `snapshotReferences`).
 */
const SNAPSHOT_REFERENCES = registry("record type", CONCEPT_LIST.flatMap((c) => {
  if (!c.record) return [];
  const references = [
    ...Object.entries(c.references).map(([field, target]) => ({ field, target: target as Hideable } as { field: string; key?: string; target: Hideable })),
    ...(c.record.snapshotReferences ?? []).map((r) => ({ ...r, target: r.target as Hideable })),
  ];
  return references.length ? [[c.type, references] as [string, typeof references]] : [];
}));

/**
 * A snapshot (a jsonb expression) with its references to records the viewer may not see set to null,
 * or left out of their list. Field names and record types are the descriptors' constants, written as literals.
 */
function snapshotReferences(access: RowAccess, snapshot: string, recordType: string, params: SqlParams): string {
  const cases: string[] = [];
  for (const [type, references] of Object.entries(SNAPSHOT_REFERENCES)) {
    let read = snapshot;
    for (const { field, key, target } of references) {
      if (key === undefined) {
        const visible = access.refersToVisible(target, `(${read}->>'${field}')::int`, params);
        if (visible !== "true") read = `CASE WHEN ${visible} THEN ${read} ELSE jsonb_set(${read}, '{${field}}', 'null'::jsonb) END`;
      } else {
        const visible = access.refersToVisible(target, `(sr.v->>'${key}')::int`, params);
        if (visible === "true") continue;
        const kept = `(SELECT coalesce(jsonb_agg(sr.v ORDER BY sr.n), '[]'::jsonb)
          FROM jsonb_array_elements(${read}->'${field}') WITH ORDINALITY AS sr(v, n) WHERE ${visible})`;
        read = `CASE WHEN jsonb_typeof(${read}->'${field}') = 'array' THEN jsonb_set(${read}, '{${field}}', ${kept}) ELSE ${read} END`;
      }
    }
    if (read !== snapshot) cases.push(`WHEN '${type}' THEN ${read}`);
  }
  return cases.length ? `CASE ${recordType} ${cases.join(" ")} ELSE ${snapshot} END` : snapshot;
}

type Guard = (access: RowAccess, alias: string, params: SqlParams) => string;

/** A draft row shows only to those responsible for it. */
const ownDraft = (responsible: (a: RowAccess) => Predicate): Guard => (access, a, p) => {
  const allowed = responsible(access)(a, p);
  return allowed === "true" ? "true" : allowed === "false" ? `NOT ${a}.draft` : `(NOT ${a}.draft OR ${allowed})`;
};

/** A row that is part of a record that can be hidden (a project's participant) shows only to those who may see that record. */
const partOfRecord = (target: Hideable, column: string): Guard => (access, a, p) => access.refersToVisible(target, `${a}.${column}`, p);

/** The guard of an access rule; null for public rows. */
function guardOf(rule: AccessRule): Guard | null {
  switch (rule.kind) {
    case "public": return null;
    case "draft": return ownDraft(responsibleOf(rule.responsible));
    case "partOf": return partOfRecord(rule.concept as Hideable, rule.column);
    case "guarded": {
      const guard = rule.guard;
      return (access, a, p) => access[guard](a, p);
    }
  }
}

/** The guards of lists, by source (concept) name. */
const GUARDS: Record<string, Guard> = registry("list source", CONCEPT_LIST.flatMap((c) => {
  const guard = guardOf(c.access);
  return guard ? [[c.name, guard] as [string, Guard]] : [];
}));

/** Which guard applies to a lookup by key, by table (concepts sharing a table share their access rule: a test checks it). */
const TABLE_SOURCES: Record<string, string> = {};
for (const c of CONCEPT_LIST) if (GUARDS[c.name]) TABLE_SOURCES[c.table] ??= c.name;

function projectInScope(pr: string, scope: TerritoryScope, p: SqlParams): string {
  return `(EXISTS (SELECT 1 FROM project_qpv sq JOIN qpv_commune sqc ON sqc.qpv_code = sq.qpv_code
      WHERE sq.project_id = ${pr}.id AND sqc.commune_insee_code IN ${scopeCommunes(scope, p)})
    OR EXISTS (SELECT 1 FROM project_participant sp JOIN organization so ON so.id = sp.organization_id
      WHERE sp.project_id = ${pr}.id AND sp.role = 'LEAD' AND so.commune_insee_code IN ${scopeCommunes(scope, p)}))`;
}

function eventInScope(ev: string, scope: TerritoryScope, p: SqlParams): string {
  const communes = scopeCommunes(scope, p);
  return `(${ev}.commune_insee_code IN ${communes}
    OR ${ev}.qpv_code IN (SELECT eq.qpv_code FROM qpv_commune eq WHERE eq.commune_insee_code IN ${communes}))`;
}

function participates(pr: string, organizationId: number, p: SqlParams): string {
  return `EXISTS (SELECT 1 FROM project_participant op WHERE op.project_id = ${pr}.id AND op.organization_id = ${p.add(organizationId)})`;
}

function organizes(ev: string, organizationId: number, p: SqlParams): string {
  return `EXISTS (SELECT 1 FROM event_organizer eo WHERE eo.event_id = ${ev}.id AND eo.organization_id = ${p.add(organizationId)})`;
}
