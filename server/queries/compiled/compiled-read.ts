import {
  DocumentNode, FragmentDefinitionNode, getNamedType, getVariableValues, GraphQLField, GraphQLObjectType, GraphQLOutputType, GraphQLResolveInfo,
  GraphQLSchema, isListType, isNonNullType, Kind, OperationDefinitionNode,
} from "graphql";
import { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { getArgumentValues } from "graphql/execution/values";
import { EntityMetadata } from "typeorm";
import type { RequestContext } from "../../context";
import { SqlParams } from "../../database/sql-params";
import { listStatementParts, scopedPageStatement } from "../page-query";
import { ListRequest, ListSource } from "../list-source";
import { RowList } from "../row-list";
import { Capture, Captured, NotCompilable, ParentKey } from "./capture";
import { ConnectionPart, encoderOf, FieldShape, ObjectShape, OperationShape, RelationShape, shapeOf, sqlText, YIELD_MARK } from "./read-shape";

/**
 * The compiled read path: a query operation whose every field is a column, a global id, a type name or a
 * relation the engine lists (read-shape.ts) is answered by one SQL statement that builds the whole
 * `data` JSON in PostgreSQL, as the raw-SQL baseline does, instead of rows hydrated into entities and
 * completed field by field by graphql-js. The statement is made of the same parts as the loaders' (the
 * list sources, parent links, filters, orders, cursors, access predicates and column reads of
 * page-query.ts and RowAccess), taken from what each relation field's own resolver asks (capture.ts),
 * so both paths answer the same. Whatever it cannot answer exactly as graphql-js would (an error to
 * report, a null in a non-null field, a resolver it cannot read) yields to graphql-js for the request.
 */

/** MAILLAGE_COMPILED_TRACE=true: why a request yielded to graphql-js, on stderr (development). */
const trace = process.env.MAILLAGE_COMPILED_TRACE === "true" ? (what: string, error: unknown) => console.error(`compiled read: ${what}:`, error) : () => undefined;

const JSON_PAIRS_MAX = 50; // json_build_object takes at most 100 arguments

const shapes = new WeakMap<DocumentNode, Map<string, OperationShape | null>>();

function shapeFor(ctx: RequestContext, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationShape | null {
  let byOperation = shapes.get(document);
  if (!byOperation) shapes.set(document, (byOperation = new Map()));
  const name = operation.name?.value ?? "";
  let shape = byOperation.get(name);
  if (shape === undefined) byOperation.set(name, (shape = shapeOf(schema, ctx.loaders.dataSource, document, operation)));
  return shape;
}

const base64url = (sql: string) => `translate(encode(convert_to(${sql}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;

function jsonObject(pairs: [string, string][]): string {
  if (pairs.length > JSON_PAIRS_MAX) throw new NotCompilable("too many fields for one JSON object");
  return `json_build_object(${pairs.map(([key, value]) => `${sqlText(key)}, ${value}`).join(", ")})`;
}

/** Columns a level's rows must read, by database name. */
type Needed = Set<string>;

/** The rows of one level, under `alias`: what its relations read of them (the column of a property) and what they are (the class resolvers receive). */
interface Level {
  alias: string;
  needed: Needed;
  columnOf(property: string): string | undefined;
  rowClass: Function;
}

function entityLevel(alias: string, needed: Needed, metadata: EntityMetadata): Level {
  return {
    alias, needed, rowClass: metadata.target as Function,
    columnOf: (property) => [metadata, ...metadata.childEntityMetadatas].map((m) => m.findColumnWithPropertyName(property)).find(Boolean)?.databaseName,
  };
}

function rowsLevel(alias: string, needed: Needed, rows: RowList): Level {
  return { alias, needed, rowClass: rows.rowClass, columnOf: (property) => rows.columns[property]?.column };
}

class StatementBuilder {
  readonly params = new SqlParams();
  private aliases = 0;

  constructor(
    private readonly ctx: RequestContext,
    private readonly schema: GraphQLSchema,
    private readonly operation: OperationDefinitionNode,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  private alias(): string {
    return `c${++this.aliases}`;
  }

  async root(shape: OperationShape): Promise<string> {
    const pairs: [string, string][] = [];
    for (const field of shape.fields) {
      pairs.push([field.key, field.kind === "typename" ? `${sqlText(this.schema.getQueryType()!.name)}::text` : await this.relation(field, null)]);
    }
    return `SELECT ${jsonObject(pairs)}::text AS data`;
  }

  /**
   * Calls the relation field's resolver with capturing loaders: the list or record it asks for. A relation
   * of an interface: each implementation's resolver, which must all ask the same.
   */
  private async capture(relation: RelationShape, parent: Level | null): Promise<Captured> {
    if (!relation.implementations) return this.captureOne(relation, relation.parentType, relation.field, parent);
    const captures = [];
    for (const { type, field } of relation.implementations) captures.push(await this.captureOne(relation, type, field, parent));
    const [first, ...others] = captures;
    if (!others.every((other) => sameCapture(first, other))) throw new NotCompilable(`${relation.key}: implementations ask differently`);
    return first;
  }

  private async captureOne(
    relation: RelationShape, parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, parent: Level | null,
  ): Promise<Captured> {
    const root = parent === null;
    const capture = new Capture(this.ctx.loaders.access, this.ctx.loaders.dataSource, parent ? parent.rowClass : null);
    const node = relation.nodes[0];
    const args = getArgumentValues(field, node, this.variables);
    const info = {
      fieldName: field.name, fieldNodes: relation.nodes, returnType: field.type, parentType,
      path: { prev: undefined, key: relation.key, typename: parentType.name }, schema: this.schema, fragments: this.fragments,
      rootValue: undefined, operation: this.operation, variableValues: this.variables,
    } as unknown as GraphQLResolveInfo;
    if (!field.resolve) throw new NotCompilable(`${parentType.name}.${field.name} has no resolver`);
    const value = await field.resolve(root ? undefined : capture.parent, args, { ...this.ctx, loaders: capture.loaders }, info);
    try {
      return await capture.result(value, root);
    } catch (error) {
      if (error instanceof NotCompilable) error.message = `${parentType.name}.${field.name}: ${error.message}`;
      throw error;
    }
  }

  /** SQL of a parent key: a column of the parent's rows (read through the viewer's column rules) or a parameter. */
  private parentKey(key: ParentKey, parent: Level | null, type: string): string {
    if ("value" in key) return `${this.params.add(key.value)}::${type}`;
    if (!parent) throw new NotCompilable("a root field keyed by a property");
    const column = parent.columnOf(key.property);
    if (!column) throw new NotCompilable(`no column for ${key.property}`);
    parent.needed.add(column);
    return `${parent.alias}.${column}`;
  }

  /** SQL giving a relation's JSON for the parent row under `parent.alias` (or for the root). */
  private async relation(relation: RelationShape, parent: Level | null): Promise<string> {
    const captured = await this.capture(relation, parent);
    const target = relation.target;
    if (target.kind === "lookup") {
      const metadata = target.object.metadata;
      if (captured.kind !== "lookup" || !metadata || captured.entity !== metadata.target) throw new NotCompilable("not the lookup the type says");
      const primary = metadata.primaryColumns[0];
      if (typeof primary.type !== "string") throw new NotCompilable("a key of no SQL type");
      const key = this.parentKey(captured.key, parent, primary.type);
      const row = this.alias();
      const needed: Needed = new Set([primary.databaseName]);
      const json = await this.object(target.object, entityLevel(row, needed, metadata));
      const x = this.alias();
      const columns = [...needed];
      const read = this.ctx.loaders.access.readColumns(metadata.tableName, x, this.params, columns);
      const conditions = [`${x}.${primary.databaseName} = ${key}`];
      const visible = this.ctx.loaders.access.lookupCondition(metadata.tableName, x, this.params);
      if (visible) conditions.push(visible);
      const kind = this.kindCondition(target.object, x);
      if (kind) conditions.push(kind);
      const sql = `(SELECT ${json} FROM (SELECT ${columns.map((c) => `${read[c] ?? `${x}.${c}`} AS ${c}`).join(", ")} FROM ${metadata.tableName} ${x}
        WHERE ${conditions.join(" AND ")}) ${row})`;
      return relation.nonNull ? `coalesce(${sql}, '${YIELD_MARK}'::json)` : sql;
    }
    if (target.kind === "list" && captured.kind === "rows") {
      const { rows } = captured;
      if (target.object.concept || rows.type !== target.object.typeName) throw new NotCompilable("not the rows the type says");
      const x = this.alias();
      const parentCondition = `${x}.${rows.parentColumn} = ${this.parentKey(captured.parent, parent, "int")}`;
      const row = this.alias();
      const needed: Needed = new Set();
      const json = await this.object(target.object, rowsLevel(row, needed, rows), rows);
      const columns = [...needed].map((c) => `${x}.${c} AS ${c}`).join(", ");
      return `(SELECT coalesce(json_agg(${json} ORDER BY ${row}.__n), '[]'::json) FROM (SELECT ${columns}, row_number() OVER (ORDER BY ${rows.order}) AS __n
        FROM ${rows.table} ${x} WHERE ${parentCondition}${rows.where ? ` AND ${rows.where}` : ""}) ${row})`;
    }
    if (target.kind === "list") {
      const metadata = target.object.metadata;
      if (captured.kind !== "list" || !metadata || captured.source.entity !== metadata.target) throw new NotCompilable("not the list the type says");
      const { source, link, request } = captured;
      const parentCondition = link.condition(this.parentKey(captured.parent, parent, link.keyType));
      const row = this.alias();
      const needed: Needed = new Set();
      const json = await this.object(target.object, entityLevel(row, needed, metadata));
      const { from, orderBy } = listStatementParts(this.ctx.loaders.access, source, { ...request, after: null }, this.params, parentCondition, false);
      const columns = this.columns(source, needed);
      return `(SELECT coalesce(json_agg(${json} ORDER BY ${row}.__n), '[]'::json) FROM (SELECT ${columns}, row_number() OVER (${orderBy}) AS __n ${from}) ${row})`;
    }
    if (captured.kind !== "connection") throw new NotCompilable("not the connection the type says");
    return this.connection(target.parts, captured, parent);
  }

  /**
   * A lookup typed as one kind of a table shared by several (an Association read as an organisation):
   * only a row of that kind, as the resolvers' `instanceof` checks (findOrganization) keep.
   */
  private kindCondition(object: ObjectShape, alias: string): string | null {
    const { metadata, concept } = object;
    if (!metadata || !concept || object.typeByDiscriminator || !metadata.discriminatorColumn || concept.entity === metadata.target) return null;
    const child = metadata.childEntityMetadatas.find((m) => m.target === concept.entity);
    if (!child || child.discriminatorValue === undefined) throw new NotCompilable(`no discriminator value for ${object.typeName}`);
    return `${alias}.${metadata.discriminatorColumn.databaseName} = ${sqlText(String(child.discriminatorValue))}`;
  }

  /** The columns of a list's rows, read as the viewer may read them (RowAccess.readColumns), the key always. */
  private columns(source: ListSource, needed: Needed): string {
    const a = source.alias;
    needed.add(source.key.slice(a.length + 1));
    const columns = [...needed];
    const read = this.ctx.loaders.access.readColumns(source.table, a, this.params, columns);
    return columns.map((c) => `${read[c] ?? `${a}.${c}`} AS ${c}`).join(", ");
  }

  private async connection(
    parts: ConnectionPart[], captured: Extract<Captured, { kind: "connection" }>, parent: Level | null,
  ): Promise<string> {
    const { source, link, request } = captured;
    if (request.first === undefined) throw new NotCompilable("a connection without a page size");
    if (link && !captured.parent) throw new NotCompilable("a nested connection without its parent");
    const parentCondition = link && captured.parent ? link.condition(this.parentKey(captured.parent, parent, link.keyType)) : null;
    const access = this.ctx.loaders.access;
    // A top-level list whose filter keeps a territory reads it as the loaders do (page-query.ts, pageStatement):
    // its total by the territory's rows, its page by the route chosen as the statement runs.
    const scope = link ? undefined : request.scope;
    const counted = () => {
      const { from } = listStatementParts(access, source, request, this.params, parentCondition, false, scope?.reading);
      return `(SELECT count(*)::int ${from})`;
    };
    const readsPage = parts.some((p) => p.kind === "edges" || (p.kind === "pageInfo" && p.parts.some((i) => i.name !== "__typename" && i.name !== "hasPreviousPage")));
    if (!readsPage) {
      return jsonObject(parts.map((p): [string, string] => [p.key, p.kind === "totalCount" ? counted() : p.kind === "pageInfo" ? this.pageInfo(p, "", "", "") : `${sqlText(p.typeName)}::text`]));
    }
    const row = this.alias();
    const needed: Needed = new Set();
    const first = `${this.params.add(request.first)}::int`;
    const keyColumn = source.key.slice(source.alias.length + 1);
    const cursor = base64url(`${sqlText(JSON.stringify([source.name, request.order]).slice(0, -1) + ",")} || to_json(${row}.__sort)::text || ',' || to_json(${row}.${keyColumn})::text || ']'`);
    const pairs: [string, string][] = [];
    for (const part of parts) {
      if (part.kind === "typename") pairs.push([part.key, `${sqlText(part.typeName)}::text`]);
      else if (part.kind === "totalCount") pairs.push([part.key, counted()]);
      else if (part.kind === "pageInfo") pairs.push([part.key, this.pageInfo(part, row, first, cursor)]);
      else {
        const edge: [string, string][] = [];
        for (const edgePart of part.parts) {
          if (edgePart.kind === "typename") edge.push([edgePart.key, `${sqlText(part.typeName)}::text`]);
          else if (edgePart.kind === "cursor") edge.push([edgePart.key, cursor]);
          else edge.push([edgePart.key, await this.object(edgePart.object, entityLevel(row, needed, edgePart.object.metadata!))]);
        }
        pairs.push([part.key, `coalesce(json_agg(${jsonObject(edge)} ORDER BY ${row}.__n) FILTER (WHERE ${row}.__n <= ${first}), '[]'::json)`]);
      }
    }
    if (scope) {
      const columns = this.columns(source, needed);
      const page = scopedPageStatement(access, source, request, scope, this.params, columns, `(${first} + 1)`);
      const direction = request.direction;
      return `(SELECT ${jsonObject(pairs)} FROM (SELECT p.*, row_number() OVER (ORDER BY p.__order ${direction}, p.__key ${direction}) AS __n
        FROM (${page}) p) ${row})`;
    }
    const { from, orderBy, sortText } = listStatementParts(access, source, request, this.params, parentCondition, true);
    const columns = this.columns(source, needed);
    return `(SELECT ${jsonObject(pairs)} FROM (SELECT ${columns}, ${sortText} AS __sort, row_number() OVER (${orderBy}) AS __n
      ${from} ${orderBy} LIMIT ${first} + 1) ${row})`;
  }

  private pageInfo(part: Extract<ConnectionPart, { kind: "pageInfo" }>, row: string, first: string, cursor: string): string {
    return jsonObject(part.parts.map(({ key, name }): [string, string] => {
      switch (name) {
        case "__typename": return [key, `${sqlText(part.typeName)}::text`];
        case "hasPreviousPage": return [key, "false"];
        case "hasNextPage": return [key, `count(*) > ${first}`];
        case "startCursor": return [key, `(array_agg(${cursor} ORDER BY ${row}.__n))[1]`];
        case "endCursor": return [key, `(array_agg(${cursor} ORDER BY ${row}.__n DESC) FILTER (WHERE ${row}.__n <= ${first}))[1]`];
      }
    }));
  }

  /** SQL of one record's JSON, its row under `alias`; the columns it reads are added to `needed`. */
  private async object(shape: ObjectShape, level: Level, rows?: RowList): Promise<string> {
    const { alias, needed } = level;
    const pairs: [string, string][] = [];
    const typeName = () => {
      if (!shape.typeByDiscriminator) return `${sqlText(shape.typeName)}::text`;
      const discriminator = shape.metadata!.discriminatorColumn!.databaseName;
      needed.add(discriminator);
      const cases = [...shape.typeByDiscriminator].map(([value, type]) => `WHEN ${sqlText(value)} THEN ${sqlText(type)}`).join(" ");
      return `(CASE ${alias}.${discriminator}::text ${cases} END)`;
    };
    for (const field of shape.fields as FieldShape[]) {
      switch (field.kind) {
        case "typename":
          pairs.push([field.key, typeName()]);
          break;
        case "id": {
          if (!shape.metadata) throw new NotCompilable("an id of no concept");
          const key = shape.metadata.primaryColumns[0].databaseName;
          needed.add(key);
          pairs.push([field.key, base64url(`${typeName()} || ':' || ${alias}.${key}::text`)]);
          break;
        }
        case "column":
          needed.add(field.column);
          pairs.push([field.key, field.encode(`${alias}.${field.column}`)]);
          break;
        case "property": {
          // A row that is no concept's: its column and SQL type from the RowList its resolver reads.
          const column = rows?.columns[field.property];
          if (!column) throw new NotCompilable(`${shape.typeName}.${field.property} is no column of its rows`);
          pairs.push([field.key, propertyEncoder(field.type, field.property, column)(`${alias}.${column.column}`)]);
          needed.add(column.column);
          break;
        }
        case "relation":
          pairs.push([field.key, await this.relation(field, level)]);
          break;
      }
    }
    return jsonObject(pairs);
  }
}

/** How a row's plain field is written, from its RowList's column type (a non-null field of a nullable column is not compiled). */
function propertyEncoder(type: GraphQLOutputType, property: string, column: { column: string; type: string }): (ref: string) => string {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (isListType(inner) || !nonNull) throw new NotCompilable(`${property}: only non-null single values of rows`);
  try {
    return encoderOf(getNamedType(type), false, { type: column.type, propertyName: property, isArray: false } as ColumnMetadata);
  } catch (error) {
    throw new NotCompilable(String((error as Error).message));
  }
}

const sameKey = (a: ParentKey | null, b: ParentKey | null) => JSON.stringify(a) === JSON.stringify(b);
const sameRequest = (a: Partial<ListRequest>, b: Partial<ListRequest>) =>
  a.signature === b.signature && a.order === b.order && a.direction === b.direction && a.first === b.first && (a.after ?? null) === (b.after ?? null);

/** Whether two resolvers asked for the same list or record (an interface's implementations). */
function sameCapture(a: Captured, b: Captured): boolean {
  if (a.kind === "lookup" || b.kind === "lookup") return a.kind === "lookup" && b.kind === "lookup" && a.entity === b.entity && sameKey(a.key, b.key);
  if (a.kind === "rows" || b.kind === "rows") {
    return a.kind === "rows" && b.kind === "rows" && JSON.stringify({ ...a.rows, rowClass: 0 }) === JSON.stringify({ ...b.rows, rowClass: 0 })
      && a.rows.rowClass === b.rows.rowClass && sameKey(a.parent, b.parent);
  }
  return a.kind === b.kind && a.source === b.source && a.link === b.link && sameKey(a.parent, b.parent) && sameRequest(a.request, b.request);
}

/**
 * The `data` of a query operation read by one statement, or null when the operation is not compiled or
 * graphql-js must answer this request (it then runs as before, errors included).
 */
export async function compiledRead(
  ctx: RequestContext, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | null> {
  const shape = shapeFor(ctx, schema, document, operation);
  if (!shape) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const builder = new StatementBuilder(ctx, schema, operation, fragments, coerced.coerced);
  let statement: string;
  try {
    statement = await builder.root(shape);
  } catch (error) {
    trace("not compiled", error);
    // A resolver refusing its arguments (a bad cursor, a page too large...) or one not compiled: graphql-js answers.
    return null;
  }
  let text: string;
  try {
    [{ data: text }] = await ctx.loaders.sql.query<{ data: string }>(statement, builder.params.values);
  } catch (error) {
    trace("statement failed", error);
    // The database's error (unavailable, cancelled...) is reported as graphql-js's path reports it.
    return null;
  }
  if (text.includes(YIELD_MARK)) return null;
  ctx.tally.compiled = true;
  return JSON.parse(text);
}

