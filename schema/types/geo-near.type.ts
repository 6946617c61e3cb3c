import { ClassType, Field, Float, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../page-info.type";

/** An item found near a point, its distance and its cursor. */
export interface NearEdgeValue<T> {
  cursor: string;
  node: T;
  distanceMeters: number;
}

/** A page of items near a point, nearest first; the total runs only if a client selects it. */
export interface NearConnectionValue<T> {
  edges: NearEdgeValue<T>[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** Builds `Nearby<Name>Connection` and its edge type, whose edges carry their distance from the point. */
export function NearConnectionType<T extends object>(nodeType: ClassType<T> | Function, name: string, description: string) {
  @ObjectType(`Nearby${name}Edge`, { description: `A ${name} near the point asked for: the item, its distance and its cursor.` })
  class Edge implements NearEdgeValue<T> {
    @Field({ description: "Opaque cursor of this item; pass it as `after`, with the same point, to read on from here." })
    cursor: string;

    @Field(() => nodeType, { description: "The item." })
    node: T;

    @Field(() => Float, {
      description: "Great-circle distance from the point, in metres, on a sphere of radius 6,378,168 m (off by at most 0.2% in mainland France, 0.7% anywhere).",
    })
    distanceMeters: number;
  }

  @ObjectType(`Nearby${name}Connection`, { description })
  class Connection implements NearConnectionValue<T> {
    @Field(() => [Edge], { description: "The items of this page, nearest first (ties by identifier)." })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Where this page sits in the list." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items within the radius (all pages), with the same filter." })
    readonly totalCount: Promise<number>;
  }
  return Connection;
}
