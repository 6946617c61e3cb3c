import { ApolloServerPlugin } from "@apollo/server";

/** Whether the request carries credentials: its answer may depend on who asks. */
export function hasAuthorization(headers: { get(name: string): string | undefined } | undefined): boolean {
  return Boolean(headers?.get("authorization"));
}

/**
 * A response to a request carrying an Authorization header is PRIVATE (or no-store): what a viewer
 * sees depends on its token (drafts, contacts), so no shared cache may keep it. `Vary:
 * Authorization` tells caches that anonymous and authenticated answers to one URL differ.
 *
 * Must be listed before operationCachePolicy (operation-cache-policy.ts): its willSendResponse
 * restricts the policy synchronously, before that plugin turns the policy into the Cache-Control header.
 */
export function privateWhenAuthenticated(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const authenticated = hasAuthorization(request.http?.headers);
      return {
        willSendResponse({ response, overallCachePolicy }) {
          if (authenticated) overallCachePolicy.restrict({ scope: "PRIVATE" });
          const vary = response.http.headers.get("vary");
          response.http.headers.set("vary", vary ? `${vary}, Authorization` : "Authorization");
          return Promise.resolve();
        },
      };
    },
  };
}
