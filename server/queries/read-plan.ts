import { ApolloServerPlugin } from "@apollo/server";
import { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { CONCEPTS, conceptNamed } from "../concepts";
import { Concept } from "../concepts/concept";
import type { RequestContext } from "../context";
import { ColumnPlan, EVERY_COLUMN, planColumns } from "./column-plan";
import { forEachOperationField, plannedOncePerOperation } from "./selection";

/** A to-one relation an operation selects: the entity property holding the key, and the concept it loads. */
export interface PlannedLookup {
  field: string;
  property: string;
  target: Concept;
}

/**
 * How an operation reads rows, planned once per operation: the lookups it selects, by the table of the
 * rows they hang from; the columns it reads, by table; and every field it may resolve ("Type.field").
 */
export interface ReadPlan {
  lookups: ReadonlyMap<string, readonly PlannedLookup[]>;
  columns: ColumnPlan;
  selected: ReadonlySet<string>;
}

/** Outside an operation (exports, services): no lookup, every column. */
export const WHOLE_ROWS: ReadPlan = { lookups: new Map(), columns: EVERY_COLUMN, selected: new Set() };

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
 * The read plan of an operation. Lookups: the to-one relations (descriptors' `lookups`) it selects; the
 * statements that read rows of such a table read the related rows with them (RequestLoaders), so a field
 * such as a link's `partner` or an event's `qpv` costs no statement. Columns: see column-plan.ts. Every
 * field the operation may resolve counts (fragments on every type, `@skip` ignored): a lookup planned
 * and not resolved costs a join, a column planned and not shown a few bytes, never a wrong answer (the
 * related rows are read under the same access rules as `byKey`).
 */
export function planRead(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ReadPlan {
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
  return {
    lookups: new Map([...plan].map(([table, byField]) => [table, [...byField.values()]])),
    columns: planColumns(schema, operation, selected),
    selected,
  };
}

/** An operation's read plan. */
const readPlanOf = plannedOncePerOperation(planRead);

/** Gives each request's loaders the read plan of its operation, before it executes. */
export function readPlanPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (operation) contextValue.loaders.plan = readPlanOf(schema, document, operation);
        },
      };
    },
  };
}
