import { DocumentNode, FragmentDefinitionNode, Kind, SelectionSetNode, ValidationRule } from "graphql";
import { LimitError } from "./limit-error";

/** The fragments spread on the way to a selection, innermost first: a spread already on it is a cycle. */
interface SpreadPath {
  name: string;
  outer: SpreadPath | undefined;
}

function onPath(path: SpreadPath | undefined, name: string): boolean {
  for (let p = path; p; p = p.outer) if (p.name === name) return true;
  return false;
}

/** A selection set to walk: the names selected at its level so far, and the field it belongs to (-1: an operation or fragment). */
interface Pending {
  set: SelectionSetNode;
  path: SpreadPath | undefined;
  level: Map<string, number>;
  owner: number;
}

/**
 * The selections (fields, inline fragments, fragment spreads) of the document's operations and
 * fragments, fragment spreads replaced by their fragment, weighted by repetition: a field with
 * subfields selected k times in one selection set (fragments and inline fragments included)
 * counts k times each, and its subfields k times more. Without repeats this is the plain count;
 * with them it follows the work of graphql's OverlappingFieldsCanBeMerged, which compares
 * same-named fields pairwise down their subfields (2,400 repeats of `stakes { number }` took 0.3 s
 * before graphql gave up; repeated leaves, such as `__typename`, cost it little).
 *
 * Without recursion, and it stops once past `cap`, so it takes at most about `cap` steps whatever
 * the document: fragment bombs and cycles included (a spread of a fragment already being expanded
 * is not followed; validation reports the cycle).
 */
export function selectionWeight(document: DocumentNode, cap: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const pending: Pending[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.name.value)) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      pending.push({ set: definition.selectionSet, path: undefined, level: new Map(), owner: -1 });
    }
  }
  // Every field reached, in order (a field before its subfields): its name, its level, its owner.
  const names: string[] = [];
  const levels: Map<string, number>[] = [];
  const owners: number[] = [];
  const hasSubfields: boolean[] = [];
  // The owners of the inline fragments and spreads reached.
  const others: number[] = [];
  while (pending.length) {
    const { set, path, level, owner } = pending.pop()!;
    for (const selection of set.selections) {
      if (names.length + others.length >= cap) return cap + 1;
      if (selection.kind === Kind.FIELD) {
        const name = (selection.alias ?? selection.name).value;
        level.set(name, (level.get(name) ?? 0) + 1);
        names.push(name);
        levels.push(level);
        owners.push(owner);
        hasSubfields.push(selection.selectionSet !== undefined);
        if (selection.selectionSet) pending.push({ set: selection.selectionSet, path, level: new Map(), owner: names.length - 1 });
        continue;
      }
      others.push(owner);
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push({ set: selection.selectionSet, path, level, owner });
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !onPath(path, fragment.name.value)) {
          pending.push({ set: fragment.selectionSet, path: { name: fragment.name.value, outer: path }, level, owner });
        }
      }
    }
  }
  // Levels are complete now: weigh each field by its owner's weight, times its repeats if it has subfields.
  const weights = new Float64Array(names.length);
  let total = 0;
  for (let i = 0; i < names.length; i++) {
    weights[i] = (hasSubfields[i] ? levels[i].get(names[i])! : 1) * (owners[i] < 0 ? 1 : weights[owners[i]]);
    total += weights[i];
    if (total > cap) return total;
  }
  for (const owner of others) total += owner < 0 ? 1 : weights[owner];
  return total;
}

/**
 * Refuses a document whose selectionWeight is over `maxSelections` before any other validation
 * rule looks at a selection. Rules see the Document first, and returning null from its `enter`
 * replaces the document by nothing for every rule (graphql's visitor "delete this node"), so the
 * traversal ends there: the rules before this one have only seen the list of definitions.
 */
export function maxSelectionsRule(maxSelections: number): ValidationRule {
  return (context) => ({
    Document: {
      enter(document) {
        if (selectionWeight(document, maxSelections) <= maxSelections) return undefined;
        context.reportError(new LimitError(
          "TOO_MANY_SELECTIONS",
          `Query has more than ${maxSelections} selections, once fragments are expanded and repeated fields counted for each repeat.`,
          { limit: maxSelections },
        ));
        return null;
      },
    },
  });
}
