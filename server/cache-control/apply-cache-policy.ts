import {
  ConstArgumentNode, ConstDirectiveNode, GraphQLField, GraphQLSchema, isInterfaceType, isObjectType, isUnionType, Kind, parseType,
} from "graphql";
import { CacheHint, fieldHint, typeHint } from "./cache-policy";

function argument(name: string, value: ConstArgumentNode["value"]): ConstArgumentNode {
  return { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value };
}

/** The `@cacheControl(...)` node Apollo's cache control plugin reads from a type's or field's AST. */
function directive(hint: CacheHint): ConstDirectiveNode {
  const args: ConstArgumentNode[] = [];
  if ("inheritMaxAge" in hint) args.push(argument("inheritMaxAge", { kind: Kind.BOOLEAN, value: true }));
  else {
    args.push(argument("maxAge", { kind: Kind.INT, value: String(hint.maxAge) }));
    if (hint.scope) args.push(argument("scope", { kind: Kind.ENUM, value: hint.scope }));
  }
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: "cacheControl" }, arguments: args };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Writes the policy table onto the built schema as `@cacheControl` directives in the types' and
 * fields' AST nodes, where Apollo reads (and memoizes) them. type-graphql builds the schema from
 * code, so most nodes do not exist yet: minimal ones are made. Returns the composite types that
 * the table does not cover (a test keeps that list empty).
 */
export function applyCachePolicy(schema: GraphQLSchema): string[] {
  const uncovered: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type) || isUnionType(type))) continue;
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    const hint = typeHint(type.name);
    if (hint) {
      const kind = isObjectType(type) ? Kind.OBJECT_TYPE_DEFINITION : isInterfaceType(type) ? Kind.INTERFACE_TYPE_DEFINITION : Kind.UNION_TYPE_DEFINITION;
      const node = (type.astNode ?? { kind, name: { kind: Kind.NAME, value: type.name } }) as NonNullable<typeof type.astNode>;
      (type as Mutable<typeof type>).astNode = { ...node, directives: [...(node.directives ?? []), directive(hint)] } as typeof node;
    } else if (!root) uncovered.push(type.name);
    if (isUnionType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const hint = fieldHint(type.name, field.name);
      if (!hint) {
        if (root) uncovered.push(`${type.name}.${field.name}`);
        continue;
      }
      const node = field.astNode ?? {
        kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: field.name }, type: parseType(String(field.type)),
      };
      (field as Mutable<typeof field>).astNode = { ...node, directives: [...(node.directives ?? []), directive(hint)] } as typeof node;
    }
  }
  return uncovered;
}
