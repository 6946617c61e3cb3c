import { AuditEntryFilter } from "../../../schema/args/audit-args";
import { fromGlobalId } from "../../../schema/global-id";
import { compiled, CompiledFilter } from "./compiled-filter";

/** SQL for an audit-trail filter (alias `ae`). */
export function auditConditions(filter: AuditEntryFilter | null | undefined): CompiledFilter {
  const record = filter?.recordId ? fromGlobalId(filter.recordId, "filter.recordId") : null;
  const criteria = {
    recordType: record?.type ?? null,
    recordKey: record?.key ?? null,
    actor: filter?.actorSubject ?? null,
    actions: filter?.actions ?? null,
    since: filter?.since?.toISOString() ?? null,
    until: filter?.until?.toISOString() ?? null,
  };
  return compiled(criteria, (params, c) => {
    const conditions: string[] = [];
    // Only records with integer keys are written through the graph: any other id has no changes.
    if (c.recordType !== null) {
      conditions.push(typeof c.recordKey === "number" ? `ae.record_type = ${params.add(c.recordType)} AND ae.record_id = ${params.add(c.recordKey)}::int` : "false");
    }
    if (c.actor !== null) conditions.push(`ae.actor_subject = ${params.add(c.actor)}`);
    if (c.actions !== null) conditions.push(`ae.action = ANY(${params.add(c.actions)}::text[])`);
    if (c.since !== null) conditions.push(`ae.occurred_at >= ${params.add(c.since)}::timestamptz`);
    if (c.until !== null) conditions.push(`ae.occurred_at < ${params.add(c.until)}::timestamptz`);
    return conditions;
  });
}
