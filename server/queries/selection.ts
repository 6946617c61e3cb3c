import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLCompositeType, GraphQLField, GraphQLObjectType, GraphQLResolveInfo,
  GraphQLSchema, isAbstractType, isCompositeType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
} from "graphql";
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

/**
 * Calls `visit` with every field an operation may resolve, under every object type a fragment may apply
 * to, whatever `@skip`/`@include` decide (plans made from it are never too narrow, only sometimes wider
 * than what a request resolves). Each (selection set, types) pair is walked once: fragments spread in
 * many places cost nothing more. `root` says whether the field is one of the operation's root fields.
 */
export function forEachOperationField(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
  visit: (parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, root: boolean) => void,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const rootType = operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  if (!rootType) return;
  const possible = (type: GraphQLCompositeType): readonly GraphQLObjectType[] => (isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : []);
  const walked = new Map<SelectionSetNode, Set<string>>();
  const walk = (selectionSet: SelectionSetNode, types: readonly GraphQLObjectType[], root: boolean, seenFragments: Set<string>) => {
    const key = types.map((t) => t.name).join(",");
    const done = walked.get(selectionSet) ?? new Set<string>();
    if (done.has(key)) return;
    done.add(key);
    walked.set(selectionSet, done);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__")) continue;
        for (const parent of types) {
          const field = parent.getFields()[name];
          if (!field) continue;
          visit(parent, field, root);
          const target = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(target)) walk(selection.selectionSet, possible(target), false, seenFragments);
        }
      } else {
        let condition: string | undefined;
        let selections: SelectionSetNode;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          condition = selection.typeCondition?.name.value;
          selections = selection.selectionSet;
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || seenFragments.has(fragment.name.value)) continue;
          condition = fragment.typeCondition.name.value;
          selections = fragment.selectionSet;
        }
        const conditionType = condition ? schema.getType(condition) : undefined;
        const applies = !conditionType ? types : types.filter((t) => t === conditionType || (isAbstractType(conditionType) && schema.isSubType(conditionType, t)));
        const inner = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seenFragments, selection.name.value]) : seenFragments;
        if (applies.length) walk(selections, applies, root, inner);
      }
    }
  };
  walk(operation.selectionSet, [rootType], true, new Set());
}

type OperationPlanner<T> = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => T;

/**
 * `plan`, made once per operation of a document, at its first request: Apollo keeps parsed documents
 * in its bounded store and hands the same one to every request sending the same text, so a plan kept
 * by document lives as long as the document does.
 */
export function plannedOncePerOperation<T>(plan: OperationPlanner<T>): OperationPlanner<T> {
  const plans = new WeakMap<DocumentNode, Map<string, T>>();
  return (schema, document, operation) => {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const key = operation.name?.value ?? "";
    let planned = byOperation.get(key);
    if (planned === undefined) byOperation.set(key, (planned = plan(schema, document, operation)));
    return planned;
  };
}
