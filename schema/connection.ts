import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "./page-info.type";

/** A connection value: edges, page info, and a total computed only if a client selects it. */
export interface ConnectionValue<T> {
  readonly edges: { cursor: string; node: T }[] | Promise<{ cursor: string; node: T }[]>;
  readonly pageInfo: PageInfo | Promise<PageInfo>;
  readonly totalCount: Promise<number>;
}

/**
 * A page of a list as a connection is made from it: its edges and whether more follow (the engine's
 * pages, server/queries/page-query.ts, have this shape).
 */
export interface PageValue<T> {
  edges: { cursor: string; node: T }[];
  hasNextPage: boolean;
}

/** Builds the GraphQL connection and edge types of a node type (one factory for every list). */
export function ConnectionType<T extends object>(nodeType: ClassType<T> | Function, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `An edge of a ${name} list: one item and its cursor.` })
  class Edge {
    @Field({ description: "Opaque cursor of this item; pass it as `after` to read on from here." })
    cursor: string;

    @Field(() => nodeType, { description: "The item." })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class Connection implements ConnectionValue<T> {
    @Field(() => [Edge], { description: "The items of this page, in order." })
    readonly edges: Edge[] | Promise<Edge[]>;

    @Field(() => PageInfo, { description: "Where this page sits in the list." })
    readonly pageInfo: PageInfo | Promise<PageInfo>;

    @Field(() => Int, { description: "Number of items in the whole list (all pages), with the same filter." })
    readonly totalCount: Promise<number>;
  }
  return Connection;
}

function pageInfoOf<T>(page: PageValue<T>): PageInfo {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: false,
    startCursor: page.edges[0]?.cursor ?? null,
    endCursor: page.edges[page.edges.length - 1]?.cursor ?? null,
  };
}

/** Wraps a page in a connection value; `count` runs only when `totalCount` is read. */
export function toConnection<T>(page: PageValue<T>, count: () => Promise<number>): ConnectionValue<T> {
  let total: Promise<number> | undefined;
  return {
    edges: page.edges,
    pageInfo: pageInfoOf(page),
    get totalCount() {
      return (total ??= count());
    },
  };
}

/**
 * A connection whose page and total load only when their fields are read. GraphQL reads the selected
 * fields of one object in the same tick, so a page and a total both selected reach their loader together
 * and can come from one statement.
 */
export function lazyConnection<T>(loadPage: () => Promise<PageValue<T>>, loadCount: () => Promise<number>): ConnectionValue<T> {
  let page: Promise<PageValue<T>> | undefined;
  let total: Promise<number> | undefined;
  const thePage = () => (page ??= loadPage());
  return {
    get edges() {
      return thePage().then((p) => p.edges);
    },
    get pageInfo() {
      return thePage().then(pageInfoOf);
    },
    get totalCount() {
      return (total ??= loadCount());
    },
  };
}
