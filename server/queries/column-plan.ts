import { GraphQLObjectType, GraphQLSchema, isAbstractType, isObjectType, OperationDefinitionNode } from "graphql";
import { CONCEPTS, conceptNamed } from "../concepts";
import { Concept } from "../concepts/concept";

/**
 * What an operation reads of one table's rows, by entity property: `read`, the properties it needs among
 * `prunable` (those a client can select as a plain field of a type of the table). Every other column is
 * always read: keys, foreign keys, flags (what resolvers, access rules and lookups use).
 */
export interface TableColumns {
  read: ReadonlySet<string>;
  prunable: ReadonlySet<string>;
  /** Column names read whatever is selected: the concepts' keys (the tie-breaker of pages, cursors, relations). */
  keyColumns: ReadonlySet<string>;
}

/** Tables whose columns an operation prunes; a table not in it reads every column. */
export type ColumnPlan = ReadonlyMap<string, TableColumns>;

export const EVERY_COLUMN: ColumnPlan = new Map();

/** A property a computed field reads: of its own record, or of rows of another table (`"membership.leftOn"` in `reads`). */
interface Read {
  table: string | null;
  property: string;
}

/** Per schema: the table of each object type of a concept, the plain fields of the table's types, and what computed fields read. */
interface TableIndex {
  tableOfType: Map<string, string>;
  tables: Map<string, { prunable: Set<string>; keyColumns: Set<string>; lookupKeys: Set<string>; reads: Map<string, Read[]>; entities: Set<Function> }>;
}

const indexes = new WeakMap<GraphQLSchema, TableIndex>();

function indexOf(schema: GraphQLSchema): TableIndex {
  let index = indexes.get(schema);
  if (index) return index;
  index = { tableOfType: new Map(), tables: new Map() };
  for (const concept of CONCEPTS as readonly Concept[]) {
    const type = schema.getType(concept.type);
    const objects: readonly GraphQLObjectType[] = isObjectType(type) ? [type] : isAbstractType(type) ? schema.getPossibleTypes(type) : [];
    let table = index.tables.get(concept.table);
    if (!table) index.tables.set(concept.table, (table = { prunable: new Set(), keyColumns: new Set(), lookupKeys: new Set(), reads: new Map(), entities: new Set() }));
    table.keyColumns.add(concept.key);
    table.entities.add(concept.entity).add(concept.lookupEntity);
    for (const [field, properties] of Object.entries(concept.reads)) {
      const reads = properties.map((p): Read => {
        const [other, property] = p.includes(".") ? p.split(".") : [null, p];
        const table = other === null ? null : conceptNamed(other)?.table;
        if (table === undefined) throw new Error(`concept ${concept.name}: reads of ${field} name no concept ${other}`);
        return { table, property };
      });
      table.reads.set(field, [...(table.reads.get(field) ?? []), ...reads]);
    }
    // A lookup's key property is read by the field's resolver whether or not a client selects it as a field.
    for (const lookup of Object.values(concept.lookups)) table.lookupKeys.add(lookup.property);
    for (const object of objects) {
      index.tableOfType.set(object.name, concept.table);
      for (const field of Object.values(object.getFields())) if (!field.resolve) table.prunable.add(field.name);
    }
  }
  for (const table of index.tables.values()) for (const key of table.lookupKeys) table.prunable.delete(key);
  indexes.set(schema, index);
  return index;
}

/**
 * The columns a query operation reads, per table of a concept, from every field it may resolve
 * (`selected`, "Type.field", as forEachOperationField walks it: fragments on every type, `@skip`
 * ignored, so never too narrow): a plain field reads its property, a computed field what its concept
 * declares in `reads`. Rows of a table are read the same way by every statement of the request (pages,
 * nested lists, lookups by key, related rows), so a record a loader caches always has what any field
 * of the operation reads. Mutations read every column (their payloads and services read records whole).
 */
export function planColumns(schema: GraphQLSchema, operation: OperationDefinitionNode, selected: ReadonlySet<string>): ColumnPlan {
  if (operation.operation !== "query") return EVERY_COLUMN;
  const index = indexOf(schema);
  const read = new Map<string, Set<string>>();
  const whole = new Set<string>();
  const elsewhere: Read[] = [];
  for (const coordinate of selected) {
    const dot = coordinate.indexOf(".");
    const typeName = coordinate.slice(0, dot);
    const table = index.tableOfType.get(typeName);
    if (!table) continue;
    const fieldName = coordinate.slice(dot + 1);
    const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
    let properties = read.get(table);
    if (!properties) read.set(table, (properties = new Set()));
    const { reads, entities } = index.tables.get(table)!;
    const declared = reads.get(fieldName);
    if (!field.resolve) properties.add(fieldName);
    // A getter of the entity class reads what its code reads: the whole row, unless its concept declares it.
    else if (!declared && [...entities].some((entity) => hasGetter(entity, fieldName))) whole.add(table);
    for (const r of declared ?? []) {
      if (r.table === null || r.table === table) properties.add(r.property);
      else elsewhere.push(r);
    }
  }
  // Rows of another table a computed field reads: only a table the plan prunes needs to be told.
  for (const r of elsewhere) read.get(r.table!)?.add(r.property);
  for (const table of whole) read.delete(table);
  return new Map([...read].map(([table, properties]) => {
    const { prunable, keyColumns } = index.tables.get(table)!;
    return [table, { read: properties, prunable, keyColumns }];
  }));
}

function hasGetter(entity: Function, name: string): boolean {
  for (let proto = entity.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return Boolean(descriptor.get);
  }
  return false;
}
