import fs from "node:fs";
import { buildManifest } from "../persisted-operations/build-manifest";

/** `npm run operations:manifest -- <folder of .graphql files> <manifest.json>`: the registered operations file. */
const [folder = "schema/operations/mobile", output = "schema/operations/mobile.json"] = process.argv.slice(2);
try {
  const manifest = buildManifest(folder);
  fs.writeFileSync(output, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${output}: ${manifest.operations.map((o) => o.name).join(", ")}`);
} catch (error) {
  console.error(error);
  process.exit(1);
}
