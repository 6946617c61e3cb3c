import type { ApolloServerPlugin, GraphQLResponse } from "@apollo/server";
import Negotiator from "negotiator";

/** The media types of a single GraphQL response, spelt as Apollo spells them (ApolloServer.ts MEDIA_TYPES). */
export const JSON_MEDIA_TYPE = "application/json; charset=utf-8";
export const GRAPHQL_RESPONSE_MEDIA_TYPE = "application/graphql-response+json; charset=utf-8";
/** Apollo's subscription-callback variant: still `application/json`. */
const JSON_CALLBACK_MEDIA_TYPE = "application/json; callbackSpec=1.0; charset=utf-8";

/**
 * The media type of the answer, chosen as Apollo chooses it (chooseContentTypeForSingleResultResponse,
 * not exported): no Accept header means application/json (the spec's legacy default, and what
 * clients without one expect); otherwise the client's preferred one of ours, or none (Apollo then
 * answers 406).
 */
export function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept) return JSON_MEDIA_TYPE;
  return new Negotiator({ headers: { accept } }).mediaType([JSON_MEDIA_TYPE, GRAPHQL_RESPONSE_MEDIA_TYPE, JSON_CALLBACK_MEDIA_TYPE]);
}

/**
 * A GraphQL request error of a well-formed request: refused before execution (no `data`) with 400
 * by parsing, validation, operation resolution, variable coercion or our limits. BAD_REQUEST is
 * Apollo's (and formatError's) code for a request that is not well-formed GraphQL over HTTP (no
 * query, a persisted query hash that does not match): that one stays 400 for every media type.
 * Every other status is kept: 401, 405, 413, 429 and 503 are about the transport, not GraphQL;
 * and Apollo's 200 for an unknown persisted query, which APQ clients read before sending the text
 * (Apollo Client stops using persisted queries after a 400), stays 200 for both media types.
 */
function isRequestError(response: GraphQLResponse): boolean {
  if (response.http.status !== 400 || response.body.kind !== "single") return false;
  const { singleResult } = response.body;
  if ("data" in singleResult) return false;
  return !singleResult.errors?.some((error) => error.extensions?.code === "BAD_REQUEST");
}

/**
 * The status of a GraphQL answer follows its media type (GraphQL over HTTP, "Status Codes"):
 * - `application/graphql-response+json`: a request that was not executed gets 4xx, as Apollo sets it;
 * - `application/json`: a well-formed request gets 200 whatever its GraphQL errors, since a 4xx
 *   `application/json` body may come from any proxy and clients must not read it as GraphQL.
 * The media type is chosen and set here too, so the two can never disagree. Requests refused
 * before GraphQL (a body that is not JSON, a batch, a token, the rate limit of exports) are not
 * GraphQL-over-HTTP requests Apollo answers, and keep their 4xx.
 */
export function responseStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const mediaType = responseMediaType(request.http?.headers.get("accept"));
      return {
        async willSendResponse({ response }) {
          if (!mediaType || response.body.kind !== "single") return;
          response.http.headers.set("content-type", mediaType);
          if (mediaType !== GRAPHQL_RESPONSE_MEDIA_TYPE && isRequestError(response)) response.http.status = 200;
        },
      };
    },
  };
}
