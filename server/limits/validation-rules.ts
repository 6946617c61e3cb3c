import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import { LimitsConfig } from "../config";
import { LimitCode, LimitError } from "./limit-error";
import { maxSelectionsRule } from "./selection-count";

/**
 * GraphQL Armor's rules throw out of `validate()` by default, which would skip Apollo's response
 * hooks; instead each rejection is reported as a LimitError through the validation context.
 */
function reportAs(code: LimitCode, bound: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = error.message.replace(/^Syntax Error: /, "");
        context?.reportError(new LimitError(code, message, { limit: bound }));
      },
    ],
  };
}

/**
 * Selection, depth, alias and directive bounds, checked while the document is validated (before
 * execution, and before Apollo stores a persisted query).
 */
export function limitValidationRules(limits: LimitsConfig): ValidationRule[] {
  return [
    // First: it ends validation of an oversized document before any other rule visits a selection.
    maxSelectionsRule(limits.maxSelections),
    // Fragments do not add a level of their own: depth is that of the fields as they nest.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...reportAs("QUERY_TOO_DEEP", limits.maxDepth) }),
    // No free pass for __typename: a thousand aliased __typename cost as much to validate and answer.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...reportAs("TOO_MANY_ALIASES", limits.maxAliases) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportAs("TOO_MANY_DIRECTIVES", limits.maxDirectives) }),
  ] as ValidationRule[];
}
