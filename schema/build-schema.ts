import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { assertValidSchema, GraphQLSchema, lexicographicSortSchema, printSchema, specifiedDirectives } from "graphql";
import { buildSchema, getMetadataStorage } from "type-graphql";
import { RESOLVERS } from "../resolvers";
import { applyCachePolicy } from "../server/cache-control/apply-cache-policy";
import { cacheControlDirective } from "../server/cache-control/cache-control-directive";
import { guardStringArguments } from "./string-arguments";

/** Where the emitted SDL is committed. */
export const SDL_PATH = path.resolve(__dirname, "schema.graphql");

let built: Promise<GraphQLSchema> | undefined;
/** Types and root fields the cache policy table does not cover (uncacheable until it does). */
let cachePolicyGaps: string[] = [];

/** Builds the executable schema once per process. */
export function buildGraphSchema(): Promise<GraphQLSchema> {
  // skipCheck: type-graphql's check runs the whole introspection query over the schema (a quarter of
  // a second of every start); assertValidSchema below finds the same errors, and its result is kept
  // on the schema for Apollo and every request. (A default value that cannot be printed still fails
  // `npm run schema:emit` and the schema test.)
  // Fields without a resolver of their own read their property through graphql's default resolver:
  // type-graphql otherwise wraps each one (a closure and an object per field of every object returned),
  // for middlewares this schema does not use. Not a field named apart from its property (Node's `id`).
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.name === field.schemaName && !field.middlewares?.length) field.simple = true;
  }
  return (built ??= buildSchema({ resolvers: RESOLVERS, validate: false, skipCheck: true, directives: [...specifiedDirectives, cacheControlDirective] }).then((schema) => {
    assertValidSchema(schema);
    // type-graphql has no option for the root type's description.
    schema.getQueryType()!.description =
      "Maillage: associations and city-policy actors of France's priority neighbourhoods (QPV), their cooperation projects, " +
      "participation events and territory. Reference data: ANCT (QPV 2024), Etalab / geo.api.gouv.fr (communes, EPCI, " +
      "départements, régions), La Poste (postal codes), Licence Ouverte 2.0.";
    schema.getMutationType()!.description =
      "Writes, for signed-in users within their role and territories. Each mutation is one transaction; expected failures " +
      "come back in the payload's `errors` with a stable code, and then nothing was changed.";
    cachePolicyGaps = applyCachePolicy(schema);
    guardStringArguments(schema);
    return schema;
  }));
}

/** What server/cache-control/cache-policy.ts leaves without a hint: kept empty by a test. */
export async function uncoveredByCachePolicy(): Promise<string[]> {
  await buildGraphSchema();
  return cachePolicyGaps;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes. */
export async function printGraphSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphSchema()))}\n`;
}

/** Writes the SDL file; returns whether it changed. */
export async function emitSchemaFile(): Promise<boolean> {
  const sdl = await printGraphSchema();
  const previous = fs.existsSync(SDL_PATH) ? fs.readFileSync(SDL_PATH, "utf8") : "";
  if (previous === sdl) return false;
  fs.writeFileSync(SDL_PATH, sdl);
  return true;
}
