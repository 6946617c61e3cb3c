import { createHash } from "node:crypto";
import fs from "node:fs";
import { GraphQLSchema, OperationTypeNode, parse, validate } from "graphql";

/** One registered operation, as in Apollo's persisted query manifest. */
export interface RegisteredOperation {
  /** sha256 (hex) of `body`: the hash a client sends in `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name: string;
  type: OperationTypeNode;
  /** The exact text the client sends. */
  body: string;
}

/** The file format: Apollo's `apollo-persisted-query-manifest`, version 1. */
export interface OperationManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: RegisteredOperation[];
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The registered operations, by id (= sha256 of the body). */
export type OperationRegistry = ReadonlyMap<string, RegisteredOperation>;

/**
 * Reads and checks an operations file: the format, that each id is the sha256 of its body (so
 * that automatic persisted queries find it by hash), and that each body is one valid operation of
 * this schema. Any fault stops the start-up: a registry that does not match the server is a
 * deployment error, better caught before clients are refused.
 */
export function loadOperationManifest(file: string, schema: GraphQLSchema): OperationRegistry {
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<OperationManifest>;
  if (manifest.format !== "apollo-persisted-query-manifest" || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file}: expected {"format":"apollo-persisted-query-manifest","version":1,"operations":[...]}`);
  }
  const registry = new Map<string, RegisteredOperation>();
  const faults: string[] = [];
  for (const [index, operation] of manifest.operations.entries()) {
    const label = `operation ${index} (${operation?.name ?? "unnamed"})`;
    if (typeof operation?.body !== "string" || typeof operation.id !== "string") {
      faults.push(`${label}: needs a string id and body`);
      continue;
    }
    if (operation.id !== sha256(operation.body)) {
      faults.push(`${label}: id must be the sha256 (hex) of body, ${sha256(operation.body)}`);
      continue;
    }
    try {
      const errors = validate(schema, parse(operation.body));
      if (errors.length) faults.push(`${label}: ${errors.map((e) => e.message).join("; ")}`);
    } catch (error) {
      faults.push(`${label}: ${(error as Error).message}`);
    }
    registry.set(operation.id, operation);
  }
  if (faults.length) throw new Error(`${file}: ${faults.join("\n")}`);
  return registry;
}
