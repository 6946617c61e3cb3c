import { Field, ID, InterfaceType } from "type-graphql";

/** Relay's Node: every entity of the graph has an opaque global id that `node(id)` resolves. */
@InterfaceType({ description: "An object with an opaque global identifier, resolvable with `node(id:)`." })
export abstract class Node {
  @Field(() => ID, { name: "id", description: "Opaque global identifier (stable; pass it to `node(id:)`)." })
  nodeId: string;
}
