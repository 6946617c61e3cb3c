import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST } from "graphql";
import type { RequestContext } from "../context";
import { graphqlErrors } from "./metrics";

/** Operation names are the client's: logged no longer than this. */
const MAX_NAME_LENGTH = 80;

/** Notes each GraphQL request's operation and the codes of the errors it answers, for logs and metrics. */
export function graphqlOutcomePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          // Only a valid operation's type is noted: metrics label by name only such operations.
          contextValue.record.operationType = operation?.operation;
        },
        async willSendResponse({ request, document, contextValue, response }) {
          // Read from the document itself, so that a request refused by validation is named too.
          const operation = document ? getOperationAST(document, request.operationName) : undefined;
          contextValue.record.operationName = (operation?.name?.value ?? request.operationName ?? undefined)?.slice(0, MAX_NAME_LENGTH);
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
          for (const error of errors ?? []) {
            const code = typeof error.extensions?.code === "string" ? error.extensions.code : "UNKNOWN";
            contextValue.record.errorCodes.push(code);
            graphqlErrors.inc({ code });
          }
        },
      };
    },
  };
}
