import DataLoader from "dataloader";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { RowAccess } from "../access/row-access";
import { hydrate, selectList } from "../database/hydrate";
import { SqlParams } from "../database/sql-params";
import { ListRequest, ListSource, ParentLink } from "../queries/list-source";
import { countRows, countRowsByParent, fetchPage, fetchPagesByParent, Page } from "../queries/page-query";

type Key = string | number;

/**
 * The DataLoaders of one request, created lazily and named by what they key on. Every relation of
 * the graph resolves through them, so a nested query costs one statement per level, not per parent.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();

  /** `access` decides which rows this request may see: every list, lookup and count applies it. */
  constructor(readonly dataSource: DataSource, readonly access: RowAccess) {}

  private loader<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    let loader = this.loaders.get(name) as DataLoader<Key, V> | undefined;
    if (!loader) {
      // Keys are normalised to strings for caching, so "59" and 59 never load twice.
      loader = new DataLoader<Key, V>(batch, { cacheKeyFn: (key) => String(key) });
      this.loaders.set(name, loader as DataLoader<Key, unknown>);
    }
    return loader;
  }

  /** Loads entities by primary key; null for a key that does not exist or that this request may not see. */
  byKey<T extends ObjectLiteral>(entity: EntityTarget<T>): DataLoader<Key, T | null> {
    const metadata = this.dataSource.getMetadata(entity);
    return this.loader<T | null>(`byKey:${metadata.tableName}:${metadata.name}`, async (keys) => {
      const primary = metadata.primaryColumns[0];
      const params = new SqlParams();
      const conditions = [`x.${primary.databaseName} = ANY(${params.add(keys)}::${primary.type}[])`];
      const visible = this.access.lookupCondition(metadata.tableName, "x", params);
      if (visible) conditions.push(visible);
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT ${selectList(metadata, "x")} FROM ${metadata.tableName} x WHERE ${conditions.join(" AND ")}`,
        params.values,
      );
      const found = new Map(rows.map((row) => [String(row[primary.databaseName]), hydrate<T>(this.dataSource, metadata, row)]));
      return keys.map((key) => found.get(String(key)) ?? null);
    });
  }

  /** Pages of a nested list, one per parent key, batched into one statement per (list, arguments). */
  pageByParent<T>(source: ListSource, link: ParentLink, request: ListRequest): DataLoader<Key, Page<T>> {
    return this.loader<Page<T>>(`page:${source.name}:${link.name}:${requestKey(request)}`, (keys) =>
      fetchPagesByParent<T>(this.dataSource, this.access, source, link, request, keys),
    );
  }

  /** Every row of a short nested list (no pagination), one list per parent key. */
  listByParent<T>(source: ListSource, link: ParentLink, request: Omit<ListRequest, "first" | "after">): DataLoader<Key, T[]> {
    return this.loader<T[]>(`list:${source.name}:${link.name}:${requestKey(request)}`, async (keys) => {
      const pages = await fetchPagesByParent<T>(this.dataSource, this.access, source, link, request, keys);
      return pages.map((page) => page.edges.map((edge) => edge.node));
    });
  }

  /** Row counts of a nested list per parent key, batched. */
  countByParent(source: ListSource, link: ParentLink, request: ListRequest): DataLoader<Key, number> {
    return this.loader<number>(`count:${source.name}:${link.name}:${request.signature}`, (keys) =>
      countRowsByParent(this.dataSource, this.access, source, link, request, keys),
    );
  }

  /** A raw batched lookup, for values that are not entities (e.g. a QPV's contour). */
  raw<V>(name: string, batch: (keys: readonly Key[]) => Promise<V[]>): DataLoader<Key, V> {
    return this.loader<V>(`raw:${name}`, batch);
  }

  /** Forgets what this request loaded for a key (after a mutation changed that record). */
  forget(key: Key): void {
    for (const loader of this.loaders.values()) loader.clear(key);
  }

  /** A top-level page (not batched: one per field). */
  page<T>(source: ListSource, request: ListRequest): Promise<Page<T>> {
    return fetchPage<T>(this.dataSource, this.access, source, request);
  }

  /** A top-level count. */
  count(source: ListSource, request: ListRequest): Promise<number> {
    return countRows(this.dataSource, this.access, source, request);
  }
}

function requestKey(request: Omit<ListRequest, "first" | "after"> & { first?: number; after?: string | null }): string {
  return JSON.stringify([request.signature, request.order, request.direction, request.first ?? null, request.after ?? null]);
}
