import { FieldNode, getNamedType, GraphQLObjectType, GraphQLResolveInfo, isObjectType } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";

/**
 * Names of the fields a client selected under the field being resolved (fragments followed, `@skip` and
 * `@include` applied, as graphql-js itself collects them): lets a resolver read only what is asked.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return new Set();
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type as GraphQLObjectType, info.fieldNodes);
  return new Set([...fields.values()].map((nodes) => nodes[0].name.value));
}

/**
 * Names of the fields selected under the field at `path` below the field being resolved (e.g.
 * ["byStake", "proposals"]), every selection of it merged; null when that field is not selected.
 */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: string[]): Set<string> | null {
  let type = getNamedType(info.returnType);
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    if (!isObjectType(type)) return null;
    const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
    nodes = [...fields.values()].flat().filter((node) => node.name.value === name);
    const field = type.getFields()[name];
    if (!nodes.length || !field) return null;
    type = getNamedType(field.type);
  }
  if (!isObjectType(type)) return new Set();
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
  return new Set([...fields.values()].map((selection) => selection[0].name.value));
}
