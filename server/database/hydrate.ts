import { DataSource, EntityMetadata } from "typeorm";
import { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

const selectLists = new WeakMap<EntityMetadata, string[]>();

/** Columns of an entity's table that are selected by default (single-table children included). */
function selectableColumns(metadata: EntityMetadata) {
  const all = [metadata, ...metadata.childEntityMetadatas].flatMap((m) => m.columns);
  const seen = new Set<string>();
  return all.filter((c) => c.isSelect && !seen.has(c.databaseName) && seen.add(c.databaseName));
}

/**
 * The SELECT list for an entity under a table alias: `o.id, o.name, ...` (large columns marked
 * `select: false` left out, or `columns`, those a request's read plan keeps); `read` gives the expressions some columns are read through instead
 * (`RowAccess.readColumns`: references to records the viewer may not see read as null).
 */
export function selectList(metadata: EntityMetadata, alias: string, read: Record<string, string> = {}, columns = selectedColumns(metadata)): string {
  return columns.map((c) => (read[c] ? `${read[c]} AS ${c}` : `${alias}.${c}`)).join(", ");
}

/** Names of the columns `selectList` reads. */
export function selectedColumns(metadata: EntityMetadata): readonly string[] {
  let columns = selectLists.get(metadata);
  if (!columns) {
    columns = selectableColumns(metadata).map((c) => c.databaseName);
    selectLists.set(metadata, columns);
  }
  return columns;
}

/** Column types pg already returns in their entity form (dates as "YYYY-MM-DD" strings, see data-source.ts). */
const AS_READ = new Set<unknown>([
  Number, String, Boolean, Date, "int", "int2", "int4", "integer", "smallint", "text", "varchar", "character varying", "citext",
  "boolean", "uuid", "json", "jsonb", "double precision", "float", "float8", "real", "date",
  "timestamptz", "timestamp with time zone", "timestamp", "timestamp without time zone",
]);

/** How one column of a row becomes one property of an entity. */
interface PropertyPlan {
  column: string;
  property: string;
  /** Set when the value needs TypeORM's conversion (enum arrays, numerics, transformers...). */
  convert?: ColumnMetadata;
}

/** An entity class and how to fill it from a row: decided once per entity, then applied to every row. */
interface HydrationPlan {
  create: () => Record<string, unknown>;
  properties: PropertyPlan[];
}

/** Plans by entity, then by the prefix of the row's column names ("" for a row of the entity's own statement). */
const plans = new WeakMap<EntityMetadata, Map<string, HydrationPlan>>();

function planOf(metadata: EntityMetadata, prefix: string): HydrationPlan {
  let byPrefix = plans.get(metadata);
  if (!byPrefix) plans.set(metadata, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    const Target = metadata.target as new () => Record<string, unknown>;
    plan = {
      create: typeof Target === "function" ? () => new Target() : () => ({}),
      properties: metadata.columns.map((column) => ({
        column: prefix + column.databaseName,
        property: column.propertyName,
        convert: column.transformer || !AS_READ.has(column.type) || column.isArray ? column : undefined,
      })),
    };
    byPrefix.set(prefix, plan);
  }
  return plan;
}

/**
 * In the test suite (or with MAILLAGE_STRICT_READS=true), reading a property whose column the statement
 * did not read throws instead of answering undefined: a resolver or service reading what its operation's
 * read plan left out (server/queries/column-plan.ts: a computed field must declare what it `reads`)
 * fails its test instead of showing null.
 */
const STRICT_READS = process.env.MAILLAGE_STRICT_READS === "true" || process.env.NODE_ENV === "test";

function unread(entity: Record<string, unknown>, property: string, metadata: EntityMetadata): void {
  Object.defineProperty(entity, property, {
    configurable: true,
    enumerable: false,
    get() {
      throw new Error(`${metadata.name}.${property} was not read: declare it in the \`reads\` of the computed field's concept (server/concepts)`);
    },
    set(value: unknown) {
      Object.defineProperty(this, property, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * Turns a raw row into an entity instance, converting values as TypeORM would (dates, numerics,
 * transformers) but only where pg's value is not already the entity's: the plan per entity says which
 * columns need it, so the hot path of a read is a property copy. For single-table inheritance the
 * discriminator picks the child class. `prefix`: the row's columns for this entity are named
 * `<prefix><column>` (a related row read in the same statement, see RequestLoaders.embedding).
 */
export function hydrate<T>(dataSource: DataSource, metadata: EntityMetadata, row: Record<string, unknown>, prefix = ""): T {
  let target = metadata;
  if (metadata.discriminatorColumn && metadata.childEntityMetadatas.length) {
    const value = row[prefix + metadata.discriminatorColumn.databaseName];
    target = metadata.childEntityMetadatas.find((m) => m.discriminatorValue === value) ?? metadata;
  }
  const plan = planOf(target, prefix);
  const entity = plan.create();
  for (const { column, property, convert } of plan.properties) {
    if (!(column in row)) {
      if (STRICT_READS) unread(entity, property, target);
      continue;
    }
    const value = row[column];
    entity[property] = convert ? dataSource.driver.prepareHydratedValue(value, convert) : value;
  }
  return entity as T;
}
