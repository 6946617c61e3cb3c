import { ApolloServerPlugin } from "@apollo/server";
import { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { CONCEPTS, conceptNamed } from "../concepts";
import { Concept } from "../concepts/concept";
import type { RequestContext } from "../context";
import { forEachOperationField, plannedOncePerOperation } from "./selection";

/** A to-one relation an operation selects: the entity property holding the key, and the concept it loads. */
export interface PlannedLookup {
  field: string;
  property: string;
  target: Concept;
}

/** The lookups an operation selects, by the table of the rows they hang from, and every field it may resolve ("Type.field"). */
export interface LookupPlan {
  byTable: ReadonlyMap<string, readonly PlannedLookup[]>;
  selected: ReadonlySet<string>;
}

export const NO_LOOKUPS: LookupPlan = { byTable: new Map(), selected: new Set() };

/** Concepts by GraphQL type, and the lookups declared for each table (concepts sharing a table share them). */
const conceptByType = new Map<string, Concept>((CONCEPTS as readonly Concept[]).map((c) => [c.type, c]));
const lookupsByTable = new Map<string, Map<string, PlannedLookup>>();
for (const concept of CONCEPTS as readonly Concept[]) {
  for (const [field, lookup] of Object.entries(concept.lookups)) {
    const target = conceptNamed(lookup.concept);
    if (!target) throw new Error(`concept ${concept.name}: lookup ${field} names no concept ${lookup.concept}`);
    let byField = lookupsByTable.get(concept.table);
    if (!byField) lookupsByTable.set(concept.table, (byField = new Map()));
    byField.set(field, { field, property: lookup.property, target });
  }
}

/**
 * The to-one relations (descriptors' `lookups`) an operation selects, by table: the statements that
 * read rows of such a table read the related rows with them (RequestLoaders), so a field such as a
 * link's `partner` or an event's `qpv` costs no statement. Every field the operation may resolve
 * counts (fragments on every type, `@skip` ignored): a lookup planned and not resolved costs a join,
 * never a wrong answer, since the related rows are read under the same access rules as `byKey`.
 */
export function planLookups(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): LookupPlan {
  const plan = new Map<string, Map<string, PlannedLookup>>();
  const selected = new Set<string>();
  forEachOperationField(schema, document, operation, (parent, field) => {
    selected.add(`${parent.name}.${field.name}`);
    const concept = conceptByType.get(parent.name);
    const lookup = concept && lookupsByTable.get(concept.table)?.get(field.name);
    if (!lookup) return;
    let byField = plan.get(concept.table);
    if (!byField) plan.set(concept.table, (byField = new Map()));
    byField.set(field.name, lookup);
  });
  return { byTable: new Map([...plan].map(([table, byField]) => [table, [...byField.values()]])), selected };
}

/** An operation's lookups. */
const lookupsOf = plannedOncePerOperation(planLookups);

/** Gives each request's loaders the lookups its operation selects, before it executes. */
export function lookupPlanPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (operation) contextValue.loaders.lookups = lookupsOf(schema, document, operation);
        },
      };
    },
  };
}
