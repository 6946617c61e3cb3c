import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLEnumType, GraphQLField, GraphQLInterfaceType, GraphQLNamedType,
  GraphQLObjectType, GraphQLOutputType, GraphQLSchema, isEnumType, isInterfaceType, isListType, isNonNullType, isObjectType, isScalarType, Kind,
  OperationDefinitionNode, SelectionSetNode,
} from "graphql";
import { DataSource, EntityMetadata } from "typeorm";
import { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { CONCEPTS } from "../../concepts";
import { Concept } from "../../concepts/concept";

/**
 * The shape of a query operation the compiled read path (./compiled-read.ts) can answer in one SQL
 * statement building the whole JSON: every field a column of its record, its global id, its type name,
 * or a relation (a to-one lookup, a nested list, a connection) whose resolver asks the loaders for one
 * list or record (./capture.ts). Decided once per operation; null for any other operation (computed
 * fields, abstract types' own fields, directives, scalars without an exact SQL spelling), which runs
 * through graphql-js as before.
 */
export interface ObjectShape {
  /** Null for the rows of a table that is no concept (server/queries/row-list.ts): their columns are known once the resolver names its RowList. */
  concept: Concept | null;
  /** The entity whose columns the fields read (the list's, or the lookup's); null for rows that are no concept's. */
  metadata: EntityMetadata | null;
  /** For an interface (organisations): GraphQL type name by discriminator value. */
  typeByDiscriminator: Map<string, string> | null;
  typeName: string;
  fields: FieldShape[];
}

export type FieldShape =
  | { kind: "typename"; key: string }
  | { kind: "id"; key: string }
  | { kind: "column"; key: string; column: string; encode: (ref: string) => string }
  /** A plain field of a row that is no concept's: its column comes from the RowList the resolver reads. */
  | { kind: "property"; key: string; property: string; type: GraphQLOutputType }
  | RelationShape;

export interface RelationShape {
  kind: "relation";
  key: string;
  parentType: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  nodes: readonly FieldNode[];
  /** A non-null to-one relation that finds nothing is an error graphql-js reports: the compiled path then yields to it. */
  nonNull: boolean;
  /** A relation of an interface: each implementation's field, whose resolvers must ask the same. */
  implementations?: { type: GraphQLObjectType; field: GraphQLField<unknown, unknown> }[];
  target: { kind: "lookup"; object: ObjectShape } | { kind: "list"; object: ObjectShape } | { kind: "connection"; parts: ConnectionPart[] };
}

export type ConnectionPart =
  | { kind: "typename"; key: string; typeName: string }
  | { kind: "totalCount"; key: string }
  | { kind: "edges"; key: string; typeName: string; parts: EdgePart[] }
  | { kind: "pageInfo"; key: string; typeName: string; parts: { key: string; name: "__typename" | "hasNextPage" | "hasPreviousPage" | "startCursor" | "endCursor" }[] };

export type EdgePart = { kind: "typename"; key: string } | { kind: "cursor"; key: string } | { kind: "node"; key: string; object: ObjectShape };

export interface OperationShape {
  fields: (RelationShape | { kind: "typename"; key: string })[];
}

/** JSON text no column can produce (PostgreSQL text holds no NUL): where graphql-js would report an error, the compiled path yields to it. */
export const YIELD_MARK = '"\\u0000"';
const YIELD = `'${YIELD_MARK}'::json`;

class Unsupported extends Error {}
const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

const conceptByType = new Map<string, Concept>((CONCEPTS as readonly Concept[]).map((c) => [c.type, c]));

const TEXT = new Set(["text", "varchar", "character varying", "citext", String]);
const INTEGER = new Set(["int", "int2", "int4", "integer", "smallint", Number]);
const FLOAT = new Set(["double precision", "float", "float8", "real", "numeric", "decimal"]);
const BOOLEAN = new Set(["boolean", "bool", Boolean]);

export const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** SQL of a GraphQL enum's name for a column's value (their internal values may differ). */
function enumEncoder(type: GraphQLEnumType): (ref: string) => string {
  const values = type.getValues();
  if (!values.every((v) => typeof v.value === "string")) unsupported(`enum ${type.name} of non-text values`);
  if (values.every((v) => v.value === v.name)) {
    const names = values.map((v) => sqlText(v.name)).join(", ");
    return (ref) => `CASE WHEN ${ref} IS NULL THEN NULL WHEN ${ref}::text IN (${names}) THEN to_json(${ref}::text) ELSE ${YIELD} END`;
  }
  return (ref) => {
    const cases = values.map((v) => `WHEN ${ref}::text = ${sqlText(v.value as string)} THEN to_json(${sqlText(v.name)}::text)`).join(" ");
    return `CASE WHEN ${ref} IS NULL THEN NULL ${cases} ELSE ${YIELD} END`;
  };
}

/**
 * A numeric column whose transformer only turns pg's text into a number (`Number(v)`, null kept): what
 * JSON.parse makes of the number PostgreSQL writes. Checked on sample values, not assumed from its name.
 */
function readsAsNumber(column: ColumnMetadata): boolean {
  const transformer = column.transformer;
  if (!transformer || Array.isArray(transformer) || !["numeric", "decimal"].includes(String(column.type))) return false;
  try {
    return ["0.60", "12", "-3.25", "123456.78"].every((v) => transformer.from(v) === Number(v)) && (!column.isNullable || transformer.from(null) === null);
  } catch {
    return false;
  }
}

/**
 * A view's column (TypeORM knows no type for it): cast to the type the GraphQL scalar serializes, so that a
 * value of another type fails the statement (the request then yields to graphql-js) rather than show
 * differently.
 */
function viewColumnEncoder(type: GraphQLNamedType, column: ColumnMetadata): (ref: string) => string {
  switch (type.name) {
    case "Int": return (ref) => `${ref}::int`;
    case "Float": return (ref) => `${ref}::float8`;
    case "Boolean": return (ref) => `${ref}::boolean`;
    case "String": return (ref) => `${ref}::text`;
    case "LocalDate": return (ref) => `${ref}::date::text`;
    case "DateTime": return (ref) => parisIso(`${ref}::timestamptz`);
  }
  return unsupported(`${column.propertyName}: ${type.name} from a view`);
}

/**
 * An instant as schema/scalars.ts's DateTime prints it (toParisIso): Paris's offset at the instant in whole
 * minutes (rounded: before 1911 Paris kept its mean time), the time truncated to the second and shown in
 * that offset. Both read IANA's time-zone data (ICU's in Node, PostgreSQL's here).
 */
export function parisIso(ref: string): string {
  const offset = `round(extract(epoch from (${ref} AT TIME ZONE 'Europe/Paris') - (${ref} AT TIME ZONE 'UTC')) / 60)::int`;
  return `(SELECT to_json(to_char((date_trunc('second', ${ref}) AT TIME ZONE 'UTC') + make_interval(mins => z.o), 'YYYY-MM-DD"T"HH24:MI:SS')
    || CASE WHEN z.o >= 0 THEN '+' ELSE '-' END || lpad((abs(z.o) / 60)::text, 2, '0') || ':' || lpad((abs(z.o) % 60)::text, 2, '0'))
    FROM (SELECT ${offset} AS o) z WHERE ${ref} IS NOT NULL)`;
}

/** How a plain field's column becomes its JSON value, exactly as graphql-js would serialize what pg reads; or unsupported. */
export function encoderOf(type: GraphQLNamedType, list: boolean, column: ColumnMetadata): (ref: string) => string {
  if (column.transformer && !(type.name === "Float" && readsAsNumber(column))) unsupported(`${column.propertyName} has a transformer`);
  // A view's columns have no declared type: unnest fails on a value that is not an array (the request then yields).
  if (list !== Boolean(column.isArray) && column.type !== undefined) unsupported(`${column.propertyName}: list and array differ`);
  if (list) {
    if (type.name === "String" && TEXT.has(column.type as string)) return (ref) => `to_json(${ref})`;
    if (isEnumType(type)) {
      const item = enumEncoder(type);
      return (ref) => `(SELECT coalesce(json_agg(${item("u.v")} ORDER BY u.n), '[]'::json) FROM unnest(${ref}) WITH ORDINALITY AS u(v, n))`;
    }
    return unsupported(`${column.propertyName}: array of ${type.name}`);
  }
  if (isEnumType(type)) return enumEncoder(type);
  if (!isScalarType(type)) return unsupported(`${type.name} is not a scalar`);
  if (column.type === undefined) return viewColumnEncoder(type, column);
  const ok = (types: Set<unknown>) => types.has(column.type as string) || types.has(column.type);
  switch (type.name) {
    case "String":
    case "ID":
      if (ok(TEXT)) return (ref) => ref;
      break;
    case "Int":
      if (ok(INTEGER)) return (ref) => ref;
      break;
    case "Float":
      if (ok(FLOAT) || ok(INTEGER)) return (ref) => ref;
      break;
    case "Boolean":
      if (ok(BOOLEAN)) return (ref) => ref;
      break;
    case "DateTime":
      if (column.type === "timestamptz" || column.type === "timestamp with time zone") return parisIso;
      break;
    case "LocalDate":
      // pg reads dates as PostgreSQL prints them (data-source.ts), which LocalDate serializes as is.
      if (column.type === "date") return (ref) => `${ref}::text`;
      break;
  }
  return unsupported(`${column.propertyName}: ${type.name} from ${String(column.type)}`);
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata | undefined {
  return [metadata, ...metadata.childEntityMetadatas].map((m) => m.findColumnWithPropertyName(property)).find(Boolean);
}

/** Merged subfields of a field (or of the operation), by response key in graphql-js's order; no directives, fragments only where they always apply. */
function collect(
  selectionSets: readonly SelectionSetNode[], typeName: string, implemented: ReadonlySet<string>, fragments: Map<string, FragmentDefinitionNode>,
  out = new Map<string, FieldNode[]>(), seen = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const set of selectionSets) {
    for (const selection of set.selections) {
      if (selection.directives?.length) unsupported("directives");
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = out.get(key);
        if (nodes) nodes.push(selection);
        else out.set(key, [selection]);
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      if (!fragment) return unsupported("unknown fragment");
      const condition = fragment.typeCondition?.name.value;
      if (condition && condition !== typeName && !implemented.has(condition)) unsupported("a fragment on another type");
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(selection.name.value)) continue;
        seen.add(selection.name.value);
      }
      collect([fragment.selectionSet], typeName, implemented, fragments, out, seen);
    }
  }
  return out;
}

function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
}

class ShapeBuilder {
  constructor(readonly schema: GraphQLSchema, readonly dataSource: DataSource, readonly fragments: Map<string, FragmentDefinitionNode>) {}

  private fieldsOf(nodes: readonly FieldNode[], type: GraphQLObjectType | GraphQLInterfaceType): Map<string, FieldNode[]> {
    const implemented = new Set(isObjectType(type) ? type.getInterfaces().map((i) => i.name) : []);
    return collect(subSelections(nodes), type.name, implemented, this.fragments);
  }

  object(nodes: readonly FieldNode[], type: GraphQLNamedType, lookup: boolean): ObjectShape {
    const concept = conceptByType.get(type.name);
    if (!concept) {
      if (!isObjectType(type) || lookup || isConnection(type)) return unsupported(`${type.name} is no concept's type`);
      return { concept: null, metadata: null, typeByDiscriminator: null, typeName: type.name, fields: this.objectFields(nodes, type, null, null) };
    }
    const metadata = this.dataSource.getMetadata(lookup ? concept.lookupEntity : concept.entity);
    if (isObjectType(type)) return { concept, metadata, typeByDiscriminator: null, typeName: type.name, fields: this.objectFields(nodes, type, concept, metadata) };
    if (!isInterfaceType(type)) return unsupported(`${type.name} is neither an object nor an interface`);
    // An interface: only what every implementation reads the same way (columns, id, __typename), by the row's discriminator.
    const byDiscriminator = new Map<string, string>();
    for (const child of metadata.childEntityMetadatas) {
      const childConcept = (CONCEPTS as readonly Concept[]).find((c) => c.entity === child.target);
      if (!childConcept || child.discriminatorValue === undefined) return unsupported(`${child.name} has no concept`);
      byDiscriminator.set(String(child.discriminatorValue), childConcept.type);
    }
    const possible = this.schema.getPossibleTypes(type);
    if (!metadata.discriminatorColumn || possible.length !== byDiscriminator.size || !possible.every((p) => [...byDiscriminator.values()].includes(p.name))) {
      unsupported(`${type.name}: implementations and discriminator differ`);
    }
    return { concept, metadata, typeByDiscriminator: byDiscriminator, typeName: type.name, fields: this.objectFields(nodes, type, concept, metadata) };
  }

  /** The fields of a concept's record, or (concept and metadata null) of a row that is no concept's (server/queries/row-list.ts). */
  private objectFields(
    nodes: readonly FieldNode[], type: GraphQLObjectType | GraphQLInterfaceType, concept: Concept | null, metadata: EntityMetadata | null,
  ): FieldShape[] {
    const shapes: FieldShape[] = [];
    for (const [key, fieldNodes] of this.fieldsOf(nodes, type)) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") {
        shapes.push({ kind: "typename", key });
        continue;
      }
      const field = type.getFields()[name];
      if (!field) return unsupported(`${type.name}.${name}`);
      if (concept && name === "id" && String(field.type) === "ID!" && (concept.node || isInterfaceType(type))) {
        shapes.push({ kind: "id", key });
        continue;
      }
      const named = getNamedType(field.type);
      // On an interface, what each implementation does: a column of all, or a relation of all.
      const implementations = isInterfaceType(type) ? this.schema.getPossibleTypes(type).map((object) => ({ type: object, field: object.getFields()[name] })) : null;
      const resolvers = implementations ? implementations.filter((i) => i.field?.resolve).length : field.resolve ? 1 : 0;
      if (implementations && resolvers > 0 && resolvers < implementations.length) unsupported(`${type.name}.${name} is resolved by some implementations only`);
      if (resolvers === 0) {
        if (field.args.length) unsupported(`${type.name}.${name} has arguments`);
        if (!metadata) {
          // A row's column is named by the RowList its resolver reads, known once it asks.
          shapes.push({ kind: "property", key, property: name, type: field.type });
          continue;
        }
        const column = columnOf(metadata, name);
        if (!column) return unsupported(`${type.name}.${name} is no column`);
        const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
        const list = isListType(inner);
        if (list && !isNonNullType(inner.ofType)) unsupported("a list of nullable items");
        const encode = encoderOf(named, list, column);
        const nonNullOfNullable = isNonNullType(field.type) && column.isNullable;
        shapes.push({ kind: "column", key, column: column.databaseName, encode: nonNullOfNullable ? (ref) => `coalesce(${encode(ref)}, ${YIELD})` : encode });
        continue;
      }
      if (implementations) shapes.push({ ...this.relation(key, implementations[0].type, field, fieldNodes), implementations });
      else shapes.push(this.relation(key, type as GraphQLObjectType, field, fieldNodes));
    }
    return shapes;
  }

  relation(key: string, parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): RelationShape {
    const named = getNamedType(field.type);
    const nonNull = isNonNullType(field.type);
    const inner = nonNull ? (field.type as { ofType: unknown }).ofType : field.type;
    if (isListType(inner)) {
      if (!isNonNullType(inner.ofType)) unsupported("a list of nullable records");
      return { kind: "relation", key, parentType, field, nodes, nonNull, target: { kind: "list", object: this.object(nodes, named, false) } };
    }
    if (isObjectType(named) && isConnection(named)) {
      return { kind: "relation", key, parentType, field, nodes, nonNull, target: { kind: "connection", parts: this.connection(nodes, named) } };
    }
    return { kind: "relation", key, parentType, field, nodes, nonNull, target: { kind: "lookup", object: this.object(nodes, named, true) } };
  }

  private connection(nodes: readonly FieldNode[], type: GraphQLObjectType): ConnectionPart[] {
    const parts: ConnectionPart[] = [];
    const edgeType = getNamedType(type.getFields().edges.type) as GraphQLObjectType;
    const pageInfoType = getNamedType(type.getFields().pageInfo.type) as GraphQLObjectType;
    for (const [key, fieldNodes] of this.fieldsOf(nodes, type)) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") parts.push({ kind: "typename", key, typeName: type.name });
      else if (name === "totalCount") parts.push({ kind: "totalCount", key });
      else if (name === "edges") {
        const edgeParts: EdgePart[] = [];
        for (const [edgeKey, edgeNodes] of this.fieldsOf(fieldNodes, edgeType)) {
          const edgeField = edgeNodes[0].name.value;
          if (edgeField === "__typename") edgeParts.push({ kind: "typename", key: edgeKey });
          else if (edgeField === "cursor") edgeParts.push({ kind: "cursor", key: edgeKey });
          else if (edgeField === "node") edgeParts.push({ kind: "node", key: edgeKey, object: this.object(edgeNodes, getNamedType(edgeType.getFields().node.type), false) });
          else unsupported(`${edgeType.name}.${edgeField}`);
        }
        parts.push({ kind: "edges", key, typeName: edgeType.name, parts: edgeParts });
      } else if (name === "pageInfo") {
        const infoParts = [...this.fieldsOf(fieldNodes, pageInfoType)].map(([infoKey, infoNodes]) => {
          const infoField = infoNodes[0].name.value;
          if (!["__typename", "hasNextPage", "hasPreviousPage", "startCursor", "endCursor"].includes(infoField)) unsupported(`PageInfo.${infoField}`);
          return { key: infoKey, name: infoField as "__typename" };
        });
        parts.push({ kind: "pageInfo", key, typeName: pageInfoType.name, parts: infoParts });
      } else unsupported(`${type.name}.${name}`);
    }
    return parts;
  }
}

/** A connection as schema/connection.ts makes them: edges (cursor, node), pageInfo, totalCount, nothing else. */
function isConnection(type: GraphQLObjectType): boolean {
  const fields = type.getFields();
  if (Object.keys(fields).sort().join() !== "edges,pageInfo,totalCount") return false;
  const edge = getNamedType(fields.edges.type);
  return isObjectType(edge) && Object.keys(edge.getFields()).sort().join() === "cursor,node";
}

/** The shape of a query operation, or null when some part of it is not compiled (see ObjectShape). */
export function shapeOf(schema: GraphQLSchema, dataSource: DataSource, document: DocumentNode, operation: OperationDefinitionNode): OperationShape | null {
  if (operation.operation !== "query" || operation.directives?.length) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const builder = new ShapeBuilder(schema, dataSource, fragments);
  const query = schema.getQueryType()!;
  try {
    const fields: OperationShape["fields"] = [];
    for (const [key, nodes] of collect([operation.selectionSet], query.name, new Set(), fragments)) {
      const name = nodes[0].name.value;
      if (name === "__typename") fields.push({ kind: "typename", key });
      else {
        const field = query.getFields()[name];
        if (!field || !field.resolve) return null;
        fields.push(builder.relation(key, query, field, nodes));
      }
    }
    // Without a relation there is nothing to read: graphql-js answers `{ __typename }` without a statement.
    return fields.some((f) => f.kind === "relation") ? { fields } : null;
  } catch (error) {
    if (error instanceof Unsupported) {
      if (process.env.MAILLAGE_COMPILED_TRACE === "true") console.error(`compiled read: not compiled: ${error.message}`);
      return null;
    }
    throw error;
  }
}
