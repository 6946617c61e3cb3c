import { GraphQLField, GraphQLSchema, isInterfaceType, isObjectType, isUnionType } from "graphql";
import { fieldHint, typeHint } from "./cache-policy";

/**
 * The composite types, and the root fields, that the policy table leaves without a hint (a test keeps
 * the list empty): a forgotten type would make every answer that contains it uncacheable. The hints
 * themselves are read when an operation's policy is planned (operation-cache-policy.ts).
 */
export function uncoveredByPolicy(schema: GraphQLSchema): string[] {
  const uncovered: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type) || isUnionType(type))) continue;
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    if (!typeHint(type.name) && !root) uncovered.push(type.name);
    if (!root || isUnionType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (!fieldHint(type.name, field.name)) uncovered.push(`${type.name}.${field.name}`);
    }
  }
  return uncovered;
}
