import { CreateEventInput, EventFields, UpdateEventInput } from "../../schema/mutations/activity-inputs";
import { SqlParams } from "../database/sql-params";
import { InputChecks } from "../validation/input-checks";
import { ColumnSpec, columnValues, locationValues, requireFields, text } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, refuseCleared, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkOrganizationIds, checkQpvCodes, decodeId, resolveCommune } from "./references";
import { RecordRef } from "../../schema/mutations/payload";

const EVENT_COLUMNS: Record<string, ColumnSpec> = {
  title: { column: "title", check: text(300, 1) },
  description: { column: "description", check: text(5000) },
  kind: { column: "kind" },
  startsAt: { column: "starts_at" },
  endsAt: { column: "ends_at" },
  venueName: { column: "venue_name", check: text(300) },
  venueAddress: { column: "venue_address", check: text(500) },
  draft: { column: "draft" },
};

const COUNT_MAX = 10_000_000;

/** Column values of an event input that need checks beyond their own field, or the database. */
async function eventValues(tx: MutationTx, checks: InputChecks, input: EventFields, current: Record<string, unknown>) {
  const values = columnValues(checks, input, EVENT_COLUMNS);
  Object.assign(values, locationValues(checks, input.location));
  if (input.communeInseeCode !== undefined) values.commune_insee_code = await resolveCommune(tx, checks, ["communeInseeCode"], input.communeInseeCode);
  if (input.qpvCode !== undefined) {
    if (input.qpvCode !== null) await checkQpvCodes(tx, checks, ["qpvCode"], [input.qpvCode]);
    values.qpv_code = input.qpvCode;
  }
  if (input.projectId !== undefined) values.project_id = await eventProject(tx, checks, input.projectId);
  if (input.attendance !== undefined) {
    const a = input.attendance;
    checks.range(["attendance", "residents"], a?.residents, 0, COUNT_MAX);
    checks.range(["attendance", "associations"], a?.associations, 0, COUNT_MAX);
    checks.range(["attendance", "total"], a?.total, 0, COUNT_MAX);
    values.residents_count = a?.residents ?? null;
    values.associations_count = a?.associations ?? null;
    values.total_count = a?.total ?? null;
  }
  if (input.accessibility !== undefined) {
    checks.distinct(["accessibility"], input.accessibility, 10);
    values.accessibility = input.accessibility ?? [];
  }
  const merged = { ...current, ...values };
  checks.order(["endsAt"], toDate(merged.starts_at), toDate(merged.ends_at));
  if (merged.total_count != null && merged.residents_count != null && (merged.total_count as number) < (merged.residents_count as number)) {
    checks.fail(["attendance", "total"], "must be at least the number of residents.");
  }
  if ((input.organizerIds ?? []).length > 50) checks.fail(["organizerIds"], `must have at most 50 items (got ${input.organizerIds!.length}).`);
  const organizers = await checkOrganizationIds(tx, checks, ["organizerIds"], input.organizerIds ?? []);
  return { values, organizers };
}

function toDate(value: unknown): Date | null {
  return value == null ? null : value instanceof Date ? value : new Date(String(value));
}

/**
 * The project an event belongs to: it must exist and be visible to the viewer (a hidden draft is
 * unknown); an association editor may attach its events only to projects it takes part in.
 */
async function eventProject(tx: MutationTx, checks: InputChecks, id: string | null): Promise<number | null> {
  const key = decodeId(checks, ["projectId"], id, ["CooperationProject"]);
  if (key === null) return null;
  const params = new SqlParams();
  const conditions = [`x.id = ${params.add(key)}`, tx.access.lookupCondition("project", "x", params) ?? "true"];
  const [found] = await tx.query<{ own: boolean }>(`SELECT (${tx.access.project("x", params)}) AS own FROM project x WHERE ${conditions.join(" AND ")}`, params.values);
  if (!found) checks.fail(["projectId"], "no such project.");
  else if (tx.viewer.role === "ASSOCIATION_EDITOR" && !found.own) checks.fail(["projectId"], "must be a project your association takes part in.");
  return key;
}

/**
 * An association editor names its own association as organiser, not others: it may keep the
 * organisers an event already has, and add only itself (co-organisers add themselves).
 */
function checkEditorOrganizers(tx: MutationTx, checks: InputChecks, organizers: (number | null)[], current: number[]): void {
  const v = tx.viewer;
  if (v.role !== "ASSOCIATION_EDITOR") return;
  organizers.forEach((id, i) => {
    if (id !== null && id !== v.organizationId && !current.includes(id)) checks.fail(["organizerIds", i], "you may add only your own association as an organiser.");
  });
}

async function writeOrganizers(tx: MutationTx, id: number, input: EventFields, organizers: (number | null)[]): Promise<void> {
  await tx.replaceGiven("event_organizer", "event_id", id, input.organizerIds, (_, i) => ({ organization_id: organizers[i] }));
}

export async function createEvent(tx: MutationTx, input: CreateEventInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.event;
  requireCreatable(tx, kind, "events");
  const checks = new InputChecks();
  requireFields(checks, input, ["title", "kind", "startsAt", "endsAt", "communeInseeCode"]);
  if (!input.organizerIds?.length) checks.fail(["organizerIds"], "must name at least one organiser.");
  const { values, organizers } = await eventValues(tx, checks, input, {});
  checkEditorOrganizers(tx, checks, organizers, []);
  values.draft ??= false;
  return saveNew(tx, kind, checks, values, (id) => writeOrganizers(tx, id, input, organizers));
}

export async function updateEvent(tx: MutationTx, input: UpdateEventInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.event;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const { values, organizers } = await eventValues(tx, checks, input, locked.row);
  const current = await tx.query<{ id: number }>(`SELECT organization_id AS id FROM event_organizer WHERE event_id = $1`, [id]);
  checkEditorOrganizers(tx, checks, organizers, current.map((r) => r.id));
  refuseCleared(checks, values, { title: "title", kind: "kind", startsAt: "starts_at", endsAt: "ends_at", communeInseeCode: "commune_insee_code", draft: "draft" });
  if (input.organizerIds !== undefined && !input.organizerIds?.length) checks.fail(["organizerIds"], "must name at least one organiser.");
  return saveChanges(tx, kind, id, locked, checks, values, () => writeOrganizers(tx, id, input, organizers));
}
