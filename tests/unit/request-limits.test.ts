import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { buildSchema, getNullableType, GraphQLInputType, isInputObjectType, isListType, OperationDefinitionNode, parse } from "graphql";
import { MAX_VARIABLES_DEPTH } from "../../server/limits/http-guards";
import { LimitError } from "../../server/limits/limit-error";
import { queryCost } from "../../server/limits/query-cost";
import { selectionWeight } from "../../server/limits/selection-count";
import { apolloLogger } from "../../server/observability/logger";
import { captureLogs } from "../support/log-capture";

const SCHEMA = buildSchema(fs.readFileSync(path.resolve(__dirname, "../../schema/schema.graphql"), "utf8"));

/** `{ ...F<levels> }` where each fragment spreads the one below twice: 2^levels fields once expanded. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(" ");
  return `{ ...F${levels} } ${fragments} fragment F0 on Query { __typename }`;
}

describe("request limits, below HTTP", () => {
  it("the cost analysis refuses past its node budget with TOO_MANY_SELECTIONS rather than throwing", () => {
    const document = parse(fragmentBomb(12));
    const operation = document.definitions[0] as OperationDefinitionNode;
    let thrown: unknown;
    try {
      queryCost(SCHEMA, document, operation, {}, 100);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LimitError);
    expect((thrown as LimitError).extensions).toMatchObject({ code: "TOO_MANY_SELECTIONS", limit: 100 });
  });

  it("counting selections stops at its cap, whatever the expansion (a 2^60 fragment bomb, a cycle)", () => {
    const started = process.hrtime.bigint();
    expect(selectionWeight(parse(fragmentBomb(60)), 2000)).toBeGreaterThan(2000);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
    expect(selectionWeight(parse(`{ ...A } fragment A on Query { x ...B } fragment B on Query { y ...A }`), 2000)).toBeLessThan(20);
  });

  it(`the schema's inputs nest well within the ${MAX_VARIABLES_DEPTH} levels allowed to variables`, () => {
    const depth = (type: GraphQLInputType, seen: readonly string[]): number => {
      const inner = getNullableType(type);
      if (isListType(inner)) return 1 + depth(inner.ofType, seen);
      if (!isInputObjectType(inner)) return 0;
      // A recursive input type could nest without bound: none may exist.
      expect(seen).not.toContain(inner.name);
      return 1 + Math.max(0, ...Object.values(inner.getFields()).map((field) => depth(field.type, [...seen, inner.name])));
    };
    const roots = [SCHEMA.getQueryType()!, SCHEMA.getMutationType()!];
    const deepest = Math.max(...roots.flatMap((root) => Object.values(root.getFields()).flatMap((field) => field.args.map((arg) => depth(arg.type, [])))));
    // The variables object is one more level.
    expect(deepest + 1).toBeLessThanOrEqual(MAX_VARIABLES_DEPTH / 4);
  });

  it("Apollo's messages are JSON lines of the log, without a stack", () => {
    const logs = captureLogs();
    try {
      apolloLogger.error(new RangeError("Maximum call stack size exceeded"));
      apolloLogger.warn("Unexpected error processing request: RangeError: Maximum call stack size exceeded");
    } finally {
      logs.restore();
    }
    expect(logs.lines).toHaveLength(2);
    for (const line of logs.lines) {
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({ component: "apollo", msg: expect.stringContaining("Maximum call stack size exceeded") });
      expect(line).not.toMatch(/stack"|\\n\s+at /);
    }
  });
});
