import type { ApolloServerPlugin } from "@apollo/server";
import { RETRY_AFTER_SECONDS } from "./database-unavailable";

/**
 * An answer with a SERVICE_UNAVAILABLE error (the database could not be reached: see
 * formatError) is HTTP 503 with Retry-After, as a load balancer and any HTTP client understand,
 * rather than a 200 whose data is missing for no stated reason.
 */
export function databaseUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
          if (!errors?.some((error) => error.extensions?.code === "SERVICE_UNAVAILABLE")) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
          response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}
