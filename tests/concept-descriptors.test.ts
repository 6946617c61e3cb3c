import "reflect-metadata";
import {
  GraphQLSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, GraphQLNamedType,
} from "graphql";
import { DataSource } from "typeorm";
import { buildGraphSchema } from "../server/build-schema";
import { NODE_TYPES, toGlobalId } from "../schema/global-id";
import { PUBLIC_ACCESS, RowAccess } from "../server/access/row-access";
import { ANONYMOUS, Viewer } from "../server/access/viewer";
import { writePredicate } from "../server/access/write-policy";
import { TYPE_POLICY } from "../server/cache-control/cache-policy";
import { CONCEPTS } from "../server/concepts";
import { Concept, PUBLIC, relation } from "../server/concepts/concept";
import { Database, openDatabase } from "../server/database/data-source";
import { SqlParams } from "../server/database/sql-params";
import { RECORD_KINDS, WritableKind } from "../server/mutations/record-kinds";
import { LINKS } from "../server/queries/links";
import { SOURCES } from "../server/queries/sources";
import { cloneTemplate } from "./support/test-database";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * Every concept descriptor (server/concepts) is complete and true: against the GraphQL schema (orders,
 * node types), the access rules (no table reachable by node(id) without one), and the migrated database
 * (tables, keys, columns, and every SQL fragment a descriptor holds). Each check is a function of the
 * descriptors, so the last block feeds it broken ones and sees it fail.
 */

const ALL = CONCEPTS as readonly Concept[];

// ---------------------------------------------------------------------------------------------------
// Checks against the schema

/** The concept type a list field returns: a connection's node type, or the list's item type. */
function itemTypeOf(type: GraphQLNamedType): GraphQLNamedType {
  if (isObjectType(type) && type.name.endsWith("Connection")) {
    const edge = getNamedType(type.getFields().edges.type);
    if (isObjectType(edge)) return getNamedType(edge.getFields().node.type);
  }
  return type;
}

/** Every value of the order enum of every list field (its `orderBy`) is an order of the concept of the field's items. */
function orderProblems(schema: GraphQLSchema, concepts: readonly Concept[]): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const orderBy = field.args.find((a) => a.name === "orderBy");
      if (!orderBy) continue;
      const where = `${type.name}.${field.name}`;
      const input = getNamedType(orderBy.type);
      const orderEnum = isInputObjectType(input) ? getNamedType(input.getFields().field?.type) : undefined;
      if (!orderEnum || !isEnumType(orderEnum)) {
        problems.push(`${where}: orderBy is not an order input with an enum \`field\``);
        continue;
      }
      const item = itemTypeOf(getNamedType(field.type));
      const concept = concepts.find((c) => c.type === item.name);
      if (!concept) {
        problems.push(`${where}: lists ${item.name}, which no concept describes`);
        continue;
      }
      for (const value of orderEnum.getValues()) {
        if (!Object.prototype.hasOwnProperty.call(concept.orders, value.value)) {
          problems.push(`${where}: ${orderEnum.name}.${value.name} has no order in concept ${concept.name}`);
        }
      }
    }
  }
  return problems;
}

const KEY_KIND = { integer: "int", text: "text", smallint: "smallint" } as const;

/** Every type implementing Node has one descriptor saying so, known to the global-id codec with its key type; every concept's type is in the schema. */
function nodeProblems(schema: GraphQLSchema, concepts: readonly Concept[]): string[] {
  const problems: string[] = [];
  const nodeTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === "Node"));
  for (const type of nodeTypes) {
    const found = concepts.filter((c) => c.node && c.type === type.name);
    if (found.length !== 1) problems.push(`node type ${type.name}: ${found.length} descriptors with node: true (one expected)`);
  }
  for (const c of concepts) {
    const type = schema.getType(c.type);
    if (!type) problems.push(`concept ${c.name}: type ${c.type} is not in the schema`);
    else if (c.node && !(isObjectType(type) && type.getInterfaces().some((i) => i.name === "Node"))) {
      problems.push(`concept ${c.name}: node: true, but ${c.type} does not implement Node`);
    }
    if (c.node && (NODE_TYPES as Record<string, string>)[c.type] !== KEY_KIND[c.keyType]) {
      problems.push(`concept ${c.name}: NODE_TYPES (schema/global-id.ts) must have ${c.type}: "${KEY_KIND[c.keyType]}"`);
    }
  }
  for (const name of Object.keys(NODE_TYPES)) {
    if (!concepts.some((c) => c.node && c.type === name)) problems.push(`NODE_TYPES.${name}: no concept with node: true`);
  }
  return problems;
}

/**
 * Every lookup (to-one relation read with the rows, see server/queries/read-plan.ts) names a field of
 * the concept's type returning the target concept's type, and a property of the concept's entity.
 */
function lookupProblems(schema: GraphQLSchema, dataSource: DataSource, concepts: readonly Concept[]): string[] {
  const problems: string[] = [];
  for (const c of concepts) {
    const type = schema.getType(c.type);
    const metadata = dataSource.getMetadata(c.entity);
    for (const [name, lookup] of Object.entries(c.lookups)) {
      const where = `concept ${c.name}: lookup ${name}`;
      const target = concepts.find((t) => t.name === lookup.concept);
      const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
      if (!target) problems.push(`${where} names no concept ${lookup.concept}`);
      else if (!field) problems.push(`${where}: ${c.type} has no field ${name}`);
      else if (getNamedType(field.type).name !== target.type) problems.push(`${where}: ${c.type}.${name} returns ${getNamedType(field.type).name}, not ${target.type}`);
      if (![metadata, ...metadata.childEntityMetadatas].some((m) => m.findColumnWithPropertyName(lookup.property))) {
        problems.push(`${where}: ${metadata.name} has no column property ${lookup.property}`);
      }
    }
  }
  return problems;
}

/**
 * Every `reads` entry (what a computed field reads beyond keys, see server/queries/column-plan.ts) names a
 * field with a resolver of one of the concept's types, and properties that are columns of the entity or
 * of the concept it names ("membership.leftOn").
 */
function readsProblems(schema: GraphQLSchema, dataSource: DataSource, concepts: readonly Concept[]): string[] {
  const problems: string[] = [];
  const hasColumn = (entity: Function, property: string) => {
    const metadata = dataSource.getMetadata(entity);
    return [metadata, ...metadata.childEntityMetadatas].some((m) => m.findColumnWithPropertyName(property));
  };
  for (const c of concepts) {
    const type = schema.getType(c.type);
    const objects = isObjectType(type) ? [type] : isInterfaceType(type) ? schema.getPossibleTypes(type) : [];
    for (const [name, properties] of Object.entries(c.reads)) {
      const where = `concept ${c.name}: reads of ${name}`;
      const fields = objects.map((o) => o.getFields()[name]).filter(Boolean);
      if (!fields.length) problems.push(`${where}: ${c.type} has no field ${name}`);
      else if (fields.some((f) => !f.resolve)) problems.push(`${where}: ${c.type}.${name} is a plain field (it reads its own column)`);
      for (const read of properties) {
        const [other, property] = read.includes(".") ? read.split(".") : [c.name, read];
        const target = concepts.find((t) => t.name === other);
        if (!target) problems.push(`${where}: no concept ${other}`);
        else if (!hasColumn(target.entity, property)) problems.push(`${where}: ${target.name} has no column property ${property}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Checks of the access rules (no database)

const ACCESS_KINDS = ["public", "draft", "partOf", "guarded"];

/** Every concept declares who may read its rows; rules name real predicates and hideable concepts; concepts of one table agree. */
function accessProblems(concepts: readonly Concept[]): string[] {
  const problems: string[] = [];
  const probe = new RowAccess(ANONYMOUS) as unknown as Record<string, unknown>;
  const hideable = new Set(concepts.filter((c) => c.access?.kind === "draft").map((c) => c.name));
  for (const c of concepts) {
    const rule = c.access;
    const reach = c.node ? ` (reachable by node(id) as ${c.type})` : "";
    if (!rule || !ACCESS_KINDS.includes(rule.kind)) {
      problems.push(`concept ${c.name}${reach}: no access rule (public, drafts, partOf or guardedBy)`);
      continue;
    }
    if (rule.kind === "draft" && typeof probe[rule.responsible] !== "function") problems.push(`concept ${c.name}: RowAccess has no predicate ${rule.responsible}`);
    if (rule.kind === "guarded" && typeof probe[rule.guard] !== "function") problems.push(`concept ${c.name}: RowAccess has no guard ${rule.guard}`);
    if (rule.kind === "partOf" && !hideable.has(rule.concept)) problems.push(`concept ${c.name}: part of ${rule.concept}, which has no draft rule`);
    for (const [column, target] of Object.entries(c.references)) {
      if (!hideable.has(target)) problems.push(`concept ${c.name}: reference ${column} to ${target}, which has no draft rule`);
    }
    for (const r of c.record?.snapshotReferences ?? []) {
      if (!hideable.has(r.target)) problems.push(`concept ${c.name}: snapshot reference ${r.field} to ${r.target}, which has no draft rule`);
    }
    for (const other of concepts) {
      if (other.table === c.table && other !== c && JSON.stringify([other.access, other.references]) !== JSON.stringify([rule, c.references])) {
        problems.push(`concepts ${c.name} and ${other.name} share table ${c.table} but not their access rule and references`);
      }
    }
    for (const [name, r] of Object.entries(c.relations)) {
      if (r.of && !concepts.some((d) => d.name === r.of)) problems.push(`concept ${c.name}: relation ${name} lists rows of ${r.of}, which is no concept`);
    }
    if (!c.cache?.[c.type]) problems.push(`concept ${c.name}: no cache hint for its type ${c.type}`);
    if (c.record && !c.record.write) problems.push(`concept ${c.name}: a record without a write policy`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Checks against the migrated database

interface DatabaseFacts {
  /** table -> column -> data type */
  columns: Map<string, Map<string, string>>;
  views: Set<string>;
  /** "table.column" of single-column unique indexes */
  uniqueKeys: Set<string>;
  /** foreign keys: table, column, referenced table */
  foreignKeys: { table: string; column: string; target: string }[];
}

async function readFacts(dataSource: DataSource): Promise<DatabaseFacts> {
  const columns = new Map<string, Map<string, string>>();
  const rows: { table_name: string; column_name: string; data_type: string }[] = await dataSource.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`);
  for (const r of rows) {
    if (!columns.has(r.table_name)) columns.set(r.table_name, new Map());
    columns.get(r.table_name)!.set(r.column_name, r.data_type);
  }
  const views: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()`);
  const unique: { table_name: string; column_name: string }[] = await dataSource.query(`
    SELECT c.relname AS table_name, a.attname AS column_name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
    WHERE i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL AND n.nspname = current_schema()`);
  const foreignKeys: { table: string; column: string; target: string }[] = await dataSource.query(`
    SELECT c.relname AS table, a.attname AS column, t.relname AS target
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(k.conkey)
    WHERE k.contype = 'f' AND n.nspname = current_schema()`);
  return {
    columns,
    views: new Set(views.map((v) => v.table_name)),
    uniqueKeys: new Set(unique.map((u) => `${u.table_name}.${u.column_name}`)),
    foreignKeys,
  };
}

/** Columns `alias.column` a SQL fragment names on the concept's own rows. */
function columnsNamed(alias: string, sql: string): string[] {
  return [...sql.matchAll(new RegExp(`(?<![\\w.])${alias}\\.([a-z_][a-z0-9_]*)`, "g"))].map((m) => m[1]);
}

/** Relations listing a concept's rows: its own, and those other concepts declare with `of`. */
function relationsOf(c: Concept, concepts: readonly Concept[]): [string, Concept["relations"][string]][] {
  return concepts.flatMap((d) => Object.entries(d.relations).filter(([, r]) => (r.of ?? d.name) === c.name));
}

/** SQL fragments of a descriptor over its alias: list conditions, orders, relations listing its rows. */
function fragments(c: Concept, concepts: readonly Concept[]): [string, string][] {
  return [
    ...c.where.map((w, i): [string, string] => [`where[${i}]`, w]),
    ...Object.entries(c.orders).map(([name, o]): [string, string] => [`order ${name}`, o.expression]),
    ...relationsOf(c, concepts).map(([name, r]): [string, string] => [`relation ${name}`, r.condition("$1")]),
  ];
}

/** Tables, keys and named columns exist; drafts and references to drafts are all covered by an access rule. */
function tableProblems(facts: DatabaseFacts, concepts: readonly Concept[]): string[] {
  const problems: string[] = [];
  const hideableTables = new Map(concepts.filter((c) => c.access?.kind === "draft").map((c) => [c.table, c.name]));
  for (const c of concepts) {
    const columns = facts.columns.get(c.table);
    if (!columns) {
      problems.push(`concept ${c.name}: no table or view ${c.table} in the database`);
      continue;
    }
    const need = (column: string, what: string) => {
      if (!columns.has(column)) problems.push(`concept ${c.name}: ${what} names ${c.table}.${column}, which does not exist`);
    };
    const keyType = columns.get(c.key);
    if (!keyType) need(c.key, "key");
    else if (keyType !== c.keyType) problems.push(`concept ${c.name}: key ${c.table}.${c.key} is ${keyType}, not ${c.keyType}`);
    else if (!facts.views.has(c.table) && !facts.uniqueKeys.has(`${c.table}.${c.key}`)) problems.push(`concept ${c.name}: key ${c.table}.${c.key} is not unique`);
    for (const [what, sql] of fragments(c, concepts)) {
      for (const column of columnsNamed(c.alias, sql)) need(column, what);
      if (what.startsWith("relation") && !columnsNamed(c.alias, sql).length) problems.push(`concept ${c.name}: ${what} is not a condition over its rows (${c.alias}.*)`);
    }
    for (const column of Object.keys(c.references)) need(column, "references");
    if (c.access?.kind === "partOf") need(c.access.column, "access rule partOf");
    if (c.access?.kind === "draft") need("draft", "access rule drafts");
    // A table with drafts whose concept shows every row would show drafts through lists, lookups and node(id).
    if (columns.has("draft") && c.access?.kind !== "draft") problems.push(`concept ${c.name}: ${c.table} has drafts, but its access rule is ${c.access?.kind ?? "missing"}`);
    // A row naming a record that can be hidden must hide the reference (references) or itself (partOf).
    for (const fk of facts.foreignKeys.filter((k) => k.table === c.table && hideableTables.has(k.target))) {
      const covered = c.references[fk.column] || (c.access?.kind === "partOf" && c.access.column === fk.column);
      if (!covered) problems.push(`concept ${c.name}: ${c.table}.${fk.column} names a ${hideableTables.get(fk.target)}, which can be hidden: declare it in references, or the rows partOf it`);
    }
    if (c.record) {
      for (const column of c.record.generated) need(column, "record.generated");
      need("version", "record (versioned writes)");
      if (c.record.archivable !== false) need("archived_at", "record (archivable)");
    }
  }
  return problems;
}

const DECLARED_TYPES: Record<string, string> = { timestamptz: "timestamp with time zone" };

/** Every SQL fragment of a descriptor runs against the database, and every order has the type it declares. */
async function sqlProblems(dataSource: DataSource, concepts: readonly Concept[]): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, sql: string, params: unknown[] = []) => {
    try {
      return await dataSource.query(sql, params);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
      return null;
    }
  };
  for (const c of concepts) {
    const from = `FROM ${c.table} ${c.alias}`;
    if (c.where.length) await attempt(`concept ${c.name}: where`, `SELECT 1 ${from} WHERE ${c.where.join(" AND ")} LIMIT 0`);
    for (const [name, order] of Object.entries(c.orders)) {
      const rows = await attempt(`concept ${c.name}: order ${name}`,
        `SELECT pg_typeof(v)::text AS type FROM (SELECT (${order.expression}) AS v ${from} UNION ALL SELECT NULL) s LIMIT 1`);
      const declared = DECLARED_TYPES[order.type] ?? order.type;
      if (rows && rows[0].type !== declared) problems.push(`concept ${c.name}: order ${name} is ${rows[0].type}, declared ${order.type}`);
    }
    for (const [name, r] of relationsOf(c, concepts)) {
      await attempt(`concept ${c.name}: relation ${name}`, `SELECT 1 ${from} WHERE ${r.condition(`$1::${r.keyType}`)} LIMIT 0`, [null]);
    }
    if (c.record) {
      const parts = [c.record.organizations, ...Object.values(c.record.links)];
      await attempt(`concept ${c.name}: record snapshot`, `SELECT ${parts.join(", ")} FROM ${c.table} x LIMIT 0`);
    }
  }
  return problems;
}

/** One viewer of each role, to run every derived access and write predicate. */
const VIEWERS: Viewer[] = [
  ANONYMOUS,
  { role: "ADMIN", subject: "a", name: null },
  { role: "POLICY_OFFICER", subject: "p", name: null, territories: { communes: ["59512"], epcis: ["200093201"], departments: ["93"] } },
  { role: "FEDERATION_MANAGER", subject: "f", name: null, networkId: 1 },
  { role: "ASSOCIATION_EDITOR", subject: "e", name: null, organizationId: 1 },
];

// ---------------------------------------------------------------------------------------------------

let schema: GraphQLSchema;
let db: Database;
let dropDatabase: () => Promise<void>;
let facts: DatabaseFacts;

beforeAll(async () => {
  schema = await buildGraphSchema();
  const copy = await cloneTemplate("concept-descriptors");
  dropDatabase = copy.drop;
  db = await openDatabase({ databaseUrl: copy.databaseUrl, dataDir: copy.dataDir });
  facts = await readFacts(db.dataSource);
});

afterAll(async () => {
  await db?.close();
  await dropDatabase?.();
});

describe("concept descriptors", () => {
  it("have unique names, and the registries hold every one of them", () => {
    expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length);
    expect(Object.keys(SOURCES).sort()).toEqual(ALL.map((c) => c.name).sort());
    expect(Object.keys(LINKS).length).toBe(ALL.reduce((n, c) => n + Object.keys(c.relations).length, 0));
    expect(Object.keys(RECORD_KINDS).sort()).toEqual(ALL.filter((c) => c.record).map((c) => c.name).sort());
    for (const c of ALL) expect(TYPE_POLICY[c.type]).toBe(c.cache[c.type]);
  });

  it("give an order for every value of every list field's order enum", () => {
    expect(orderProblems(schema, ALL)).toEqual([]);
  });

  it("describe every node type of the schema, as the global-id codec knows it", () => {
    expect(nodeProblems(schema, ALL)).toEqual([]);
  });

  it("declare lookups that name a field of their type and a key property of their entity", () => {
    expect(lookupProblems(schema, db.dataSource, ALL)).toEqual([]);
  });

  it("declare who may read every concept's rows", () => {
    expect(accessProblems(ALL)).toEqual([]);
  });

  it("guard every lookup by key (node(id)) and every list of a concept that is not public", () => {
    for (const c of ALL) {
      const guarded = c.access.kind !== "public";
      expect([c.name, PUBLIC_ACCESS.lookupCondition(c.table, "x", new SqlParams()) !== null]).toEqual([c.name, guarded]);
      expect([c.name, PUBLIC_ACCESS.listConditions(SOURCES[c.name as keyof typeof SOURCES], new SqlParams()).length > 0]).toEqual([c.name, guarded]);
    }
  });

  it("name tables, keys and columns that exist in the migrated database, and cover its drafts", () => {
    expect(tableProblems(facts, ALL)).toEqual([]);
  });

  it("hold SQL that runs, with orders of the types they declare", async () => {
    expect(await sqlProblems(db.dataSource, ALL)).toEqual([]);
  });

  it("derive access and write predicates that run for every role", async () => {
    const problems: string[] = [];
    for (const viewer of VIEWERS) {
      const access = new RowAccess(viewer);
      for (const c of ALL) {
        const run = async (what: string, build: (p: SqlParams) => string) => {
          const params = new SqlParams();
          const sql = build(params);
          await db.dataSource.query(sql, params.values).catch((e: Error) => problems.push(`${viewer.role} ${c.name} ${what}: ${e.message}`));
        };
        const source = SOURCES[c.name as keyof typeof SOURCES];
        await run("list", (p) => `SELECT 1 FROM ${c.table} ${c.alias} WHERE ${["true", ...c.where, ...access.listConditions(source, p)].join(" AND ")} LIMIT 0`);
        await run("lookup", (p) => {
          const condition = access.lookupCondition(c.table, "x", p) ?? "true";
          const read = Object.values(access.readColumns(c.table, "x", p));
          return `SELECT ${["1", ...read].join(", ")} FROM ${c.table} x WHERE ${condition} LIMIT 0`;
        });
        if (c.record && viewer.role !== "ANONYMOUS") {
          await run("write", (p) => `SELECT (${writePredicate(access, c.name as WritableKind, p)}) FROM ${c.table} x LIMIT 0`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("each check fails on a broken descriptor", () => {
  const named = (name: string) => ALL.find((c) => c.name === name)!;
  it("declare what computed fields read with fields that have a resolver and properties that are columns", () => {
    expect(readsProblems(schema, db.dataSource, ALL)).toEqual([]);
  });

  /** The descriptors with one of them changed. */
  const withChanged = (name: string, change: Partial<Concept>): Concept[] => ALL.map((c) => (c.name === name ? { ...c, ...change } : c));

  it("an order enum value missing from a concept (a masked 500 until now)", () => {
    const { START_DATE: _left, ...orders } = named("project").orders;
    expect(orderProblems(schema, withChanged("project", { orders }))).toEqual(expect.arrayContaining([
      expect.stringContaining("ProjectOrderField.START_DATE has no order in concept project"),
    ]));
  });

  it("a lookup naming a field, a type or a property that is not there", () => {
    const lookups = { ...named("event").lookups, venue: { property: "qpvCode", concept: "qpv" }, project: { property: "projectKey", concept: "project" } };
    expect(lookupProblems(schema, db.dataSource, withChanged("event", { lookups }))).toEqual([
      "concept event: lookup project: ParticipationEvent has no column property projectKey",
      "concept event: lookup venue: ParticipationEvent has no field venue",
    ]);
    const wrongTarget = { ...named("event").lookups, qpv: { property: "qpvCode", concept: "commune" } };
    expect(lookupProblems(schema, db.dataSource, withChanged("event", { lookups: wrongTarget }))).toEqual([
      "concept event: lookup qpv: ParticipationEvent.qpv returns Qpv, not Commune",
    ]);
  });

  it("a computed field's reads naming a field, a concept or a property that is not there", () => {
    const reads = { federated: ["membership.leftOn", "membership.leftBy", "network.name"], name: ["shortName"], neighbours: ["name"] };
    expect(readsProblems(schema, db.dataSource, withChanged("association", { reads }))).toEqual([
      "concept association: reads of federated: membership has no column property leftBy",
      "concept association: reads of federated: no concept network",
      "concept association: reads of name: Association.name is a plain field (it reads its own column)",
      "concept association: reads of neighbours: Association has no field neighbours",
    ]);
  });

  it("a node type without a descriptor", () => {
    expect(nodeProblems(schema, withChanged("qpv", { node: false }))).toEqual(expect.arrayContaining([
      "node type Qpv: 0 descriptors with node: true (one expected)", "NODE_TYPES.Qpv: no concept with node: true",
    ]));
  });

  it("a concept without an access rule, or a public one over a table with drafts (drafts shown through node(id))", () => {
    expect(accessProblems(withChanged("funding", { access: undefined as unknown as Concept["access"] }))).toEqual([
      "concept funding (reachable by node(id) as Funding): no access rule (public, drafts, partOf or guardedBy)",
    ]);
    expect(tableProblems(facts, withChanged("event", { access: PUBLIC }))).toEqual(expect.arrayContaining([
      "concept event: participation_event has drafts, but its access rule is public",
    ]));
    expect(tableProblems(facts, withChanged("funding", { access: PUBLIC }))).toEqual(expect.arrayContaining([
      expect.stringContaining("concept funding: funding.project_id names a project, which can be hidden"),
    ]));
    expect(tableProblems(facts, withChanged("event", { references: {} }))).toEqual(expect.arrayContaining([
      expect.stringContaining("concept event: participation_event.project_id names a project, which can be hidden"),
    ]));
  });

  it("a table, key or column that does not exist, or SQL that does not run", async () => {
    expect(tableProblems(facts, withChanged("theme", { table: "themes" }))).toEqual(["concept theme: no table or view themes in the database"]);
    expect(tableProblems(facts, withChanged("theme", { key: "kode" }))).toEqual(["concept theme: key names theme.kode, which does not exist"]);
    expect(tableProblems(facts, withChanged("stake", { keyType: "integer" }))).toEqual(["concept stake: key stake.number is smallint, not integer"]);
    const orders = { ...named("event").orders, TITLE: { expression: "ev.titel_sort", type: "text" } };
    expect(tableProblems(facts, withChanged("event", { orders }))).toEqual(["concept event: order TITLE names participation_event.titel_sort, which does not exist"]);
    const relations = { ...named("theme").relations, subThemes: relation.text((k) => `parent_code = ${k}`) };
    expect(tableProblems(facts, withChanged("theme", { relations }))).toEqual(["concept theme: relation subThemes is not a condition over its rows (t.*)"]);
    const elsewhere = { ...named("theme").relations, projectsOfTheme: relation.text((k) => `t.code = ${k}`, "project") };
    expect(tableProblems(facts, withChanged("theme", { relations: elsewhere }))).toEqual(["concept project: relation projectsOfTheme is not a condition over its rows (pr.*)"]);
    const wrongType = { ...named("funding").orders, YEAR: { expression: "f.year", type: "integer" } };
    expect(await sqlProblems(db.dataSource, [{ ...named("funding"), orders: wrongType }])).toEqual(["concept funding: order YEAR is smallint, declared integer"]);
    const badSql = { ...named("stake").relations, stakesOfProject: relation.int((k) => `s.number IN (SELECT stake_number FROM project_stakes WHERE project_id = ${k})`) };
    expect(await sqlProblems(db.dataSource, [{ ...named("stake"), relations: badSql }])).toEqual([
      expect.stringContaining("concept stake: relation stakesOfProject: relation \"project_stakes\" does not exist"),
    ]);
  });
});

describe("node(id) over HTTP, for every node type", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("concept-descriptors-http");
    // Drafts to hide: a project with participants and fundings, and an event.
    await server.app.dataSource.query(`UPDATE project SET draft = true WHERE id = (SELECT min(project_id) FROM funding)`);
    await server.app.dataSource.query(`UPDATE participation_event SET draft = true WHERE id = (SELECT min(id) FROM participation_event)`);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("resolves a public record of each node type to its type, and answers null for one anonymous users may not see", async () => {
    const answers: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const c of ALL.filter((c) => c.node)) {
      const params = new SqlParams();
      const condition = PUBLIC_ACCESS.lookupCondition(c.table, c.alias, params);
      const kind = c.where.filter((w) => w.includes(`${c.alias}.kind`));
      const sample = async (visible: boolean) => {
        const where = [...kind, visible ? condition ?? "true" : `NOT (${condition})`];
        const [row] = await server.app.dataSource.query(`SELECT ${c.alias}.${c.key} AS key FROM ${c.table} ${c.alias} WHERE ${where.join(" AND ")} ORDER BY 1 LIMIT 1`, params.values);
        return row?.key as string | number | undefined;
      };
      const shown = await sample(true);
      if (shown === undefined) {
        // Only an empty table has no record to show (the paper's proposals are loaded by their own command).
        const [{ count }] = await server.app.dataSource.query(`SELECT count(*)::int AS count FROM ${c.table}`);
        expect([c.name, count]).toEqual([c.name, 0]);
        continue;
      }
      const hidden = condition ? await sample(false) : undefined;
      if (condition) expect([c.name, hidden]).not.toEqual([c.name, undefined]);
      for (const [key, seen] of [[shown, true], [hidden, false]] as const) {
        if (key === undefined) continue;
        const id = toGlobalId(c.type as keyof typeof NODE_TYPES, key);
        const { data, errors } = await server.post(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id });
        expect(errors).toBeUndefined();
        answers[`${c.type}:${key}`] = data.node;
        expected[`${c.type}:${key}`] = seen ? { __typename: c.type, id } : null;
      }
    }
    expect(answers).toEqual(expected);
    // The hidden ones: the draft project, its participants and fundings, the draft event.
    expect(Object.values(expected).filter((v) => v === null)).toHaveLength(4);
  });
});
