import {
  GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, getNamedType, isCompositeType,
  isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType,
} from "graphql";
import { buildGraphSchema } from "../server/build-schema";
import { argumentOf, maxLengthOf } from "../schema/validation/strings";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/**
 * Every string the schema takes (root field arguments, nested fields' arguments, every field of every
 * input object, in lists too) is sent a NUL, a lone UTF-16 surrogate and one character too many: each
 * is refused with a stable code (BAD_USER_INPUT for reads, INVALID_INPUT in a mutation's payload),
 * naming where it is; never INTERNAL_SERVER_ERROR, never a stack trace.
 */

let server: TestServer;
let schema: GraphQLSchema;
let admin: string;

beforeAll(async () => {
  const issuer = await testIssuer();
  server = await startTestServer("string-inputs", issuer.settings);
  admin = await issuer.admin();
  schema = await buildGraphSchema();
  // The demo data has no proposal (an administrator loads them): one, so that its fields can be called.
  await server.app.dataSource.query(`INSERT INTO proposal (number, stake_number, title) VALUES (1, 1, 'Une proposition')`);
});

afterAll(async () => {
  await server?.stop();
});

type Path = (string | number)[];

/** One place a string goes: the field that takes it, the path from the argument, its type and limit. */
interface Position {
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  path: Path;
  leaf: GraphQLNamedType;
  maxLength: number;
  /** What it covers: `Query.search(text)` or `SearchFilter.regionCodes`. */
  key: string;
}

const isStringScalar = (type: GraphQLNamedType) => isScalarType(type) && !["Int", "Float", "Boolean"].includes(type.name);

/** Every string position under an argument: input object fields one level each, lists as their first item. */
function positionsOf(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, arg: GraphQLArgument): Position[] {
  const found: Position[] = [];
  const walk = (type: GraphQLInputType, path: Path, key: string, maxLength: number, seen: string[]) => {
    if (isNonNullType(type)) return walk(type.ofType, path, key, maxLength, seen);
    if (isListType(type)) return walk(type.ofType, [...path, 0], key, maxLength, seen);
    if (isInputObjectType(type)) {
      if (seen.includes(type.name)) return;
      for (const inner of Object.values(type.getFields())) {
        walk(inner.type, [...path, inner.name], `${type.name}.${inner.name}`, maxLengthOf(inner.extensions), [...seen, type.name]);
      }
      return;
    }
    if (isStringScalar(type)) found.push({ parent, field, path, leaf: type, maxLength, key });
  };
  walk(arg.type, [arg.name], `${parent.name}.${field.name}(${arg.name})`, maxLengthOf(arg.extensions), []);
  return found;
}

const FILLERS: Record<string, unknown> = { Int: 1, Float: 1, Boolean: false, LocalDate: "2024-01-01", DateTime: "2024-01-01T00:00:00Z" };

/** A value that coerces: required fields filled, optional ones left out. */
function filler(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return filler(type.ofType);
  if (isListType(type)) return [filler(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(required.map((f) => [f.name, filler(f.type)]));
  }
  return FILLERS[type.name] ?? "x";
}

/** `value` at `path` inside a filler of `type`. */
function valueWith(type: GraphQLInputType, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  if (isNonNullType(type)) return valueWith(type.ofType, path, value);
  if (isListType(type)) return [valueWith(type.ofType, path.slice(1), value)];
  if (!isInputObjectType(type)) throw new Error(`no field ${path[0]} in ${type}`);
  const inner = type.getFields()[path[0] as string];
  return { ...(filler(type) as object), [path[0]]: valueWith(inner.type, path.slice(1), value) };
}

/**
 * A selection that makes the field do its work (a list its page and count, a record its row), so
 * that a string the check let through would reach SQL: leaf fields without arguments, and edges' cursors.
 */
function workingSelection(type: GraphQLNamedType): string {
  if (!isObjectType(type)) return "__typename";
  const fields = Object.values(type.getFields()).filter((f) => !f.args.length);
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const edge = type.getFields().edges && getNamedType(type.getFields().edges.type);
  if (edge && isObjectType(edge) && edge.getFields().cursor) leaves.push("edges { cursor }");
  return ["__typename", ...leaves].join(" ");
}

/** The field called with the required arguments filled and the bad value at its position, as variables. */
function call(position: Position, value: unknown): { selection: string; definitions: string[]; variables: Record<string, unknown> } {
  const { field, path } = position;
  const args = field.args.filter((a) => a.name === path[0] || (isNonNullType(a.type) && a.defaultValue === undefined));
  const variables = Object.fromEntries(args.map((a) => [`a_${a.name}`, a.name === path[0] ? valueWith(a.type, path.slice(1), value) : filler(a.type)]));
  const isMutation = position.parent === schema.getMutationType();
  const returned = getNamedType(field.type);
  const body = isMutation ? "{ errors { code message path } }" : isCompositeType(returned) ? `{ ${workingSelection(returned)} }` : "";
  return {
    selection: `${field.name}(${args.map((a) => `${a.name}: $a_${a.name}`).join(", ")}) ${body}`,
    definitions: args.map((a) => `$a_${a.name}: ${a.type}`),
    variables,
  };
}

/** Every position, each argument and each input object field covered once (the first root field reaching it). */
function allPositions(): Position[] {
  const chosen = new Map<string, Position>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) for (const p of positionsOf(type, field, arg)) if (!chosen.has(p.key)) chosen.set(p.key, p);
    }
  }
  return [...chosen.values()];
}

/** The id of some node of this type: nested fields' arguments are called on it through `node(id:)`. */
async function nodeIdOf(type: GraphQLObjectType): Promise<string | null> {
  const query = schema.getQueryType()!;
  const itemsOf = (named: GraphQLNamedType): GraphQLNamedType | null => {
    // A connection's edges' node, or the type itself.
    const edges = isObjectType(named) ? named.getFields().edges : undefined;
    const edge = edges && getNamedType(edges.type);
    return edge && isObjectType(edge) && edge.getFields().node ? getNamedType(edge.getFields().node.type) : named;
  };
  const ids = (named: GraphQLNamedType) => (itemsOf(named) === named ? "id" : "edges { node { id } }");
  for (const root of Object.values(query.getFields())) {
    const required = root.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.some((a) => a.name !== "first")) continue;
    const call = `${root.name}${required.length ? "(first: 1)" : ""}`;
    const listed = itemsOf(getNamedType(root.type));
    // The type listed by a root field, or by an argument-free list field of what it lists (a stake's proposals).
    let selection: string | null = listed === type ? `${call} { ${ids(getNamedType(root.type))} }` : null;
    if (!selection && listed && isObjectType(listed)) {
      const inner = Object.values(listed.getFields()).find((f) => !f.args.length && getNamedType(f.type) === type);
      if (inner) selection = `${call} { ${ids(getNamedType(root.type)).replace("id", `${inner.name} { id }`)} }`;
    }
    if (!selection) continue;
    const response = await server.post(`{ ${selection} }`, undefined, admin);
    const found = JSON.stringify(response.data ?? {}).match(/"id":"([^"]+)"/);
    if (found) return found[1];
  }
  return null;
}

const BAD_VALUES = (maxLength: number): [string, string, string][] => [
  ["a NUL character", "a\u0000b", "MALFORMED"],
  ["a lone surrogate", "a\ud800b", "MALFORMED"],
  ["one character too many", "é".repeat(maxLength + 1), "OUT_OF_RANGE"],
];

describe("every string input of the schema", () => {
  it("refuses NUL, lone surrogates and over-long strings with a stable code, naming where", async () => {
    const positions = allPositions();
    const ids = new Map<string, string | null>();
    const failures: string[] = [];
    let cases = 0;
    for (const position of positions) {
      const { parent, path, leaf } = position;
      const isMutation = parent === schema.getMutationType();
      const isRoot = isMutation || parent === schema.getQueryType();
      let nodeId: string | null = null;
      if (!isRoot) {
        if (!ids.has(parent.name)) ids.set(parent.name, await nodeIdOf(parent));
        nodeId = ids.get(parent.name)!;
        if (!nodeId) {
          failures.push(`${position.key}: no ${parent.name} to call it on`);
          continue;
        }
      }
      for (const [what, value, reason] of BAD_VALUES(position.maxLength)) {
        cases++;
        const { selection, definitions, variables } = call(position, value);
        const document = isRoot
          ? `${isMutation ? "mutation" : "query"} (${definitions.join(", ")}) { ${selection} }`
          : `query ($node: ID!, ${definitions.join(", ")}) { node(id: $node) { ... on ${parent.name} { ${selection} } } }`;
        const response = await server.post(document, { ...variables, ...(nodeId ? { node: nodeId } : {}) }, admin);
        const label = `${position.key} at ${path.join(".")}, ${what}`;
        const text = JSON.stringify(response);
        if (/INTERNAL_SERVER_ERROR|stacktrace|\bat .*\.ts:\d+/.test(text) || response.status >= 500) {
          failures.push(`${label}: ${response.status} ${text.slice(0, 300)}`);
          continue;
        }
        if (leaf.name !== "String" && leaf.name !== "ID") {
          // Custom scalars (LocalDate, DateTime) check their own format while the variables coerce.
          if (response.errors?.[0]?.extensions?.code !== "BAD_USER_INPUT") failures.push(`${label}: ${text.slice(0, 300)}`);
          continue;
        }
        if (isMutation) {
          const payload = response.data?.[position.field.name];
          const ok = response.status === 200 && !response.errors && payload?.errors?.length === 1 &&
            payload.errors[0].code === "INVALID_INPUT" && payload.errors[0].path.join(".") === path.join(".");
          if (!ok) failures.push(`${label}: ${text.slice(0, 300)}`);
        } else {
          const error = response.errors?.[0];
          const ok = response.status === 200 && response.errors?.length === 1 && error?.extensions?.code === "BAD_USER_INPUT" &&
            error.extensions.reason === reason && error.extensions.argument === argumentOf(path);
          if (!ok) failures.push(`${label}: ${text.slice(0, 300)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every argument and input field at least once; a schema that lost its inputs would pass vacuously.
    expect(cases).toBeGreaterThan(300);
  });

  it("still accepts a string at its limit (a free-text field, a cursor-sized search, a filter code)", async () => {
    const response = await server.post(`query ($filter: AuditEntryFilter) { auditEntries(first: 1, filter: $filter) { totalCount } }`,
      { filter: { actorSubject: "é".repeat(500) } }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data.auditEntries.totalCount).toBe(0);
    const payload = (await server.post(`mutation ($input: CreateGoodPracticeInput!) { createGoodPractice(input: $input) { errors { code path message } } }`,
      { input: { title: "Un titre", summary: "Résumé", body: "x".repeat(100_000) } }, admin)).data.createGoodPractice;
    expect(payload.errors).toEqual([]);
  });

  it("applies the same rules to an export's filter", async () => {
    const base = server.url.replace(/\/graphql$/, "");
    for (const [value, reason] of [["5\u00009", "MALFORMED"], ["\ud800", "MALFORMED"], ["5".repeat(501), "OUT_OF_RANGE"]]) {
      const filter = encodeURIComponent(JSON.stringify({ departmentCodes: [value] }));
      const response = await fetch(`${base}/exports/associations.csv?filter=${filter}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason, argument: "filter.departmentCodes" });
    }
  });
});
