import { ClientError, GraphQLClient } from "graphql-request";
import { App, startApp } from "../../server/app";
import { Config, loadConfig } from "../../server/config";
import { cloneTemplate } from "./test-database";

/** A Maillage server started for one test file, on its own copy of the demo database. */
export interface TestServer {
  app: App;
  url: string;
  client: GraphQLClient;
  /** Runs a query (with a bearer token if given) and returns data, errors, extensions and HTTP status, without throwing on GraphQL errors. */
  post(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

export interface GraphQLResponse {
  status: number;
  data?: any;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  extensions?: { diagnostics?: { sqlStatements: number; preparedStatements?: number; compiled?: boolean } };
}

/** Sends a query over HTTP (with a bearer token if given) and returns data, errors, extensions and HTTP status, without throwing on GraphQL errors. */
export async function postGraphQL(client: GraphQLClient, query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse> {
  try {
    const headers = token ? { authorization: `Bearer ${token}` } : undefined;
    const { data, extensions, status } = await client.rawRequest(query, variables, headers);
    return { status, data, extensions: extensions as GraphQLResponse["extensions"] };
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    const { status, data, errors, extensions } = error.response as GraphQLResponse & { errors?: GraphQLResponse["errors"] };
    return { status, data, errors, extensions };
  }
}

/** Starts the real server (HTTP on a free port) against a fresh copy of the template database. */
export async function startTestServer(label: string, settings: Partial<Config> = {}): Promise<TestServer> {
  const database = await cloneTemplate(label);
  const app = await startApp({
    ...loadConfig({}),
    port: 0,
    host: "127.0.0.1",
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    demoData: false,
    diagnostics: true,
    // Off unless a test is about it: the other tests read back what they just wrote, anonymously too.
    responseCache: false,
    ...settings,
  });
  const client = new GraphQLClient(app.url);
  const post = (query: string, variables?: Record<string, unknown>, token?: string) => postGraphQL(client, query, variables, token);
  return {
    app,
    url: app.url,
    client,
    post,
    stop: async () => {
      await app.stop();
      await database.drop();
    },
  };
}
