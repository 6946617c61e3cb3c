// The layers of the code (docs/architecture.md, "Layers"), checked by `npm run check:layers` in CI.
// Bottom to top; a folder imports only the folders below it:
//   schema/     the GraphQL vocabulary: scalars, enums, Node and global ids, connection, order and payload
//               factories, page arguments, filters and inputs, argument rules. Knows neither the model nor the engine.
//   entities/   the model: TypeORM entities that are also type-graphql object types. Imports schema/.
//   server/     the engine: database, queries, loaders, access, mutation services, HTTP, commands; it assembles
//               the schema (server/build-schema.ts finds the resolvers by file name). Imports entities/ and schema/.
//   resolvers/  the GraphQL surface: resolvers, and the types made of entities (connections, unions, payloads).
// Type-only imports count (tsPreCompilationDeps): a type is a dependency too, the compiler follows it.
const LAYERS = "^(schema|entities|server|resolvers)/";

module.exports = {
  forbidden: [
    {
      name: "schema-imports-no-other-layer",
      comment: "schema/ is the vocabulary every layer speaks: it cannot know the model, the engine or the resolvers. Move the code up, or the pure rule down.",
      severity: "error",
      from: { path: "^schema/" },
      to: { path: "^(entities|server|resolvers)/" },
    },
    {
      name: "schema-uses-only-graphql-packages",
      comment: "schema/ builds on graphql, type-graphql and graphql-scalars only: no database, HTTP or cache package.",
      severity: "error",
      from: { path: "^schema/" },
      to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"], pathNot: "node_modules/(graphql|type-graphql|graphql-scalars|reflect-metadata)/" },
    },
    {
      name: "entities-import-only-schema",
      comment: "The model is described with the vocabulary (schema/) and nothing above it.",
      severity: "error",
      from: { path: "^entities/" },
      to: { path: "^(server|resolvers)/" },
    },
    {
      name: "server-never-imports-resolvers",
      comment: "The engine does not know the GraphQL surface: server/build-schema.ts loads resolvers/ by file name; values the engine returns are typed in server/ or schema/.",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^resolvers/" },
    },
    {
      name: "no-circular",
      comment:
        "No module-level import cycle in the four layers. A cycle closed only by `import type` is allowed: it is erased at build and " +
        "orders nothing at run time (a concept's descriptor names RowAccess's type, while RowAccess reads the descriptors).",
      severity: "error",
      from: { path: LAYERS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-orphans",
      comment: "A module that imports nothing and is imported by nothing is dead code (declaration files aside).",
      severity: "error",
      from: { orphan: true, path: LAYERS, pathNot: "\\.d\\.ts$" },
      to: {},
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to no file: a typo, or a package missing from package.json.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    // node_modules may be a symbolic link (git worktrees): keep its paths as written.
    preserveSymlinks: true,
    // Package subpaths (@electric-sql/pglite/contrib/cube, csv-stringify/sync) resolve through their `exports`, as Node does.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "node", "default", "types"], mainFields: ["main", "types"] },
    // `node .ci/check-layers.mjs ... -T archi | dot -Tsvg`: the four layers and the packages they use.
    reporterOptions: { archi: { collapsePattern: "^(schema|entities|server|resolvers)/|^node_modules/(@[^/]+/)?[^/]+" } },
  },
};
