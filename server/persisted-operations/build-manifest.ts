import fs from "node:fs";
import path from "node:path";
import { Kind, OperationDefinitionNode, parse, print } from "graphql";
import { OperationManifest, sha256 } from "./operation-manifest";

/**
 * An operations manifest from a folder of `.graphql` files, one operation per file (with the
 * fragments it uses). The body is graphql-js's `print` of the file, the text clients that build
 * their requests with graphql-js send; a client sending other text must register that text.
 */
export function buildManifest(folder: string): OperationManifest {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith(".graphql")).sort();
  const operations = files.map((file) => {
    const document = parse(fs.readFileSync(path.join(folder, file), "utf8"));
    const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (definitions.length !== 1 || !definitions[0].name) throw new Error(`${file}: expected exactly one named operation`);
    const body = print(document);
    return { id: sha256(body), name: definitions[0].name.value, type: definitions[0].operation, body };
  });
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}
