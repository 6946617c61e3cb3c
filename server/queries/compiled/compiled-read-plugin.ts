import { ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { RequestContext } from "../../context";
import { compiledRead } from "./compiled-read";

/** Answers the query operations the compiled read path can (compiled-read.ts) before graphql-js executes them. */
export function compiledReadPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, document, operation, request, contextValue }) {
          // No operation (an operationName the document lacks): graphql-js reports it.
          if (!operation) return null;
          const data = await compiledRead(contextValue, schema, document, operation, request.variables);
          if (!data) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data } } };
        },
      };
    },
  };
}
