import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../context";
import { formatWalPosition, parseWalPosition, WalPosition } from "./wal-position";

/** The read-your-writes token: answered by a write (with extensions.consistencyToken), sent back by the client on its next reads. */
export const CONSISTENCY_HEADER = "maillage-consistency-token";

/** The code of a token header that is no WAL position: the client's fault, said as such (400), never a 500. */
export const INVALID_CONSISTENCY_TOKEN = "INVALID_CONSISTENCY_TOKEN";

/** The token a request sends, or undefined without one; throws a 400-class error when it is malformed. */
export function requestedToken(header: string | undefined): WalPosition | undefined {
  if (header === undefined || header === "") return undefined;
  const token = parseWalPosition(header);
  if (token !== undefined) return token;
  throw new GraphQLError(
    `L'en-tête ${CONSISTENCY_HEADER} n'est pas un jeton de cohérence valide (attendu : la valeur de extensions.consistencyToken ` +
      `renvoyée par une mutation, par exemple "0/16B3748") : renvoyez-la telle quelle, ou retirez l'en-tête.`,
    { extensions: { code: INVALID_CONSISTENCY_TOKEN, http: { status: 400 } } },
  );
}

/**
 * Routes each operation's SQL by its kind (SqlSession.route: queries to a replica that qualifies,
 * the rest to the primary) with the client's read-your-writes token, and hands the token of a write
 * (the primary's WAL position after its commit) back in `extensions.consistencyToken` and the header.
 */
export function readRoutingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          const token = requestedToken(request.http?.headers.get(CONSISTENCY_HEADER));
          await contextValue.loaders.sql.route(operation.operation, token);
        },
        async willSendResponse({ response, contextValue }) {
          const written = contextValue?.loaders?.sql.written;
          if (written === undefined) return;
          const token = formatWalPosition(written);
          response.http.headers.set(CONSISTENCY_HEADER, token);
          if (response.body.kind === "single") {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, consistencyToken: token };
          }
        },
      };
    },
  };
}
