import { ApolloServerPlugin } from "@apollo/server";
import { DocumentNode, getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isCompositeType, OperationDefinitionNode } from "graphql";
import { forEachOperationField, plannedOncePerOperation } from "../queries/selection";
import { fieldHint, typeHint } from "./cache-policy";

/** The policy of one operation: the smallest maxAge and the most restrictive scope of its fields. */
export interface OperationPolicy {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

/** What a response's fields resolved can allow, in Apollo's terms (restrict keeps the stricter of two). */
function restrict(policy: OperationPolicy, hint: OperationPolicy): void {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) policy.maxAge = hint.maxAge;
  if (hint.scope === "PRIVATE") policy.scope = "PRIVATE";
  else if (hint.scope && !policy.scope) policy.scope = hint.scope;
}

/**
 * The hint one field contributes, by the rules of Apollo's cache control plugin (which this replaces):
 * the hint of the field's type when it returns an object, overridden by the field's own; a field
 * returning an object without a maxAge of its own or inherited, and every root field without one,
 * counts as maxAge 0.
 */
function fieldPolicy(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, root: boolean): OperationPolicy {
  const policy: OperationPolicy = {};
  let inherits = false;
  const target = getNamedType(field.type);
  const composite = isCompositeType(target);
  if (composite) {
    const hint = typeHint(target.name);
    if (hint && "inheritMaxAge" in hint) inherits = true;
    else if (hint) Object.assign(policy, hint);
  }
  const own = fieldHint(parent.name, field.name);
  if (own && "inheritMaxAge" in own) {
    if (policy.maxAge === undefined) inherits = true;
  } else if (own) {
    policy.maxAge = own.maxAge;
    if (own.scope) policy.scope = own.scope;
  }
  if (policy.maxAge === undefined && ((composite && !inherits) || root)) policy.maxAge = 0;
  return policy;
}

/**
 * Plans the cache policy of an operation once, from the policy table (cache-policy.ts), instead of
 * hooking every resolved field at run time (Apollo's per-field instrumentation wraps every resolver of
 * the schema as soon as one plugin listens to fields). Every field the operation may resolve counts,
 * under every type a fragment may apply to, whatever `@skip`/`@include` decide: the planned policy
 * is never looser than the fields actually resolved would give, only sometimes stricter (a field
 * under an empty list or a null counts too).
 */
export function planOperationPolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationPolicy {
  const policy: OperationPolicy = {};
  forEachOperationField(schema, document, operation, (parent, field, root) => restrict(policy, fieldPolicy(parent, field, root)));
  return policy;
}

/** The planned policy of an operation. */
const policyOf = plannedOncePerOperation(planOperationPolicy);

const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * Sets each response's policy from its operation's plan (then Apollo's response cache and the
 * Cache-Control header read it), and writes the header as Apollo's cache control plugin would:
 * `max-age=N, public|private` for a cacheable answer without errors, `no-store` otherwise.
 */
export function operationCachePolicy(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, overallCachePolicy }) {
          if (operation) overallCachePolicy.restrict(policyOf(schema, document, operation));
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const existing = response.http.headers.get("cache-control");
          if (existing && existing !== "no-store" && !CACHEABLE_HEADER.test(existing)) return;
          const match = existing ? CACHEABLE_HEADER.exec(existing) : null;
          if (match) overallCachePolicy.restrict({ maxAge: Number(match[1]), scope: match[2] === "public" ? "PUBLIC" : "PRIVATE" });
          const cacheable = existing === "no-store" ? null : overallCachePolicy.policyIfCacheable();
          const clean = response.body.kind === "single" && !response.body.singleResult.errors;
          response.http.headers.set("cache-control", cacheable && clean ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : "no-store");
        },
      };
    },
  };
}
