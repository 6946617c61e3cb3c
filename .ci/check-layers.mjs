// `npm run check:layers`: checks the imports of the given folders against .dependency-cruiser.cjs (the layers of
// docs/architecture.md and no import cycle); prints each violation and exits non-zero on any error.
//
//   node .ci/check-layers.mjs entities schema server resolvers [-T archi|dot|mermaid|text|json|err-long]
//
// It calls dependency-cruiser's API rather than its `depcruise` command: dependency-cruiser 18 declares Node 22 or
// later and its command refuses to start on the Node 20 that Maillage supports (package.json engines, the
// Dockerfile, CI), while the API runs on Node 20. With dependency-cruiser 17.4 (Node 20 declared) or Node 22, the
// same check is `depcruise --config .dependency-cruiser.cjs entities schema server resolvers`.
import { cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const args = process.argv.slice(2);
const typeAt = args.findIndex((arg) => arg === "-T" || arg === "--output-type");
const outputType = typeAt >= 0 ? args[typeAt + 1] : "err";
const folders = args.filter((_, i) => typeAt < 0 || (i !== typeAt && i !== typeAt + 1));
if (!folders.length) {
  console.error("usage: node .ci/check-layers.mjs <folder>... [-T <output type>]");
  process.exit(2);
}

const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
const tsConfig = extractTSConfig(options.tsConfig.fileName);
const result = await cruise(folders, { ...options, outputType }, {}, { tsConfig });
process.stdout.write(typeof result.output === "string" ? result.output : JSON.stringify(result.output, null, 2));
process.exitCode = result.exitCode;
