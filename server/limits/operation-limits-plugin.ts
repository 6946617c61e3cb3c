import { ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { DocumentNode, GraphQLError, Lexer, Source, TokenKind } from "graphql";
import { LimitsConfig } from "../config";
import { RequestContext } from "../context";
import { badInput } from "../../schema/input-errors";
import { MAX_PAGE_SIZE } from "../../schema/page-args";
import { ClientKey } from "../rate-limit/client-key";
import { CostRateLimiter } from "../rate-limit/cost-rate-limiter";
import { LimitError } from "./limit-error";
import { MAX_REPRESENTATIONS, queryCost } from "./query-cost";

/** What the plugin needs to know of the request besides its GraphQL context. */
export interface OperationLimitsOptions {
  limits: LimitsConfig;
  /** Undefined when rate limiting is off. */
  rateLimiter: CostRateLimiter | undefined;
  clientOf(context: RequestContext): ClientKey;
}

/** An error thrown from didResolveOperation answers with its extensions.http status (Apollo's default is 500). */
function withStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/** A request refused before it runs draws one rate-limit point per this many tokens of its query (at least one). */
export const REFUSAL_TOKENS_PER_POINT = 10;

/**
 * Lexical tokens of a query, up to `max` (the parser's own bound): those the parser linked into the
 * document, or, when it did not parse, those the lexer reads before its first error.
 */
function tokenCount(document: DocumentNode | undefined, source: string | undefined, max: number): number {
  let count = 0;
  if (document?.loc) {
    for (let token = document.loc.startToken.next; token && token.kind !== TokenKind.EOF && count < max; token = token.next) {
      if (token.kind !== TokenKind.COMMENT) count++;
    }
    return count;
  }
  if (!source) return 0;
  const lexer = new Lexer(new Source(source));
  try {
    while (count < max && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // The parser stopped there too.
  }
  return count;
}

/**
 * Once the operation is parsed and validated, and before anything executes: refuses an
 * out-of-range `first`, a cost above the budget, and a client over its rate limit; reports the
 * computed cost as `extensions.cost` on every response.
 */
export function operationLimitsPlugin({ limits, rateLimiter, clientOf }: OperationLimitsOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          // Apollo has already answered an ambiguous or missing operation before this hook.
          if (!operation) return;
          const computed = queryCost(schema, document, operation, request.variables, limits.maxSelections);
          if (!computed) return;
          requested = computed.cost;
          if (computed.pageSize) {
            const { field, argument, value } = computed.pageSize;
            const message = argument === "first"
              ? `"first" of ${field} must be between 1 and ${MAX_PAGE_SIZE}, got ${value}.`
              : argument === "ids" ? `At most ${MAX_PAGE_SIZE} ids at once in ${field}, got ${value}.`
              : `At most ${MAX_REPRESENTATIONS} representations at once in ${field}, got ${value}: split the batch.`;
            throw withStatus(badInput(message, { argument, reason: "OUT_OF_RANGE" }), 400);
          }
          if (computed.cost > limits.maxCost) {
            throw new LimitError("QUERY_TOO_COSTLY", `Query cost ${computed.cost} exceeds the budget of ${limits.maxCost} per request.`, { cost: computed.cost, budget: limits.maxCost });
          }
          if (!rateLimiter) return;
          // Every request draws at least one point, so that floods of cheap queries count too.
          const outcome = await rateLimiter.consume(clientOf(contextValue), Math.max(1, computed.cost));
          if (!outcome.allowed) {
            throw new LimitError("RATE_LIMITED", `Rate limit reached: retry in ${outcome.retryAfterSeconds} s.`, { retryAfterSeconds: outcome.retryAfterSeconds }, {
              status: 429,
              headers: new HeaderMap([["retry-after", String(outcome.retryAfterSeconds)]]),
            });
          }
        },
        async willSendResponse({ response, contextValue, source, document }) {
          // A request that never became an operation (parse or validation failed) draws points for
          // the work it caused, which grows with its size (the limits checked while validating keep
          // it linear): a flood of them, or of large ones, exhausts its sender's budget.
          if (requested === undefined && rateLimiter) {
            const points = Math.max(1, Math.ceil(tokenCount(document, source, limits.maxTokens) / REFUSAL_TOKENS_PER_POINT));
            await rateLimiter.consume(clientOf(contextValue), points);
          }
          if (response.body.kind !== "single" || requested === undefined) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested, budget: limits.maxCost } };
        },
      };
    },
  };
}
