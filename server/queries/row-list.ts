/**
 * Rows of a table that is no concept, listed per parent (an organisation's QPV presences), as a raw
 * loader's batch reads them: declared once, so that the batch and the compiled read path
 * (server/queries/compiled) read the same rows in the same order.
 */
export interface RowList {
  /** The GraphQL object type of a row, and the class its resolvers receive. */
  type: string;
  rowClass: Function;
  table: string;
  /** The column holding the parent's key. */
  parentColumn: string;
  /** Further conditions on the rows (over the table's unqualified columns), if any. */
  where: string | null;
  /** Order of one parent's rows (over the table's unqualified columns). */
  order: string;
  /** What a row's fields and resolvers read: property -> column and SQL type. */
  columns: Record<string, { column: string; type: string }>;
}

/** A raw loader's batch (RequestLoaders.raw) that reads a RowList: the compiled read path reads its rows the same way. */
export type RowListBatch<V> = ((keys: readonly (string | number)[]) => Promise<V[][]>) & { rows: RowList };

/** A batch marked as reading `rows`. */
export function readingRows<V>(rows: RowList, batch: (keys: readonly (string | number)[]) => Promise<V[][]>): RowListBatch<V> {
  return Object.assign(batch, { rows });
}
