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
    // GET and "simple" POSTs must carry a preflight-forcing header (in every mode, not only production).
    csrfPrevention: true,
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
