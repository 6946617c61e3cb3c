import { CONCEPTS, registry, RelationName } from "../concepts";
import { ParentLink } from "./list-source";

/**
 * How each nested list relates to its parent (the parent key is a SQL reference such as `parent.key`):
 * the relations of every concept (server/concepts), by name; a relation's condition is over the rows of
 * the concept that declares it.
 */
export const LINKS = registry(
  "relation",
  CONCEPTS.flatMap((c) => Object.entries(c.relations).map(([name, r]): [string, ParentLink] => [name, { name, keyType: r.keyType, condition: r.condition }])),
) as Readonly<Record<RelationName, ParentLink>>;
