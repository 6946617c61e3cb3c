import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST } from "graphql";
import type { RequestContext } from "../context";
import { graphqlErrors } from "./metrics";

/** Notes each GraphQL request's operation and the codes of the errors it answers, for logs and metrics. */
export function graphqlOutcomePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, document, contextValue, response }) {
          // Read from the document itself, so that a request refused by validation is named too.
          const operation = document ? getOperationAST(document, request.operationName) : undefined;
          contextValue.record.operationName = operation?.name?.value ?? request.operationName ?? undefined;
          contextValue.record.operationType = operation?.operation;
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
