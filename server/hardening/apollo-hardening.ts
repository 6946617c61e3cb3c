import { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { Config } from "../config";
import { RequestContext } from "../context";
import { limitValidationRules } from "../limits/validation-rules";

type Hardening = Pick<
  ApolloServerOptions<RequestContext>,
  "introspection" | "hideSchemaDetailsFromClientErrors" | "csrfPrevention" | "allowBatchedHttpRequests" | "includeStacktraceInErrorResponses" | "parseOptions" | "validationRules"
>;

/**
 * Apollo options of the limits and of production mode, from the configuration only: Apollo would
 * otherwise read NODE_ENV itself, and tests start production-mode servers in a test process.
 */
export function apolloHardening(config: Config): Hardening {
  return {
    introspection: config.introspection,
    // Strips "Did you mean ...?" from validation messages: they spell out the schema to a prober.
    hideSchemaDetailsFromClientErrors: config.hideSuggestions,
    // No CSRF prevention (Apollo's refuses GETs and "simple" POSTs without a preflight-forcing
    // header): it stops a browser from sending ambient credentials with a forged request, and this
    // API has none to send.
    // - Identity is a bearer token in Authorization, which a browser never adds by itself; a request
    //   carrying one is never "simple", so CORS decides first. No cookie is set, no other login read
    //   (a proxy's Basic or Kerberos login in front of an intranet deployment is not seen: the
    //   request is anonymous here).
    // - Mutations over GET are refused anyway (405), and "simple" POSTs (form, text/plain) are not
    //   read: only application/json bodies are parsed, so they answer 400.
    // - What remains, a cross-site GET running an anonymous query whose answer the page cannot read
    //   (CORS), any page can already have a browser do with the GET routes of /exports (outside
    //   Apollo, heavier): reach an intranet deployment, or spend the visitor's IP rate-limit budget.
    //   Registering a persisted query or filling the response cache by GET gives the page nothing it
    //   could not do from its own machine (the hash is of the text; cached answers are anonymous).
    // So GET queries need no extra header (GraphQL over HTTP's URL-encoded GET requests); the tests
    // of that are in tests/graphql-over-http.test.ts and tests/production-mode.test.ts.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // graphql's own lexer stops at this many tokens: an oversized document costs no more to refuse.
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: limitValidationRules(config.limits),
  };
}

/** The landing page (Apollo Sandbox, which loads from a CDN) is a development tool: none in production. */
export function landingPagePlugins(config: Config): ApolloServerPlugin<RequestContext>[] {
  return config.production ? [ApolloServerPluginLandingPageDisabled()] : [];
}
