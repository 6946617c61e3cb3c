import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { assertValidSchema, GraphQLSchema, lexicographicSortSchema, printSchema, specifiedDirectives } from "graphql";
import { buildSchema, getMetadataStorage, NonEmptyArray } from "type-graphql";
import { guardStringArguments } from "../schema/string-arguments";
import { uncoveredByPolicy } from "./cache-control/policy-coverage";
import { cacheControlDirective } from "./cache-control/cache-control-directive";

/** Where the emitted SDL is committed. */
export const SDL_PATH = path.resolve(__dirname, "../schema/schema.graphql");

/** The resolvers' folder: resolvers/ beside server/ in the sources, dist/resolvers in the build. */
const RESOLVERS_DIR = path.resolve(__dirname, "../resolvers");

/** `.ts` when running from the sources (npm run dev, jest, the commands), `.js` from dist/ (npm start). */
const RESOLVER_FILE = new RegExp(`\\.resolver\\${path.extname(__filename)}$`);

/** The resolver modules: every `*.resolver.ts` (`.js` when built) under resolvers/, sorted. */
export function resolverFiles(dir = RESOLVERS_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return resolverFiles(file);
      return RESOLVER_FILE.test(entry.name) ? [file] : [];
    })
    .sort();
}

/**
 * The graph's resolvers, found the way type-graphql 1 read a glob (type-graphql 2 takes classes only):
 * every resolver module is loaded, and each @Resolver class it exports is taken, directly or inside an
 * exported object (the payloads' `{ Payload, Resolver }`). server/ thus assembles the schema from
 * resolvers/ without importing it (resolvers/ sits above server/: docs/architecture.md, Layers), and a
 * new `*.resolver.ts` file is in the graph without being listed anywhere. Taken from the exports rather
 * than from all of type-graphql's metadata: under jest one store serves every test file of a worker (jest
 * copies the process's globals into each file's), so it also holds the classes of earlier files.
 */
export function discoverResolvers(): NonEmptyArray<Function> {
  // The composition root loads resolvers/ by file name, on purpose: no static import from server/.
  const modules: Record<string, unknown>[] = resolverFiles().map((file) => require(file));
  const declared = new Set(getMetadataStorage().resolverClasses.map((resolver) => resolver.target));
  const found = new Set<Function>();
  for (const value of modules.flatMap((exported) => Object.values(exported))) {
    const candidates = typeof value === "function" ? [value] : value && typeof value === "object" ? Object.values(value) : [];
    for (const candidate of candidates) if (declared.has(candidate as Function)) found.add(candidate as Function);
  }
  if (!found.size) throw new Error(`No resolver found in ${RESOLVERS_DIR}`);
  return [...found] as NonEmptyArray<Function>;
}

let built: Promise<GraphQLSchema> | undefined;
/** Types and root fields the cache policy table does not cover (uncacheable until it does). */
let cachePolicyGaps: string[] = [];

/** Builds the executable schema once per process. */
export function buildGraphSchema(): Promise<GraphQLSchema> {
  if (built) return built;
  // The resolver modules first: from here on, type-graphql's metadata holds every type they declare.
  const resolvers = discoverResolvers();
  // Fields without a resolver of their own read their property through graphql's default resolver:
  // type-graphql otherwise wraps each one (a closure and an object per field of every object returned),
  // for middlewares this schema does not use. Not a field named apart from its property (Node's `id`).
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.name === field.schemaName && !field.middlewares?.length) field.simple = true;
  }
  // skipCheck: type-graphql's check runs the whole introspection query over the schema (a quarter of
  // a second of every start); assertValidSchema below finds the same errors, and its result is kept
  // on the schema for Apollo and every request. (A default value that cannot be printed still fails
  // `npm run schema:emit` and the schema test.)
  return (built = buildSchema({ resolvers, validate: false, skipCheck: true, directives: [...specifiedDirectives, cacheControlDirective] }).then((schema) => {
    assertValidSchema(schema);
    // type-graphql has no option for the root type's description.
    schema.getQueryType()!.description =
      "Maillage: associations and city-policy actors of France's priority neighbourhoods (QPV), their cooperation projects, " +
      "participation events and territory. Reference data: ANCT (QPV 2024), Etalab / geo.api.gouv.fr (communes, EPCI, " +
      "départements, régions), La Poste (postal codes), Licence Ouverte 2.0.";
    schema.getMutationType()!.description =
      "Writes, for signed-in users within their role and territories. Each mutation is one transaction; expected failures " +
      "come back in the payload's `errors` with a stable code, and then nothing was changed.";
    cachePolicyGaps = uncoveredByPolicy(schema);
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
