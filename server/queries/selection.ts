import { getNamedType, GraphQLObjectType, GraphQLResolveInfo, isObjectType } from "graphql";
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
