import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { RowAccess } from "../../access/row-access";
import type { RequestLoaders } from "../../loaders/request-loaders";
import type { ListRequest, ListSource, ParentLink } from "../list-source";
import type { RowList, RowListBatch } from "../row-list";

/**
 * What a relation field's resolver asks of the request's loaders, caught instead of loaded: the compiled
 * read path (./compiled-read.ts) calls the field's own resolver (type-graphql's argument handling,
 * guards, page-size and cursor checks, filters) with these loaders and a stand-in parent, and reads the
 * same statement parts (list source, parent link, filters, order, page) from what it asked. A resolver
 * that asks anything else, or decides on its parent's values, is not compiled: the operation runs
 * through graphql-js as before.
 */
export type Captured =
  | { kind: "lookup"; entity: Function; key: ParentKey }
  | { kind: "list"; source: ListSource; link: ParentLink; request: Omit<ListRequest, "first" | "after">; parent: ParentKey }
  | { kind: "connection"; source: ListSource; link: ParentLink | null; request: ListRequest; parent: ParentKey | null }
  | { kind: "rows"; rows: RowList; parent: ParentKey };

/** A parent key: a property of the parent row (by the stand-in's marker), or a value given as is (root fields). */
export type ParentKey = { property: string } | { value: string | number };

/** Thrown when a resolver asks what cannot be compiled. */
export class NotCompilable extends Error {}

/** A property of the stand-in parent, as a resolver reads it. */
class PropertyRef {
  constructor(readonly property: string) {}
}

const KEY_PROPERTY_TYPES = new Set(["string", "number"]);

function keyOf(key: unknown): ParentKey {
  if (key instanceof PropertyRef) return { property: key.property };
  if (KEY_PROPERTY_TYPES.has(typeof key)) return { value: key as string | number };
  throw new NotCompilable("key is neither a parent property nor a value");
}

/** The loaders and parent a resolver is called with, and what it asked of them. */
export class Capture {
  readonly asked: Captured[] = [];
  /** Properties of the stand-in parent the resolver read. */
  readonly read: string[] = [];
  private pendingConnection: { source: ListSource; link: ParentLink | null; request: ListRequest } | null = null;

  /**
   * A parent whose every property is a marker: the key a resolver passes on names the column it comes
   * from. An instance of the parent's entity class, as type-graphql expects a root to be.
   */
  readonly parent: object;

  readonly loaders: RequestLoaders;

  constructor(access: RowAccess, dataSource: DataSource, parentClass: Function | null) {
    this.parent = new Proxy(Object.create(parentClass?.prototype ?? Object.prototype), {
      get: (target, property, receiver) => {
        if (typeof property !== "string" || property === "constructor") return Reflect.get(target, property, receiver);
        if (property === "then") return undefined;
        this.read.push(property);
        return new PropertyRef(property);
      },
    });
    const methods: Record<string, unknown> = {
      access,
      // Filters check codes against the reference codes held in memory (reference-codes.ts).
      dataSource,
      lookup: (entity: EntityTarget<ObjectLiteral>, key: unknown) => {
        this.asked.push({ kind: "lookup", entity: entity as Function, key: keyOf(key) });
        return null;
      },
      listByParent: (source: ListSource, link: ParentLink, request: Omit<ListRequest, "first" | "after">) => ({
        load: (parent: unknown) => {
          this.asked.push({ kind: "list", source, link, request, parent: keyOf(parent) });
          return Promise.resolve([]);
        },
      }),
      // A raw loader is compiled only when its batch declares the rows it reads (row-list.ts).
      raw: (_name: string, batch: Partial<RowListBatch<unknown>>) => ({
        load: (parent: unknown) => {
          if (!batch.rows) throw new NotCompilable("a raw loader that declares no rows");
          this.asked.push({ kind: "rows", rows: batch.rows, parent: keyOf(parent) });
          return Promise.resolve([]);
        },
      }),
      connectionPart: (source: ListSource, link: ParentLink | null, request: ListRequest) => {
        this.pendingConnection = { source, link, request };
        return {
          load: ({ parent }: { parent: unknown }) => {
            const pending = this.pendingConnection;
            if (!pending) throw new NotCompilable("a connection's part loaded twice");
            this.pendingConnection = null;
            this.asked.push({ kind: "connection", ...pending, parent: pending.link ? keyOf(parent) : null });
            return Promise.resolve(0);
          },
        };
      },
    };
    this.loaders = new Proxy(methods, {
      get: (target, property) => {
        if (typeof property === "string" && property in target) return target[property];
        if (property === "then") return undefined;
        throw new NotCompilable(`the resolver uses loaders.${String(property)}`);
      },
    }) as unknown as RequestLoaders;
  }

  /**
   * What the resolver asked, once it returned `value`: exactly one lookup, list or connection, keyed by
   * the one property it read of its parent (or by a value, for a root field). A connection's parent key
   * is known once one of its parts is asked, so its total is asked here (nothing is loaded).
   */
  async result(value: unknown, root: boolean): Promise<Captured> {
    if (this.pendingConnection && value && typeof value === "object" && "totalCount" in value) {
      await (value as { totalCount: Promise<number> }).totalCount;
    }
    if (this.asked.length !== 1) throw new NotCompilable(`the resolver asked ${this.asked.length} things`);
    const [asked] = this.asked;
    const key = asked.kind === "lookup" ? asked.key : asked.parent;
    if (root) {
      if (this.read.length || (key && "property" in key)) throw new NotCompilable("a root field read a parent");
    } else if (new Set(this.read).size !== 1 || !key || !("property" in key) || key.property !== this.read[0]) {
      // A resolver that decides on another value of its parent (a kind, a flag) does more than one statement
      // part says. Reading the key itself to test it (`event.qpvCode ? lookup(...) : null`) is what the
      // statement does too: no key, no row.
      throw new NotCompilable("the resolver read other values of its parent");
    }
    return asked;
  }
}
