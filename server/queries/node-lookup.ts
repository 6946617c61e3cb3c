import { fromGlobalId, NodeTypeName } from "../../schema/global-id";
import { Node } from "../../schema/node.interface";
import { CONCEPTS, registry } from "../concepts";
import { Concept } from "../concepts/concept";
import { RequestContext } from "../context";

/** The concept of each global id type (its descriptor says `node: true`). */
const CONCEPT_OF = registry<Concept>("node type", (CONCEPTS as readonly Concept[]).filter((c) => c.node).map((c) => [c.type, c]));

/** Any node by type and key, as this request may see it; null if none. */
export async function loadNodeByKey(ctx: RequestContext, type: NodeTypeName, key: string | number): Promise<Node | null> {
  const concept = CONCEPT_OF[type];
  if (!concept) return null;
  // Associations and partners load through the organisation table's entity (one loader for every
  // organisation reference): an association's id must not resolve a partner with the same number, and vice versa.
  const node = await ctx.loaders.byKey<object>(concept.lookupEntity).load(key);
  return node instanceof concept.entity ? (node as Node) : null;
}

/** Any node by global id (a rejected promise, BAD_USER_INPUT, for a malformed one: it nulls its own item only). */
export async function loadNode(ctx: RequestContext, id: string, argument: string): Promise<Node | null> {
  const { type, key } = fromGlobalId(id, argument);
  return loadNodeByKey(ctx, type, key);
}
