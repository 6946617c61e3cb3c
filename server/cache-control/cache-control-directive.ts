import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from "graphql";

/** Who may store a response: Apollo's `CacheControlScope`. */
export const CacheControlScope = new GraphQLEnumType({
  name: "CacheControlScope",
  description: "Who may store a response: any cache (PUBLIC), or only the client that asked (PRIVATE).",
  values: {
    PUBLIC: { description: "Shared caches (CDN, the server's response cache) may store it." },
    PRIVATE: { description: "Only the requesting client may store it: it depends on who asks." },
  },
});

/**
 * Apollo's `@cacheControl` directive, declared so that the schema is complete; the hints themselves
 * come from the policy table (cache-policy.ts), applied when the schema is built.
 */
export const cacheControlDirective = new GraphQLDirective({
  name: "cacheControl",
  description:
    "How long a field's or type's value may be cached, and by whom. A response's HTTP Cache-Control is the smallest maxAge " +
    "and the most restrictive scope of the fields it contains (see the operations documentation for the policy).",
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt, description: "Seconds the value stays fresh; 0 means it must not be stored." },
    scope: { type: CacheControlScope, description: "PRIVATE when the value depends on who asks." },
    inheritMaxAge: { type: GraphQLBoolean, description: "Take the maxAge of the parent field (connections, edges, value objects)." },
  },
});
