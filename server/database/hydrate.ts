import { DataSource, EntityMetadata } from "typeorm";

const selectLists = new WeakMap<EntityMetadata, string[]>();

/** Columns of an entity's table that are selected by default (single-table children included). */
function selectableColumns(metadata: EntityMetadata) {
  const all = [metadata, ...metadata.childEntityMetadatas].flatMap((m) => m.columns);
  const seen = new Set<string>();
  return all.filter((c) => c.isSelect && !seen.has(c.databaseName) && seen.add(c.databaseName));
}

/**
 * The SELECT list for an entity under a table alias: `o.id, o.name, ...` (large columns marked
 * `select: false` left out); `read` gives the expressions some columns are read through instead
 * (`RowAccess.readColumns`: references to records the viewer may not see read as null).
 */
export function selectList(metadata: EntityMetadata, alias: string, read: Record<string, string> = {}): string {
  let columns = selectLists.get(metadata);
  if (!columns) {
    columns = selectableColumns(metadata).map((c) => c.databaseName);
    selectLists.set(metadata, columns);
  }
  return columns.map((c) => (read[c] ? `${read[c]} AS ${c}` : `${alias}.${c}`)).join(", ");
}

/**
 * Turns a raw row into an entity instance, converting values as TypeORM would (dates, numerics,
 * transformers). For single-table inheritance the discriminator picks the child class.
 */
export function hydrate<T>(dataSource: DataSource, metadata: EntityMetadata, row: Record<string, unknown>): T {
  let target = metadata;
  if (metadata.discriminatorColumn && metadata.childEntityMetadatas.length) {
    const value = row[metadata.discriminatorColumn.databaseName];
    target = metadata.childEntityMetadatas.find((m) => m.discriminatorValue === value) ?? metadata;
  }
  const entity = target.create() as Record<string, unknown>;
  for (const column of target.columns) {
    if (!(column.databaseName in row)) continue;
    entity[column.propertyName] = dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
  }
  return entity as T;
}
