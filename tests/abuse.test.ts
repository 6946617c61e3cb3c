import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import {
  buildSchema, getNamedType, getNullableType, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLSchema,
  isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, isUnionType,
} from "graphql";
import { loadConfig } from "../server/config";
import { captureLogs, CapturedLogs } from "./support/log-capture";
import { startTestServer, TestServer } from "./support/test-server";
import { testIssuer } from "./support/tokens";

/**
 * Generated abuse: a few thousand requests, random and pathological (documents, variables, headers,
 * methods), within the body limit, against a production-mode and a development-mode server. None
 * may answer 5xx, every answer is JSON with a code on each error and no stack trace, and every log
 * line is JSON without a stack. Deterministic: ABUSE_SEED picks another run, ABUSE_CASES the number
 * of cases, ABUSE_ONLY=<index> replays one case; a failure names its seed and index.
 */
const SEED = Number(process.env.ABUSE_SEED ?? 16);
const CASES = Number(process.env.ABUSE_CASES ?? 2500);
const ONLY = process.env.ABUSE_ONLY === undefined ? undefined : Number(process.env.ABUSE_ONLY);
const PARALLEL = 4;

const SCHEMA: GraphQLSchema = buildSchema(fs.readFileSync(path.resolve(__dirname, "../schema/schema.graphql"), "utf8"));
const LIMITS = loadConfig({}).limits;

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof random>;

/** One generated request, as bytes on the wire. */
interface Case {
  index: number;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent to the production-mode server, else the development-mode one. */
  production: boolean;
}

// ---- Strings, numbers and values ----

const NASTY_STRINGS = [
  "", " ", "\u0000", "\\", "\"", "'; DROP TABLE organization; --", "%00", "${x}", "{{x}}", "<script>alert(1)</script>",
  "\ud800", "\udfff", "\ud83d\ude00", "\ufeff", "\u202e", "e\u0301", "\r\n", "null", "undefined", "NaN", "-0", "__proto__",
  "QXNzb2NpYXRpb246MQ", "QXNzb2NpYXRpb246OTk5OTk5OTk5OTk", "UGFydG5lcjox", "Og", "=HYPERLINK(\"http://x\",\"y\")",
];

function randomString(r: Random): string {
  switch (r.int(0, 5)) {
    case 0: return r.pick(NASTY_STRINGS);
    case 1: return Array.from({ length: r.int(0, 40) }, () => String.fromCharCode(r.int(0, 0xffff))).join("");
    case 2: return "x".repeat(r.pick([100, 1000, 10_000, 60_000]));
    case 3: return Array.from({ length: r.int(1, 12) }, () => r.pick(["a", "é", "🙂", " ", "-", "0", "9", "Z"])).join("");
    default: return r.pick(["59512", "75056", "59", "32", "2024-01-01", "2024-02-30", "0001-01-01", "2026-03-12T10:00:00Z", "Roubaix", "lille"]);
  }
}

const NASTY_NUMBERS = [0, -1, 1, 2, 3, 100, 101, 2147483647, 2147483648, -2147483649, 1e308, -1e308, 1.5, 0.1, 9007199254740993, 1e21];

/** A JSON value for a GraphQL input type: usually fitting, sometimes not at all. */
function randomJsonFor(r: Random, type: GraphQLInputType, depth = 0): unknown {
  if (r.chance(0.08) || depth > 5) return randomJson(r, 2);
  if (isNonNullType(type)) return randomJsonFor(r, type.ofType, depth);
  if (r.chance(0.05)) return null;
  if (isListType(type)) return Array.from({ length: r.int(0, 3) }, () => randomJsonFor(r, type.ofType, depth + 1));
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) if (isNonNullType(field.type) || r.chance(0.3)) value[field.name] = randomJsonFor(r, field.type, depth + 1);
    if (r.chance(0.05)) value[r.pick(["__proto__", "constructor", "prototype", "unknownField"])] = randomJson(r, 2);
    return value;
  }
  if (isEnumType(type)) return r.chance(0.9) ? r.pick(type.getValues()).name : randomString(r);
  switch (type.name) {
    case "Int": return r.chance(0.8) ? r.int(1, 5) : r.pick(NASTY_NUMBERS);
    case "Float": return r.chance(0.8) ? r.next() * 100 : r.pick(NASTY_NUMBERS);
    case "Boolean": return r.chance(0.9) ? r.chance(0.5) : "true";
    default: return randomString(r);
  }
}

/** Any JSON value, nesting up to `depth` levels. */
function randomJson(r: Random, depth: number): unknown {
  switch (depth > 0 ? r.int(0, 6) : r.int(0, 4)) {
    case 0: return null;
    case 1: return r.chance(0.5);
    case 2: return r.pick(NASTY_NUMBERS);
    case 3: case 4: return randomString(r);
    case 5: return Array.from({ length: r.int(0, 4) }, () => randomJson(r, depth - 1));
    default: {
      const value: Record<string, unknown> = {};
      for (let i = r.int(0, 4); i > 0; i--) value[r.pick(["a", "__proto__", "constructor", "prototype", "toString", "first", "ids", "filter", ""])] = randomJson(r, depth - 1);
      return value;
    }
  }
}

/** A GraphQL literal of a JSON value (the value inline in the document instead of a variable). */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return isEnumType(type && getNamedType(type)) && /^[A-Z_]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, undefined)).join(", ")}]`;
  return `{ ${Object.entries(value).filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k)).map(([k, v]) => `${k}: ${literal(v, undefined)}`).join(", ")} }`;
}

// ---- Documents ----

/** A document built from the schema: fields, arguments (inline or as variables), aliases, fragments, directives. */
function schemaDocument(r: Random, mutation: boolean): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const fragments: string[] = [];
  const argument = (arg: { name: string; type: GraphQLInputType }) => {
    const value = arg.name === "first" && r.chance(0.8) ? r.int(1, 3) : randomJsonFor(r, arg.type);
    if (r.chance(0.5)) return `${arg.name}: ${literal(value, arg.type)}`;
    const name = `v${definitions.length}`;
    // Sometimes a declared type that does not match the argument's.
    const declared = r.chance(0.9) ? String(arg.type) : r.pick(["Int", "String!", "[ID!]!", "Boolean", "JSONObject", "AssociationFilter"]);
    definitions.push(`$${name}: ${declared}`);
    variables[name] = value;
    return `${arg.name}: $${name}`;
  };
  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isUnionType(type)) {
      return `__typename ${type.getTypes().filter(() => r.chance(0.4)).map((t) => `... on ${t.name} { ${selection(t, depth + 1)} }`).join(" ")}`;
    }
    if (!isObjectType(type) && !("getFields" in type)) return "__typename";
    const fields = Object.values((type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields());
    const chosen = Array.from({ length: r.int(1, 4) }, () => r.pick(fields));
    const parts = chosen.map((field) => {
      const args = field.args.filter((a) => isNonNullType(a.type) || r.chance(a.name === "first" ? 0.9 : 0.2)).map(argument);
      const alias = r.chance(0.15) ? `a${r.int(0, 999)}: ` : "";
      const directive = r.chance(0.05) ? ` @include(if: ${r.chance(0.5)})` : r.chance(0.03) ? ` @skip(if: true) @skip(if: false)` : "";
      const named = getNamedType(field.type);
      const head = `${alias}${field.name}${args.length ? `(${args.join(", ")})` : ""}${directive}`;
      if (!isCompositeType(named)) return head;
      // Sometimes too deep, or a composite without a selection (invalid).
      if (depth > r.int(3, 8) || r.chance(0.02)) return r.chance(0.9) ? `${head} { __typename }` : head;
      if (r.chance(0.1)) {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${named.name} { ${selection(named, depth + 1)} }`);
        return `${head} { ...${name} }`;
      }
      return `${head} { ${selection(named, depth + 1)} }`;
    });
    return parts.join(" ");
  };
  const root = mutation ? SCHEMA.getMutationType()! : SCHEMA.getQueryType()!;
  const body = selection(root, 0);
  const header = `${mutation ? "mutation" : "query"} Generated${definitions.length ? `(${definitions.join(", ")})` : ""}`;
  return { query: `${header} { ${body} } ${fragments.join(" ")}`, variables };
}

/** Documents built to hurt: nesting, breadth, repeats, spreads, cycles, huge literals, broken syntax. */
function pathologicalDocument(r: Random): { kind: string; query: string } {
  const n = (values: number[]) => r.pick(values);
  switch (r.int(0, 21)) {
    case 0: { const d = n([25, 199, 201, 1000, 3300]); return { kind: `nested-selections(${d})`, query: `{${"stakes {".repeat(d)} number ${"}".repeat(d + 1)}` }; }
    case 1: { const d = n([50, 199, 1000, 3300]); return { kind: `nested-inline-fragments(${d})`, query: `{${"... on Query {".repeat(d)} __typename ${"}".repeat(d + 1)}` }; }
    case 2: { const d = n([31, 199, 3000, 9000]); return { kind: `nested-list-value(${d})`, query: `{ nodes(ids: ${"[".repeat(d)}${"]".repeat(d)}) { id } }` }; }
    case 3: { const d = n([20, 199, 2000, 4900]); return { kind: `nested-object-value(${d})`, query: `{ associations(first: 1, filter: ${"{ a: ".repeat(d)}1${"}".repeat(d)}) { totalCount } }` }; }
    case 4: { const k = n([100, 2000, 4900]); return { kind: `wide-typename(${k})`, query: `{ ${"__typename ".repeat(k)} }` }; }
    case 5: { const k = n([30, 45, 600, 2400]); return { kind: `repeated-selections(${k})`, query: `{ ${"stakes { number title } ".repeat(k)} }` }; }
    case 6: { const k = n([150, 199, 200, 201, 1500]); return { kind: `aliases(${k})`, query: `{ ${Array.from({ length: k }, (_, i) => `a${i}: stakes { number }`).join(" ")} }` }; }
    case 7: { const k = n([100, 2000, 3500, 4900]); return { kind: `spreads-of-one-fragment(${k})`, query: `{ stakes { ${"...F ".repeat(k)} } } fragment F on Stake { number title }` }; }
    case 8: {
      const levels = n([8, 14, 20, 30]);
      const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(" ");
      return { kind: `fragment-bomb(${levels})`, query: `{ ...F${levels} } ${fragments} fragment F0 on Query { __typename }` };
    }
    case 9: {
      const k = n([1, 2, 5, 300]);
      const fragments = Array.from({ length: k }, (_, i) => `fragment C${i} on Query { __typename ...C${(i + 1) % k} }`).join(" ");
      return { kind: `fragment-cycle(${k})`, query: `{ ...C0 } ${fragments}` };
    }
    case 10: { const k = n([50, 500, 1500]); return { kind: `distinct-fragments(${k})`, query: `{ stakes { ${Array.from({ length: k }, (_, i) => `...F${i}`).join(" ")} } } ${Array.from({ length: k }, (_, i) => `fragment F${i} on Stake { number }`).join(" ")}` }; }
    case 11: { const k = n([19, 21, 1000]); return { kind: `directives(${k})`, query: `{ stakes { number ${"@include(if: true) ".repeat(k)} } }` }; }
    case 12: { const s = n([1000, 100_000, 250_000]); return { kind: `huge-string(${s})`, query: `{ search(text: "${"a".repeat(s)}", first: 1) { totalCount } }` }; }
    case 13: { const s = n([1000, 200_000]); return { kind: `huge-block-string(${s})`, query: `{ search(text: """${"{[(\\\"\"\" ".repeat(s / 10)}""", first: 1) { totalCount } }` }; }
    case 14: { const v = r.pick(["1e999999", "9".repeat(10_000), "-0", "1.5", "0x10", "1e2", "99999999999999999999"]); return { kind: `huge-number(${v.slice(0, 12)})`, query: `{ associations(first: ${v}) { totalCount } }` }; }
    case 15: return { kind: "lone-surrogate-escape", query: `{ search(text: "${r.pick(["\\uD800", "\\uDFFF", "\\u{110000}", "\\u{D800}", "\\x41", "\\u00", "\u0000"])}", first: 1) { totalCount } }` };
    case 16: return { kind: "raw-unicode", query: `{ ${r.pick(["\ud800", "🙂", "\u0000", "é", "\ufeff", "\u2028"])}stakes { number } }` };
    case 17: {
      const valid = `query Q($f: Int) { associations(first: $f) { edges { node { id name } } } }`;
      return { kind: "truncated", query: valid.slice(0, r.int(0, valid.length - 1)) };
    }
    case 18: return { kind: "token-soup", query: Array.from({ length: r.int(1, 200) }, () => r.pick(["{", "}", "(", ")", "[", "]", ":", "...", "@", "$", "!", "=", "|", "&", "query", "fragment", "on", "stakes", "\"s\"", "1", "#c\n", "\"\"\"", ","])).join(" ") };
    case 19: { const k = n([2, 100, 2000]); return { kind: `many-operations(${k})`, query: Array.from({ length: k }, (_, i) => `query Q${i % Math.max(1, k - 1)} { __typename }`).join(" ") }; }
    case 20: { const k = n([100, 1500]); return { kind: `many-variables(${k})`, query: `query (${Array.from({ length: k }, (_, i) => `$v${i}: Int`).join(" ")}) { __typename }` }; }
    default: { const s = n([10_000, 200_000]); return { kind: `huge-comment(${s})`, query: `{ __typename } #${"x".repeat(s)}` }; }
  }
}

/** `variables` built to hurt: deep, wide, long, of the wrong kind, with prototype keys. */
function pathologicalVariables(r: Random): { kind: string; json: string } {
  switch (r.int(0, 7)) {
    case 0: { const d = n(r, [31, 32, 33, 1000, 5000, 50_000]); return { kind: `deep-object(${d})`, json: `{"${r.pick(["f", "a"])}":${'{"a":'.repeat(d)}1${"}".repeat(d)}}` }; }
    case 1: { const d = n(r, [31, 32, 1000, 5000, 100_000]); return { kind: `deep-list(${d})`, json: `{"${r.pick(["ids", "f", "n"])}":${"[".repeat(d)}${"]".repeat(d)}}` }; }
    case 2: { const k = n(r, [1000, 20_000]); return { kind: `wide(${k})`, json: JSON.stringify(Object.fromEntries(Array.from({ length: k }, (_, i) => [`k${i}`, i]))) }; }
    case 3: { const k = n(r, [101, 10_000, 50_000]); return { kind: `huge-list(${k})`, json: JSON.stringify({ ids: Array.from({ length: k }, (_, i) => `QXNzb2NpYXRpb246${i}`) }) }; }
    case 4: return { kind: "prototype-keys", json: r.pick(['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"f":{"__proto__":{"first":1}}}', '{"ids":{"__proto__":[]}}']) };
    case 5: return { kind: "not-an-object", json: r.pick(['"{}"', "[]", "1", "null", "true", '"x"', "[{}]"]) };
    case 6: return { kind: "wrong-types", json: JSON.stringify({ n: r.pick([{}, [], "x", 1.5, -1, 2 ** 31, null, true]), f: r.pick([{}, [], "x", { regionCodes: [1] }, { federated: "yes" }]), ids: r.pick([{}, "x", [1, null, {}], [[]]]) }) };
    default: return { kind: "random", json: JSON.stringify(randomJson(r, 4)) ?? "null" };
  }
}
const n = (r: Random, values: number[]) => r.pick(values);

/** Documents whose variables receive those above. */
const VARIABLES_DOCUMENTS = [
  `query ($n: Int!, $f: AssociationFilter) { associations(first: $n, filter: $f) { totalCount } }`,
  `query ($f: AssociationFilter) { associations(first: 1, filter: $f) { totalCount } }`,
  `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
];

// ---- Requests ----

const CONTENT_TYPES = [
  "application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
  "application/json; charset=latin1", "application/json; charset=utf-16", "application/json; charset=bogus", "application/graphql",
  "application/graphql-response+json", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x", "application/xml", "*/*", "", "application/json, text/plain", "APPLICATION/JSON",
];
const ACCEPTS = [
  "application/json", "application/graphql-response+json", "application/graphql-response+json, application/json;q=0.9", "*/*",
  "text/html", "text/html, */*;q=0.1", "multipart/mixed", "multipart/mixed; deferSpec=20220824", "application/xml", "",
  "application/json;q=0", "garbage/;;;", "text/event-stream", "image/png",
];

function pickHeaders(r: Random, token: string): Record<string, string> {
  // Most cases look like a client's, so that their document and variables reach GraphQL.
  if (r.chance(0.7)) {
    const headers: Record<string, string> = { "content-type": "application/json", "apollo-require-preflight": "true" };
    if (r.chance(0.5)) headers.accept = r.pick(["application/json", "application/graphql-response+json", "*/*"]);
    if (r.chance(0.15)) headers.authorization = `Bearer ${token}`;
    return headers;
  }
  const headers: Record<string, string> = {};
  if (r.chance(0.85)) headers["content-type"] = r.chance(0.7) ? "application/json" : r.pick(CONTENT_TYPES);
  if (r.chance(0.6)) headers.accept = r.pick(ACCEPTS);
  if (r.chance(0.6)) headers["apollo-require-preflight"] = r.pick(["true", "1", " "]);
  if (r.chance(0.2)) headers["x-apollo-operation-name"] = r.pick(["Q", "", "x".repeat(1000)]);
  if (r.chance(0.2)) headers.authorization = r.pick([`Bearer ${token}`, "Bearer ", "Bearer x.y.z", "Basic YTpi", "bearer " + "a".repeat(4000), token]);
  if (r.chance(0.1)) headers["x-request-id"] = r.pick(["", "a".repeat(200), "<script>", "id with spaces"]);
  if (r.chance(0.05)) headers["x-padding"] = "p".repeat(r.pick([1000, 8000, 12_000]));
  if (r.chance(0.05)) headers["content-encoding"] = r.pick(["gzip", "deflate", "br", "identity", "bogus"]);
  if (r.chance(0.05)) headers.origin = r.pick(["https://evil.example", "null", "http://localhost:4000"]);
  return headers;
}

function buildCase(index: number, token: string): Case {
  const r = random(SEED * 1_000_003 + index);
  const production = index % 2 === 0;
  // Behind a trusted proxy, each case usually comes from its own address (so that rate limits do not end the run).
  const headers: Record<string, string> = { "x-request-id": `abuse-${index}`, ...pickHeaders(r, token) };
  if (r.chance(0.9)) headers["x-forwarded-for"] = r.chance(0.95) ? `198.18.${r.int(0, 255)}.${r.int(0, 255)}` : r.pick(["garbage", "::1, 10.0.0.1", ""]);
  let kind: string;
  const request: Record<string, unknown> = {};
  let raw: string | undefined;
  // For a GET, the URL parameters (JSON values as text), when they are not those of `request`.
  let rawParams: [string, string][] | undefined;
  const shape = r.int(0, 9);
  if (shape <= 3) {
    const document = schemaDocument(r, r.chance(0.1));
    kind = "schema-document";
    request.query = document.query;
    if (Object.keys(document.variables).length) request.variables = document.variables;
  } else if (shape <= 6) {
    const document = pathologicalDocument(r);
    kind = document.kind;
    request.query = document.query;
  } else if (shape <= 8) {
    const variables = pathologicalVariables(r);
    kind = `variables:${variables.kind}`;
    const field = r.chance(0.8) ? "variables" : "extensions";
    const query = r.pick(VARIABLES_DOCUMENTS);
    raw = `{"query":${JSON.stringify(query)},"${field}":${variables.json}}`;
    rawParams = [["query", query], [field, variables.json]];
  } else {
    kind = "odd-body";
    raw = r.pick([
      "", "{", "[]", "[{}]", "null", "1", '"query"', "{}", '{"query":null}', '{"query":1}', '{"query":{"kind":"Document"}}', '{"query":["{ __typename }"]}',
      '{"query":"{ __typename }","operationName":1}', '{"query":"{ __typename }","operationName":"Nope"}', '{"query":"{ __typename }","variables":"{}"}',
      '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}', '{"extensions":{"persistedQuery":{"version":"1","sha256Hash":1}}}',
      `{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"${"a".repeat(64)}"}}}`,
      '{"query":"{ __typename }","extensions":{"persistedQuery":null}}', '{"query":"{ __typename }","__proto__":{"x":1}}',
      '{"query":"{ search(text: \\"\\ud800\\", first: 1) { totalCount } }"}', '{"query":"\\ud800"}', "\ufeff{\"query\":\"{ __typename }\"}",
      '{"query":"{ __typename }"}garbage', "{\"query\":\"{ __typename }\",\"query\":\"{ stakes { number } }\"}",
    ]);
  }
  const method = r.chance(0.92) ? (r.chance(0.7) ? "POST" : "GET") : r.pick(["PUT", "PATCH", "DELETE"]);
  let urlPath = r.chance(0.97) ? "/graphql" : r.pick(["/graphql/", "/graphql/x", "/graphql?", "/graphql;x", "/graphql/%2e%2e/"]);
  let body: Buffer | undefined;
  if (method === "GET") {
    const params = new URLSearchParams(rawParams ?? (raw !== undefined ? [["query", raw]] : []));
    for (const [key, value] of raw === undefined ? Object.entries(request) : []) params.append(key, typeof value === "string" ? value : JSON.stringify(value));
    if (r.chance(0.05)) params.append("query", "{ stakes { number } }");
    if (r.chance(0.05)) params.append("variables", r.pick(["%", "%zz", "{", "\u0000"]));
    let search = params.toString();
    if (r.chance(0.05)) search += r.pick(["&%", "&%zz=1", "&=&&", "&query", "&a[b]=1&a[c][d]=2"]);
    // Within Node's header limit (16 KiB for the request line and headers).
    if (search.length > 12_000) search = search.slice(0, 12_000);
    urlPath += (urlPath.includes("?") ? "&" : "?") + search;
  } else {
    const text = raw ?? JSON.stringify(request);
    body = r.chance(0.03) ? Buffer.from(text, "latin1") : Buffer.from(text, "utf8");
    if (r.chance(0.02)) body = Buffer.concat([body, Buffer.from([0xff, 0xfe, 0xc3])]);
    // Within the body limit, but for a few cases that check it.
    if (body.length > LIMITS.maxBodyBytes && r.chance(0.8)) body = body.subarray(0, LIMITS.maxBodyBytes);
  }
  // Request line and headers within Node's limit (16 KiB), or Node answers 431 without a body.
  if (urlPath.length + JSON.stringify(headers).length > 14_000) delete headers["x-padding"];
  return { index, kind, method, path: urlPath, headers, body, production };
}

// ---- Sending and judging ----

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL * 2 });

function sendCase(base: URL, c: Case): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...c.headers };
    if (c.body) headers["content-length"] = c.body.length;
    const request = http.request({ host: base.hostname, port: base.port, method: c.method, path: c.path, headers, agent, timeout: 20_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 20 s")));
    request.on("error", reject);
    request.end(c.body);
  });
}

const STACK = /\n\s+at |stacktrace|node_modules[\\/]|\(\/[^)]*\.(ts|js):\d+:\d+\)/;

/** What is wrong with an answer, if anything. */
function problemsOf(c: Case, answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (STACK.test(answer.text)) problems.push("a stack trace in the answer");
  // The development server's landing page, for a browser's GET.
  if (!c.production && c.method === "GET" && answer.status === 200 && answer.contentType.startsWith("text/html")) return problems;
  let body: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
  try {
    body = JSON.parse(answer.text);
  } catch {
    problems.push(`not JSON (${answer.contentType || "no content type"}): ${JSON.stringify(answer.text.slice(0, 120))}`);
    return problems;
  }
  for (const error of body?.errors ?? []) {
    if (typeof error.extensions?.code !== "string") problems.push(`an error without extensions.code: ${JSON.stringify(error).slice(0, 200)}`);
  }
  if (answer.status >= 400 && !body?.errors?.length) problems.push(`HTTP ${answer.status} without errors`);
  return problems;
}

function describeCase(c: Case): string {
  const body = c.body ? c.body.toString("utf8").slice(0, 160) : "";
  return `#${c.index} (ABUSE_SEED=${SEED} ABUSE_ONLY=${c.index}) ${c.kind}: ${c.method} ${c.path.slice(0, 120)} ${JSON.stringify(c.headers).slice(0, 200)} ${JSON.stringify(body)}`;
}

let production: TestServer;
let development: TestServer;
let token: string;
let logs: CapturedLogs;
let consoleCalls: string[];
let consoleSpies: jest.SpyInstance[];

beforeAll(async () => {
  // Before the servers start: a logger may keep the console methods it found then (Apollo's default one did).
  consoleCalls = [];
  consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push(`console.${method}: ${args.map(String).join(" ").slice(0, 300)}`);
    }));
  const issuer = await testIssuer();
  token = await issuer.admin("abuse@test");
  // Metrics on a free port: the production default (9464) may be taken by another server on this host.
  const env = loadConfig({ NODE_ENV: "production", MAILLAGE_METRICS_PORT: "0" });
  const { port: _port, host: _host, databaseUrl: _db, dataDir: _dir, demoData: _demo, diagnostics: _diag, ...hardened } = env;
  const common = { ...issuer.settings, responseCache: true, trustProxy: "loopback" };
  production = await startTestServer("abuse-production", { ...hardened, ...common });
  development = await startTestServer("abuse-development", common);
  logs = captureLogs();
});

afterAll(async () => {
  for (const spy of consoleSpies ?? []) spy.mockRestore();
  logs?.restore();
  agent.destroy();
  await production?.stop();
  await development?.stop();
});

describe("generated abuse", () => {
  it(`answers ${ONLY === undefined ? CASES : 1} generated requests (seed ${SEED}) without a 5xx or a stack trace, and logs only JSON lines`, async () => {
    const indices = ONLY === undefined ? Array.from({ length: CASES }, (_, i) => i) : [ONLY];
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < indices.length) {
        const c = buildCase(indices[next++], token);
        kinds.set(c.kind.replace(/\(.*/, ""), (kinds.get(c.kind.replace(/\(.*/, "")) ?? 0) + 1);
        try {
          const answer = await sendCase(new URL((c.production ? production : development).url), c);
          const problems = problemsOf(c, answer);
          if (problems.length) failures.push(`${describeCase(c)}\n    -> ${problems.join("; ")} (HTTP ${answer.status}: ${answer.text.slice(0, 200)})`);
        } catch (error) {
          failures.push(`${describeCase(c)}\n    -> no answer: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const badLines = logs.lines.filter((line) => {
      try {
        const entry = JSON.parse(line) as { level?: string };
        return /"stack"|\\n\s+at /.test(line) || entry.level === "error" || entry.level === "fatal";
      } catch {
        return true;
      }
    });
    expect({ failures, badLogLines: badLines.map((line) => line.slice(0, 400)), console: consoleCalls }).toEqual({ failures: [], badLogLines: [], console: [] });
    // Every family of cases was generated.
    if (ONLY === undefined) expect(kinds.size).toBeGreaterThan(30);
  }, 300_000); // 2,500 requests: a minute on a quiet machine, several on a loaded one (the figure is a harness limit, not a speed assertion).
});

describe("the requests of the security review", () => {
  /** As a GraphQL-over-HTTP client (application/graphql-response+json): a request refused before it runs is a 4xx. */
  async function post(server: TestServer, body: string): Promise<{ status: number; body: any }> {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json" }, body });
    return { status: response.status, body: await response.json() };
  }

  it("a few thousand spreads of one fragment: 400 TOO_MANY_SELECTIONS (was a 500 from the cost analysis)", async () => {
    const answer = await post(production, JSON.stringify({ query: `{ stakes { ...F ${"...F ".repeat(3500)} } } fragment F on Stake { number title }` }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(["TOO_MANY_SELECTIONS"]);
  });

  it("variables nested 5,000 levels deep: 400 VARIABLES_TOO_DEEP (was a stack overflow and a 500)", async () => {
    const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const lists = "[".repeat(5000) + "]".repeat(5000);
    for (const body of [
      `{"query":"query ($f: AssociationFilter) { associations(first: 1, filter: $f) { totalCount } }","variables":{"f":${deep}}}`,
      `{"query":"query ($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${lists}}}`,
    ]) {
      const answer = await post(production, body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(["VARIABLES_TOO_DEEP"]);
    }
  });

  it("2,400 repeated selections (39 KB): 400 TOO_MANY_SELECTIONS, refused before graphql's validation", async () => {
    const query = `{ ${"stakes { number } ".repeat(2400)} }`;
    const answer = await post(production, JSON.stringify({ query }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(["TOO_MANY_SELECTIONS"]);
  });
});
