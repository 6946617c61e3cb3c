import type { RowAccess } from "../access/row-access";
import type { Role, Viewer } from "../access/viewer";
import type { CacheHint } from "../cache-control/cache-hints";
import type { SqlParams } from "../database/sql-params";
import type { ListOrder } from "../queries/list-source";
import { NODE_TYPES, NodeTypeName } from "../../schema/global-id";

/**
 * One descriptor per concept of the graph (a project, an event, a QPV...): what the engine, the access
 * rules, the write side and the cache policy need to know of it, in one place next to its entity and
 * resolver. The registries (SOURCES, LINKS, RowAccess's tables, node types, RECORD_KINDS, the write
 * policy, the cache policy) are derived from the descriptors listed in ./index.ts, and
 * tests/concept-descriptors.test.ts checks every descriptor against the schema and the database.
 *
 * Descriptors are data: they import entities and small SQL constants, never the registries they feed
 * (row-access.ts, sources.ts... import them), so type-only imports above.
 */

/** SQL type of a key, as list cursors and parent links cast it. */
export type KeyType = "integer" | "text" | "smallint";

/**
 * How a nested list's rows relate to a parent: a condition over the rows (under their concept's alias)
 * and the parent key, a SQL reference. The rows are the declaring concept's, or those of the concept
 * `of` names: a new concept declares its links to existing ones in its own file (`projectsOfFundingCall`).
 */
export interface Relation {
  keyType: KeyType;
  condition: (parentKey: string) => string;
  /** The concept whose rows the relation lists, when not the declaring one. */
  of?: string;
}

/**
 * A to-one relation: a field of the concept's GraphQL type that loads one record of `concept` (by its
 * lookup entity, as the field's resolver does with `byKey`) from the key in the entity's `property`.
 * When an operation selects the field, the statement reading the rows also reads the related row
 * (server/queries/read-plan.ts), so the field costs no statement of its own.
 */
export interface Lookup {
  property: string;
  concept: string;
}

/** Relations by the type of the parent key. */
export const relation = {
  int: (condition: (k: string) => string, of?: string): Relation => ({ keyType: "integer", condition, ...(of ? { of } : {}) }),
  text: (condition: (k: string) => string, of?: string): Relation => ({ keyType: "text", condition, ...(of ? { of } : {}) }),
  smallint: (condition: (k: string) => string, of?: string): Relation => ({ keyType: "smallint", condition, ...(of ? { of } : {}) }),
};

/** The viewers "responsible" for a record, as RowAccess decides them (its public predicates). */
export type Responsible = "organization" | "project" | "event";
/** Rules of their own, methods of RowAccess. */
export type NamedGuard = "auditTrail";

/**
 * Who may read the rows of a concept, wherever they are read (lists, nested lists, counts, lookups by key,
 * `node(id)`). Required of every concept: a concept without one fails tests/concept-descriptors.test.ts.
 */
export type AccessRule =
  /** Every row is public (reference data; records without drafts). */
  | { kind: "public" }
  /** Rows with `draft` set show only to the viewers `RowAccess[responsible]` accepts; the others are public. */
  | { kind: "draft"; responsible: Responsible }
  /** Rows exist only as part of a record of `concept` (a draft rule's), the one `column` names: hidden with it. */
  | { kind: "partOf"; concept: string; column: string }
  /** A rule of its own (RowAccess's method `guard`). */
  | { kind: "guarded"; guard: NamedGuard };

export const PUBLIC = { kind: "public" } as const;
export const drafts = <R extends Responsible>(responsible: R) => ({ kind: "draft", responsible }) as const;
export const partOf = <C extends string>(concept: C, column: string) => ({ kind: "partOf", concept, column }) as const;
export const guardedBy = <G extends NamedGuard>(guard: G) => ({ kind: "guarded", guard }) as const;

type Identified = Exclude<Viewer, { role: "ANONYMOUS" }>;
/**
 * Who may write a record, by role, as a SQL predicate over the record under alias `x` (evaluated inside the
 * mutation's transaction, on the row before and after the change). Admins write everything; a role not
 * listed writes nothing; anonymous users write nothing.
 */
export type WritePolicy = {
  [R in Exclude<Role, "ADMIN">]?: (access: RowAccess, viewer: Extract<Identified, { role: R }>, params: SqlParams) => string;
};

/** What the write side (mutations, archiving, audit trail) knows of a concept's records. */
export interface RecordSpec {
  /** Generated columns, left out of audit snapshots. */
  generated: string[];
  /** Related rows an audit snapshot includes: name -> SQL reading them for the record under alias `x`. */
  links: Record<string, string>;
  /** SQL: the organisations whose editors may read the record's audit trail (record under alias `x`). */
  organizations: string;
  /** false for records that are corrected, never archived; archivable otherwise. */
  archivable?: false;
  /**
   * References to hideable records inside snapshot `links` (the row's own reference columns, see
   * `references`, are added): a key of the snapshot, or a list of objects each holding `key`.
   */
  snapshotReferences?: { field: string; key?: string; target: string }[];
  write: WritePolicy;
}

/** What a descriptor says; `defineConcept` fills the defaults. */
export interface ConceptSpec<N extends string, O extends string, L extends string, A extends AccessRule, R extends RecordSpec | undefined> {
  /** Unique name: the list source's name (SOURCES[name]) and the record kind's. */
  name: N;
  /** The entity its lists hydrate. */
  entity: Function;
  /** The entity lookups by key and `node(id)` load, when not `entity` (associations and partners load as organisations). */
  lookupEntity?: Function;
  /** Its GraphQL object (or interface) type. */
  type: string;
  /** Whether `type` implements Node: its global id is `type` and the key (schema/global-id.ts's NODE_TYPES). */
  node?: boolean;
  table: string;
  alias: string;
  /** Key column (unique): the tie-breaker of every order, the cursor's last resort, what relations and lookups use. */
  key: string;
  keyType: KeyType;
  /** Conditions every list applies (e.g. kind, archived rows left out), over `alias`. */
  where?: string[];
  /** Orders clients (GraphQL order enums) and resolvers may ask for: SQL expression over `alias`, never null, and its type. */
  orders: Record<O, ListOrder>;
  /** Nested lists of this concept's rows, by parent link name (LINKS[name]); conditions over `alias`. */
  relations?: Record<L, Relation>;
  /** To-one relations by GraphQL field name: loaded with the rows when an operation selects them. */
  lookups?: Record<string, Lookup>;
  /**
   * What computed fields (those with a resolver) read besides keys and the columns no field shows (foreign
   * keys, flags), when they do: field -> entity properties of the record, or `"<concept>.<property>"` of rows
   * of another concept the resolver loads (an association's `federated` reads its memberships). Reads plan the columns an
   * operation selects (server/queries/column-plan.ts): a column a client can select as a plain field is
   * read only when the operation selects that field or a computed field that declares it here.
   */
  reads?: Record<string, string[]>;
  access: A;
  /** Columns of rows that show on their own while naming a record that can be hidden (a draft rule's concept): column -> that concept. */
  references?: Record<string, string>;
  /** Present for the concepts mutations write (audit trail, archiving, write policy). */
  record?: R;
  /** Cache hints of its GraphQL types (`Type`) and fields (`Type.field`), gathered by server/cache-control/cache-policy.ts. */
  cache: Record<string, CacheHint>;
}

/** A descriptor with its defaults filled. */
export interface Concept<N extends string = string, O extends string = string, L extends string = string, A extends AccessRule = AccessRule, R extends RecordSpec | undefined = RecordSpec | undefined>
  extends Omit<ConceptSpec<N, O, L, A, R>, "where" | "relations" | "lookups" | "reads" | "references" | "record" | "node" | "lookupEntity"> {
  lookupEntity: Function;
  lookups: Record<string, Lookup>;
  reads: Record<string, string[]>;
  node: boolean;
  where: string[];
  relations: Record<L, Relation>;
  references: Record<string, string>;
  record: R;
}

const KEY_KIND = { integer: "int", text: "text", smallint: "smallint" } as const;

/**
 * Declares a concept. Checks at once what needs no database: a node type known to the global-id codec with
 * the same key type, relation conditions over the concept's own alias. The rest (schema, database) is
 * tests/concept-descriptors.test.ts.
 */
export function defineConcept<
  const N extends string, O extends string, L extends string = never, A extends AccessRule = AccessRule,
  R extends RecordSpec | undefined = undefined,
>(spec: ConceptSpec<N, O, L, A, R>): Concept<N, O, L, A, R> {
  if (!spec.access || !["public", "draft", "partOf", "guarded"].includes(spec.access.kind)) {
    // Nothing may be read without a rule: lists, lookups and node(id) would show every row, drafts included.
    throw new Error(`concept ${spec.name}: no access rule (PUBLIC, drafts(...), partOf(...) or guardedBy(...))`);
  }
  if (spec.node) {
    const kind = (NODE_TYPES as Record<string, string>)[spec.type];
    if (kind !== KEY_KIND[spec.keyType]) {
      throw new Error(`concept ${spec.name}: node type ${spec.type} must be in schema/global-id.ts's NODE_TYPES with key "${KEY_KIND[spec.keyType]}" (found ${kind})`);
    }
  }
  return {
    ...spec,
    lookupEntity: spec.lookupEntity ?? spec.entity,
    node: spec.node ?? false,
    where: spec.where ?? [],
    relations: spec.relations ?? ({} as Record<L, Relation>),
    lookups: spec.lookups ?? {},
    reads: spec.reads ?? {},
    references: spec.references ?? {},
    record: spec.record as R,
  };
}

/** The node type of a concept whose type implements Node. */
export function nodeTypeOf(concept: Concept): NodeTypeName | null {
  return concept.node ? (concept.type as NodeTypeName) : null;
}

/** Orders by folded name or title (accents, case, punctuation; see `sort_key` in the migrations) and creation time. */
export const byName = <A extends string>(alias: A) => ({ NAME: { expression: `${alias}.name_sort`, type: "text" } });
export const byCreation = <A extends string>(alias: A) => ({ CREATED_AT: { expression: `${alias}.created_at`, type: "timestamptz" } });

/** SQL: the rows a query returns, as a jsonb array (a part of an audit snapshot; the record under alias `x`). */
export const snapshotList = (sql: string) => `(SELECT coalesce(jsonb_agg(v), '[]'::jsonb) FROM (${sql}) v)`;

/** A concept's record spec (typed here, so that the descriptor's type says it has one: RECORD_KINDS and WritableKind are derived from that). */
export const writable = (spec: RecordSpec): RecordSpec => spec;
