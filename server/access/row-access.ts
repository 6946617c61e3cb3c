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

type Guard = (access: RowAccess, alias: string, params: SqlParams) => string;

/** A draft row shows only to those responsible for it. */
const ownDraft = (responsible: (a: RowAccess) => Predicate): Guard => (access, a, p) => {
  const allowed = responsible(access)(a, p);
  return allowed === "true" ? "true" : allowed === "false" ? `NOT ${a}.draft` : `(NOT ${a}.draft OR ${allowed})`;
};

/** A row hanging off a draft project shows only to those responsible for that project. */
const ofProject = (column: string): Guard => (access, a, p) => {
  const allowed = access.project("dp", p);
  if (allowed === "true") return "true";
  const hidden = allowed === "false" ? "dp.draft" : `dp.draft AND NOT ${allowed}`;
  return `NOT EXISTS (SELECT 1 FROM project dp WHERE dp.id = ${a}.${column} AND ${hidden})`;
};

/** The audit trail: admins read all of it, editors the entries of their own organisation's records. */
const auditTrail: Guard = (access, a, p) => {
  const v = access.viewer;
  if (v.role === "ADMIN") return "true";
  if (v.role === "ASSOCIATION_EDITOR") return `${p.add(v.organizationId)}::int = ANY(${a}.organization_ids)`;
  return "false";
};

const GUARDS: Record<string, Guard> = {
  auditEntry: auditTrail,
  project: ownDraft((a) => a.project),
  event: ownDraft((a) => a.event),
  participant: ofProject("project_id"),
  funding: ofProject("project_id"),
};

/** Which guard applies to a lookup by key, by table. */
const TABLE_SOURCES: Record<string, string> = {
  project: "project",
  participation_event: "event",
  project_participant: "participant",
  funding: "funding",
  audit_entry: "auditEntry",
};

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
