import { Commune } from "../../entities/commune.entity";
import { Department } from "../../entities/department.entity";
import { Epci } from "../../entities/epci.entity";
import { Qpv } from "../../entities/qpv.entity";
import { Region } from "../../entities/region.entity";
import { fromGlobalId } from "../../schema/global-id";
import { badInput } from "../../schema/input-errors";
import { CONCEPTS } from "../concepts";
import { Concept } from "../concepts/concept";
import { RequestContext } from "../context";
import { loadNodeByKey } from "../queries/node-lookup";
import { findOrganization } from "../queries/organization-lookup";
import { isValidDepartmentCode, isValidInseeCode, isValidQpvCode, isValidRna, isValidSiren, isValidSiret } from "../validation/identifiers";

/** A natural key of an entity: how its value is checked, and how it is loaded (through the request's loaders). */
interface NaturalKey {
  /** What a well-formed value looks like, for the error message. */
  expected: string;
  valid: (value: string) => boolean;
  load: (ctx: RequestContext, value: string) => Promise<object | null>;
}

const byKey = (entity: Function) => (ctx: RequestContext, value: string) => ctx.loaders.byKey<object>(entity).load(value);

/**
 * The entities of the subgraph and their natural keys. Every entity is also keyed by its global id
 * (`id`), decoded and loaded as `node(id:)` does, and tried first.
 */
const NATURAL_KEYS: Readonly<Record<string, Readonly<Record<string, NaturalKey>>>> = {
  Association: {
    // Older RNA identifiers are opaque, but short and alphanumeric (as `association(rna:)` accepts them).
    rna: { expected: "an RNA number such as W595021953", valid: (v) => isValidRna(v) || /^[0-9A-Z]{1,20}$/.test(v), load: (ctx, rna) => findOrganization(ctx, "Association", { rna }) },
    siret: { expected: "a SIRET (14 digits with a valid check digit)", valid: isValidSiret, load: (ctx, siret) => findOrganization(ctx, "Association", { siret }) },
  },
  Partner: {
    siret: { expected: "a SIRET (14 digits with a valid check digit)", valid: isValidSiret, load: (ctx, siret) => findOrganization(ctx, "Partner", { siret }) },
  },
  Qpv: { code: { expected: 'a QPV code such as "QN05981M"', valid: isValidQpvCode, load: byKey(Qpv) } },
  // Exactly the commune with this code: a Paris, Lyon or Marseille district code names no commune here.
  Commune: { inseeCode: { expected: 'an INSEE commune code such as "59512"', valid: isValidInseeCode, load: byKey(Commune) } },
  Department: { code: { expected: 'a département code such as "59" or "2A"', valid: isValidDepartmentCode, load: byKey(Department) } },
  Region: { code: { expected: 'a région code of 2 digits such as "32"', valid: (v) => /^[0-9]{2}$/.test(v), load: byKey(Region) } },
  Epci: { siren: { expected: "a SIREN (9 digits with a valid check digit)", valid: isValidSiren, load: byKey(Epci) } },
};

/**
 * Each entity's keys, in the order a representation's keys are tried: the global id, then the natural
 * keys. The SDL's `@key` directives are printed from this (subgraph-schema.ts), so a key is published
 * exactly when it is resolvable.
 */
export const ENTITY_KEYS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(NATURAL_KEYS).map(([type, keys]) => [type, ["id", ...Object.keys(keys)]]),
);

/** The GraphQL types of the entities, for the `_Entity` union. */
export const ENTITY_TYPE_NAMES = Object.keys(ENTITY_KEYS);

/** Each entity type's class: what `_Entity` resolves a loaded record to. */
const ENTITY_CLASSES: [string, Function][] = (CONCEPTS as readonly Concept[])
  .filter((c) => c.type in ENTITY_KEYS)
  .map((c) => [c.type, c.entity]);

/** The entity type of a loaded record (the `_Entity` union's resolveType). */
export function entityTypeOf(value: unknown): string | undefined {
  return ENTITY_CLASSES.find(([, entity]) => value instanceof entity)?.[0];
}

const ARGUMENT = "representations";

/**
 * The records a gateway's representations name, in order, as this request's viewer may see them: a
 * representation is `{ __typename, <key fields> }`; the first key of its type that it carries is used.
 * Each item is a promise: a malformed representation rejects (BAD_USER_INPUT, nulling its own item, as
 * `nodes(ids:)` does), an unknown or hidden record is null. Every load goes through the request's
 * loaders, started in the same tick, so 100 representations cost one statement per type and key (two
 * for RNA and SIRET: the key, then the row as every organisation lookup reads it).
 */
export function resolveRepresentations(ctx: RequestContext, representations: readonly unknown[]): Promise<object | null>[] {
  return representations.map((representation, index) => {
    try {
      return resolveOne(ctx, representation, index);
    } catch (error) {
      return Promise.reject(error);
    }
  });
}

function resolveOne(ctx: RequestContext, representation: unknown, index: number): Promise<object | null> {
  const where = `Representation ${index}`;
  if (!representation || typeof representation !== "object" || Array.isArray(representation)) {
    throw badInput(`${where} is not an object: send { __typename, <key fields> }.`, { argument: ARGUMENT, reason: "MALFORMED" });
  }
  const fields = representation as Record<string, unknown>;
  const typename = fields.__typename;
  if (typeof typename !== "string") {
    throw badInput(`${where} has no __typename: name one of ${ENTITY_TYPE_NAMES.join(", ")}.`, { argument: ARGUMENT, reason: "MALFORMED" });
  }
  const keys = Object.hasOwn(ENTITY_KEYS, typename) ? ENTITY_KEYS[typename] : undefined;
  if (!keys) {
    throw badInput(`${where}: "${typename.slice(0, 100)}" is not an entity of this subgraph; the entities are ${ENTITY_TYPE_NAMES.join(", ")}.`, {
      argument: ARGUMENT, reason: "UNKNOWN_REFERENCE",
    });
  }
  const name = keys.find((key) => fields[key] != null);
  if (!name) {
    throw badInput(`${where} of ${typename} has none of its keys: give one of ${keys.join(", ")}.`, { argument: ARGUMENT, reason: "MALFORMED" });
  }
  const value = fields[name];
  if (typeof value !== "string") {
    throw badInput(`${where}: ${typename}.${name} must be a string.`, { argument: ARGUMENT, reason: "MALFORMED" });
  }
  if (name === "id") {
    const { type, key } = fromGlobalId(value, ARGUMENT);
    if (type !== typename) {
      throw badInput(`${where}: "${value}" is the id of a record of type ${type}, not ${typename}.`, { argument: ARGUMENT, reason: "INVALID_ID" });
    }
    return loadNodeByKey(ctx, type, key);
  }
  const key = NATURAL_KEYS[typename][name];
  if (!key.valid(value)) {
    throw badInput(`${where}: "${value.slice(0, 100)}" is not ${key.expected} (${typename}.${name}).`, { argument: ARGUMENT, reason: "MALFORMED" });
  }
  return key.load(ctx, value);
}
