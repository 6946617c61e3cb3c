// `npm start`: builds what changed since the last build (nothing, usually: a few milliseconds),
// then serves from dist/ in this same process.
import { createRequire } from "node:module";
import { build } from "./build.mjs";

await build({ ifStale: true });
createRequire(import.meta.url)("../../dist/server/main.js");
