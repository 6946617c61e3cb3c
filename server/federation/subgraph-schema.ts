import fs from "node:fs";
import path from "node:path";
import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  ConstDirectiveNode, DefinitionNode, DocumentNode, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema,
  GraphQLString, GraphQLUnionType, Kind, graphqlSync, parse,
} from "graphql";
import { buildGraphSchema, printGraphSchema } from "../build-schema";
import { RequestContext } from "../context";
import { ENTITY_KEYS, ENTITY_TYPE_NAMES, entityTypeOf, resolveRepresentations } from "./entity-references";

/** Where the subgraph's SDL (what `_service { sdl }` answers) is committed. */
export const SUBGRAPH_SDL_PATH = path.resolve(__dirname, "../../schema/subgraph.graphql");

/** The Federation 2 version the SDL links to (composition 2.7 and later, GraphOS and the router accept it). */
export const FEDERATION_SPEC_URL = "https://specs.apollo.dev/federation/v2.7";

/**
 * What another subgraph may resolve too (Federation 2 refuses a field two subgraphs resolve unless both
 * mark it @shareable): the Relay page info every connection-based subgraph defines, and the names of
 * the reference territories (COG and QPV 2024), which a State service of territories serves identically.
 * Key fields need no mark: composition treats an entity's @key fields as shareable.
 */
const SHAREABLE_TYPES = new Set(["PageInfo"]);
const SHAREABLE_FIELDS = new Set(["Region.name", "Department.name", "Epci.name", "Commune.name", "Qpv.name"]);

const directive = (name: string, fields?: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: name },
  arguments: fields === undefined ? [] : [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "fields" }, value: { kind: Kind.STRING, value: fields } }],
});

/**
 * The subgraph's type definitions: the plain schema's SDL (schema/schema.graphql), with the @link to
 * Federation 2, one @key per key of ENTITY_KEYS, and @shareable where listed above. Printed from the
 * plain SDL, so the two never drift apart.
 */
export function subgraphTypeDefs(plainSdl: string): DocumentNode {
  const definitions = parse(plainSdl).definitions.map((definition): DefinitionNode => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const name = definition.name.value;
    const keys = Object.hasOwn(ENTITY_KEYS, name) ? ENTITY_KEYS[name] : [];
    return {
      ...definition,
      directives: [...(definition.directives ?? []), ...keys.map((key) => directive("key", key)), ...(SHAREABLE_TYPES.has(name) ? [directive("shareable")] : [])],
      fields: definition.fields?.map((field) =>
        SHAREABLE_FIELDS.has(`${name}.${field.name.value}`) ? { ...field, directives: [...(field.directives ?? []), directive("shareable")] } : field),
    };
  });
  const link = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key", "@shareable"])`).definitions;
  return { kind: Kind.DOCUMENT, definitions: [...link, ...definitions] };
}

/**
 * The SDL a gateway reads from `_service { sdl }`: what @apollo/subgraph publishes for these type
 * definitions (it checks them, and adds the federation definitions they link).
 */
export async function printSubgraphSdl(): Promise<string> {
  const federation = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(await printGraphSchema()) }]);
  const result = graphqlSync({ schema: federation, source: "{ _service { sdl } }" });
  if (result.errors?.length) throw result.errors[0];
  return `${(result.data as { _service: { sdl: string } })._service.sdl}\n`;
}

let built: Promise<GraphQLSchema> | undefined;

/**
 * The schema served with MAILLAGE_SUBGRAPH=true: the plain schema's very types and resolvers (so the
 * same costs, cache policy, argument checks and access rules), its Query extended with Federation's
 * `_service` and `_entities`. The plain schema itself is left as it is.
 */
export function buildSubgraphGraphSchema(): Promise<GraphQLSchema> {
  return (built ??= (async () => {
    const plain = await buildGraphSchema();
    const sdl = await printSubgraphSdl();
    const anyType = new GraphQLScalarType({
      name: "_Any",
      description: "Federation: an entity representation, `{ __typename, <key fields> }`, as a gateway sends it.",
    });
    const serviceType = new GraphQLObjectType({
      name: "_Service",
      description: "Federation: this subgraph, as a gateway introspects it.",
      fields: { sdl: { type: GraphQLString, description: "The subgraph's SDL with its Federation 2 directives (schema/subgraph.graphql)." } },
    });
    const entityType = new GraphQLUnionType({
      name: "_Entity",
      description: "Federation: the types a gateway may resolve here by key.",
      types: ENTITY_TYPE_NAMES.map((name) => plain.getType(name) as GraphQLObjectType),
      resolveType: (value) => entityTypeOf(value),
    });
    const query = plain.getQueryType()!.toConfig();
    const extended = new GraphQLObjectType({
      ...query,
      fields: {
        ...query.fields,
        _service: {
          type: new GraphQLNonNull(serviceType),
          description: "Federation: the subgraph's SDL, for a gateway or `rover subgraph introspect`.",
          resolve: () => ({ sdl }),
        },
        _entities: {
          type: new GraphQLNonNull(new GraphQLList(entityType)),
          description: "Federation: the records the representations name, in order, as the viewer may see them (null when unknown or hidden).",
          args: {
            representations: {
              type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(anyType))),
              description: "One `{ __typename, <key fields> }` per record, e.g. `{ __typename: \"Association\", rna: \"W595021953\" }`.",
            },
          },
          resolve: (_root, args: { representations: unknown[] }, ctx: RequestContext) => resolveRepresentations(ctx, args.representations),
        },
      },
    });
    const config = plain.toConfig();
    return new GraphQLSchema({
      ...config,
      query: extended,
      types: [...config.types.filter((type) => type.name !== extended.name), extended, anyType, serviceType, entityType],
    });
  })());
}

/** Writes schema/subgraph.graphql; returns whether it changed. */
export async function emitSubgraphSdlFile(): Promise<boolean> {
  const sdl = await printSubgraphSdl();
  const previous = fs.existsSync(SUBGRAPH_SDL_PATH) ? fs.readFileSync(SUBGRAPH_SDL_PATH, "utf8") : "";
  if (previous === sdl) return false;
  fs.writeFileSync(SUBGRAPH_SDL_PATH, sdl);
  return true;
}
