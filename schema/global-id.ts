import { badInput } from "./input-errors";

/** The type names a global id may carry, with the SQL type of their key (integers are checked against its range). */
export const NODE_TYPES = {
  Association: "int",
  Partner: "int",
  Membership: "int",
  Region: "text",
  Department: "text",
  Epci: "text",
  Commune: "text",
  Qpv: "text",
  ContratDeVille: "int",
  CooperationProject: "int",
  ProjectParticipant: "int",
  Funding: "int",
  ParticipationEvent: "int",
  CharterSignature: "int",
  Stake: "smallint",
  Proposal: "int",
  GoodPractice: "int",
  Theme: "text",
} as const;

export type NodeTypeName = keyof typeof NODE_TYPES;

/** Encodes a type name and key into an opaque, URL-safe id. */
export function toGlobalId(type: NodeTypeName, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/** A decoded global id: its type name and its key (a number for integer keys). */
export interface DecodedId {
  type: NodeTypeName;
  key: string | number;
}

/** Decodes a global id, or throws BAD_USER_INPUT (reason INVALID_ID) for anything malformed. */
export function fromGlobalId(id: string, argument = "id"): DecodedId {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(id) ? Buffer.from(id, "base64url").toString("utf8") : "";
  const match = /^([A-Za-z]+):(.{1,100})$/.exec(decoded);
  const type = match?.[1] as NodeTypeName | undefined;
  // Only the canonical spelling: base64url has other spellings of the same bytes, which would let one
  // record pass as two different ids.
  if (!match || !type || !(type in NODE_TYPES) || Buffer.from(decoded, "utf8").toString("base64url") !== id) {
    throw badInput(`"${id}" is not a valid id.`, { argument, reason: "INVALID_ID" });
  }
  const kind: string = NODE_TYPES[type];
  if (kind !== "text") {
    const key = Number(match[2]);
    // Keys are positive and within the column's range: an out-of-range key would fail the whole batch in SQL.
    if (!/^[1-9][0-9]{0,9}$/.test(match[2]) || key > (kind === "smallint" ? 32767 : 2147483647)) {
      throw badInput(`"${id}" is not a valid id.`, { argument, reason: "INVALID_ID" });
    }
    return { type, key };
  }
  return { type, key: match[2] };
}

/** Decodes a global id that must be of one of the given types (e.g. an organisation). */
export function fromGlobalIdOf<T extends NodeTypeName>(id: string, types: readonly T[], argument = "id"): { type: T; key: number | string } {
  const decoded = fromGlobalId(id, argument);
  if (!types.includes(decoded.type as T)) {
    throw badInput(`"${id}" is not the id of ${types.join(" or ")}.`, { argument, reason: "INVALID_ID" });
  }
  return decoded as { type: T; key: number | string };
}
