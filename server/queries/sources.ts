import { AnyConcept, CONCEPTS, registry } from "../concepts";
import { Concept } from "../concepts/concept";
import { ListOrder, ListSource } from "./list-source";

/** The list source of a concept: its table, alias, key, list conditions and orders (from its descriptor). */
export type SourceOf<C extends AnyConcept> = Omit<ListSource, "name" | "where" | "orders"> & {
  name: C["name"];
  concept: C["name"];
  where: string[];
  orders: { [O in keyof C["orders"]]: ListOrder };
};

function sourceOf(concept: Concept): ListSource & { concept: string; where: string[] } {
  return {
    name: concept.name,
    concept: concept.name,
    entity: concept.entity,
    table: concept.table,
    alias: concept.alias,
    key: `${concept.alias}.${concept.key}`,
    keyType: concept.keyType,
    where: concept.where,
    orders: concept.orders,
  };
}

/**
 * Every list of the graph reads from one of these sources, one per concept (server/concepts); archived
 * records are left out of lists. Drafts are guarded per viewer by `RowAccess` (server/access), which the
 * list engine applies too.
 */
export const SOURCES = registry("list source", CONCEPTS.map((c) => [c.name, sourceOf(c)])) as {
  readonly [C in AnyConcept as C["name"]]: SourceOf<C>;
};
