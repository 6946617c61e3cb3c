import { EntityManager } from "typeorm";
import { RowAccess } from "../access/row-access";
import { Viewer } from "../access/viewer";
import { writePredicate } from "../access/write-policy";
import { SqlParams } from "../database/sql-params";
import { MutationFailure } from "./mutation-failure";
import { RecordKind } from "./record-kinds";

export type AuditAction = "CREATE" | "UPDATE" | "ARCHIVE" | "RESTORE";
type Identified = Exclude<Viewer, { role: "ANONYMOUS" }>;
type Row = Record<string, unknown>;

/** A record locked for a change: its current row (database column names) and its snapshot for the audit trail. */
export interface LockedRecord {
  row: Row;
  /** JSON text, stored as it is (a round trip through JavaScript would rewrite numerics such as 1.50). */
  snapshot: string;
}

/**
 * One mutation's transaction: typed helpers for the writes every service makes (insert, versioned
 * update, replacing related rows), the write-permission checks, and the audit trail, all on the
 * transaction's own connection.
 */
export class MutationTx {
  constructor(
    private readonly manager: EntityManager,
    readonly viewer: Identified,
    readonly access: RowAccess,
  ) {}

  async query<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.manager.queryRunner!.query(sql, params, true);
    return result.records as T[];
  }

  /** Inserts one row and returns its id. */
  async insert(table: string, values: Row): Promise<number> {
    const params = new SqlParams();
    const columns = Object.keys(values);
    const placeholders = columns.map((c) => params.add(values[c]));
    const [row] = await this.query<{ id: number }>(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders.join(", ")}) RETURNING id`,
      params.values,
    );
    return row.id;
  }

  /** Updates a locked row (its version already checked), incrementing its version. */
  async update(table: string, id: number, values: Row): Promise<void> {
    const params = new SqlParams();
    const sets = Object.keys(values).map((c) => `${c} = ${params.add(values[c])}`);
    await this.query(
      `UPDATE ${table} SET ${[...sets, "version = version + 1", "updated_at = now()"].join(", ")} WHERE id = ${params.add(id)}`,
      params.values,
    );
  }

  /** Replaces the rows of a link table that belong to one parent (a list given in full replaces the previous one). */
  async replaceRows(table: string, parentColumn: string, parentId: number, rows: Row[]): Promise<void> {
    await this.query(`DELETE FROM ${table} WHERE ${parentColumn} = $1`, [parentId]);
    await this.insertRows(table, parentColumn, parentId, rows);
  }

  /** Inserts rows of a link table for one parent, in one statement. */
  async insertRows(table: string, parentColumn: string, parentId: number, rows: Row[]): Promise<void> {
    if (!rows.length) return;
    const columns = [parentColumn, ...Object.keys(rows[0])];
    const params = new SqlParams();
    const tuples = rows.map((row) => `(${params.add(parentId)}, ${Object.keys(rows[0]).map((c) => params.add(row[c])).join(", ")})`);
    await this.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, params.values);
  }

  /** Archives (at the transaction's time, like `updated_at` and the audit entry) or restores a locked row, with the other columns that change with it. */
  async setArchived(table: string, id: number, archived: boolean, values: Row = {}): Promise<void> {
    const params = new SqlParams();
    const sets = Object.keys(values).map((c) => `${c} = ${params.add(values[c])}`);
    const archivedAt = `archived_at = CASE WHEN ${params.add(archived)}::boolean THEN now() END`;
    await this.query(
      `UPDATE ${table} SET ${[archivedAt, ...sets, "version = version + 1", "updated_at = now()"].join(", ")} WHERE id = ${params.add(id)}`,
      params.values,
    );
  }

  /** Replaces a parent's link rows with those of a list an input gives; a list left out (undefined) leaves them. */
  async replaceGiven<T>(table: string, parentColumn: string, parentId: number, list: T[] | null | undefined, row: (item: T, i: number) => Row): Promise<void> {
    if (list !== undefined) await this.replaceRows(table, parentColumn, parentId, (list ?? []).map(row));
  }

  /**
   * Locks a record for a change and checks, in this order: it exists and this viewer may see it
   * (NOT_FOUND otherwise, so hidden drafts stay hidden), this viewer may write it (FORBIDDEN), and the
   * client changes the version it read (VERSION_CONFLICT).
   */
  async lock(kind: RecordKind, id: number, version: number | null): Promise<LockedRecord> {
    const params = new SqlParams();
    const key = params.add(id);
    const visible = this.access.lookupCondition(kind.table, "x", params) ?? "true";
    const writable = writePredicate(this.access, kind.name, params);
    const kindCondition = kind.table === "organization" ? ` AND x.kind = '${kind.name === "partner" ? "PARTNER" : "ASSOCIATION"}'` : "";
    // Lock first, then judge: the predicates read the locked row's committed state.
    const [locked] = await this.query(`SELECT x.id FROM ${kind.table} x WHERE x.id = ${key}${kindCondition} FOR NO KEY UPDATE`, params.values.slice(0, 1));
    if (!locked) throw MutationFailure.of("NOT_FOUND", "No such record.", ["input", "id"]);
    const [found] = await this.query<{ row: Row; visible: boolean; writable: boolean; snapshot: string }>(
      `SELECT to_jsonb(x) AS row, (${visible}) AS visible, (${writable}) AS writable, (${snapshotExpression(kind)})::text AS snapshot
       FROM ${kind.table} x WHERE x.id = ${key}`,
      params.values,
    );
    if (!found.visible) throw MutationFailure.of("NOT_FOUND", "No such record.", ["input", "id"]);
    if (!found.writable) throw MutationFailure.of("FORBIDDEN", "You may not change this record.", ["input", "id"]);
    if (version !== null && found.row.version !== version) {
      throw MutationFailure.of("VERSION_CONFLICT", `The record changed since you read it (version ${version}, now ${found.row.version}): read it again.`, ["input", "version"]);
    }
    return { row: found.row, snapshot: found.snapshot };
  }

  /** After a write: the viewer must still be allowed to write the record as it now is (e.g. still in scope). */
  async requireWritable(kind: RecordKind, id: number, why: string): Promise<void> {
    const params = new SqlParams();
    const key = params.add(id);
    const [row] = await this.query<{ writable: boolean }>(
      `SELECT (${writePredicate(this.access, kind.name, params)}) AS writable FROM ${kind.table} x WHERE x.id = ${key}`,
      params.values,
    );
    if (!row?.writable) throw MutationFailure.of("FORBIDDEN", why, ["input"]);
  }

  /** Appends an audit entry: who, when (the transaction's time), what, before and after. */
  async audit(kind: RecordKind, id: number, action: AuditAction, before: string | null): Promise<void> {
    await this.query(
      `INSERT INTO audit_entry (actor_subject, actor_role, action, record_type, record_id, organization_ids, before, after)
       SELECT $1, $2, $3, $4, x.id, ${kind.organizations}, $5::jsonb, ${snapshotExpression(kind)}
       FROM ${kind.table} x WHERE x.id = $6`,
      [this.viewer.subject, this.viewer.role, action, kind.nodeTypes[0], before, id],
    );
  }
}

/** The audit snapshot of a record under alias `x`: its row without generated columns, with its related rows. */
function snapshotExpression(kind: RecordKind): string {
  const drop = kind.generated.length ? ` - '{${kind.generated.join(",")}}'::text[]` : "";
  const links = Object.entries(kind.links).map(([name, sql]) => `'${name}', ${sql}`);
  return links.length ? `((to_jsonb(x)${drop}) || jsonb_build_object(${links.join(", ")}))` : `(to_jsonb(x)${drop})`;
}
