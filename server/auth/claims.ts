import type { JWTPayload } from "jose";
import { fromGlobalIdOf } from "../../schema/global-id";
import { CLAIMS, Role, ROLES, TerritoryScope, Viewer } from "../access/viewer";
import { isValidDepartmentCode, isValidInseeCode, isValidSiren } from "../validation/identifiers";

/** A token whose Maillage claims (or `sub`) do not describe a viewer; the message says why. */
export class InvalidClaimsError extends Error {}

/** Kinds of territory a policy officer's scope may name, each with its code check. */
const TERRITORY_KINDS = {
  commune: { key: "communes", valid: isValidInseeCode, what: "an INSEE commune code" },
  epci: { key: "epcis", valid: isValidSiren, what: "a SIREN (9 digits)" },
  department: { key: "departments", valid: isValidDepartmentCode, what: "a département code" },
} as const;

/** Upper bounds that keep a token's scope (and each request's work on it) reasonable. */
const MAX_TERRITORIES = 1000;
const MAX_SUBJECT_LENGTH = 255;
const MAX_NAME_LENGTH = 200;

/** Parses `maillage_territories` entries such as "commune:59512", "epci:200093201", "department:93". */
export function parseTerritories(value: unknown): TerritoryScope {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidClaimsError(`A POLICY_OFFICER token needs a non-empty ${CLAIMS.territories} array.`);
  }
  if (value.length > MAX_TERRITORIES) throw new InvalidClaimsError(`${CLAIMS.territories} has more than ${MAX_TERRITORIES} entries.`);
  const scope: TerritoryScope = { communes: [], epcis: [], departments: [] };
  value.forEach((entry, i) => {
    const match = typeof entry === "string" ? /^([a-z]+):(.+)$/.exec(entry) : null;
    const kind = match && Object.hasOwn(TERRITORY_KINDS, match[1]) ? TERRITORY_KINDS[match[1] as keyof typeof TERRITORY_KINDS] : undefined;
    if (!match || !kind) {
      throw new InvalidClaimsError(`${CLAIMS.territories}[${i}] must be "commune:<INSEE code>", "epci:<SIREN>" or "department:<code>".`);
    }
    if (!kind.valid(match[2])) throw new InvalidClaimsError(`${CLAIMS.territories}[${i}] does not hold ${kind.what}.`);
    if (!scope[kind.key].includes(match[2])) scope[kind.key].push(match[2]);
  });
  return scope;
}

/** The scope written back as claim entries, communes first, then EPCI, then départements. */
export function territoryEntries(scope: TerritoryScope): string[] {
  return [
    ...scope.communes.map((code) => `commune:${code}`),
    ...scope.epcis.map((code) => `epci:${code}`),
    ...scope.departments.map((code) => `department:${code}`),
  ];
}

/** The numeric id of the association a `maillage_organization` claim names (its global id). */
function organizationId(value: unknown, role: Role): number {
  if (typeof value !== "string" || value === "") {
    throw new InvalidClaimsError(`A ${role} token needs ${CLAIMS.organization}: the global id of an association.`);
  }
  try {
    return Number(fromGlobalIdOf(value, ["Association"], CLAIMS.organization).key);
  } catch {
    throw new InvalidClaimsError(`${CLAIMS.organization} is not the global id of an association.`);
  }
}

/** The display name, from `name`, or `given_name` with `usual_name` (ProConnect) or `family_name`. */
function displayName(claims: JWTPayload): string | null {
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
  const name = text(claims.name) ?? ([text(claims.given_name), text(claims.usual_name) ?? text(claims.family_name)].filter(Boolean).join(" ") || null);
  return name ? name.slice(0, MAX_NAME_LENGTH) : null;
}

/**
 * The viewer a verified token's claims describe (see CLAIMS in server/access/viewer.ts): `sub` is
 * required, `maillage_role` must be one of ROLES, and each role brings the claims it needs.
 * Anything missing or malformed is an InvalidClaimsError: such a token is refused, never downgraded.
 */
export function viewerFromClaims(claims: JWTPayload): Viewer {
  const subject = claims.sub;
  if (typeof subject !== "string" || subject.trim() === "" || subject.length > MAX_SUBJECT_LENGTH) {
    throw new InvalidClaimsError(`The token needs a "sub" claim (a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters).`);
  }
  const role = claims[CLAIMS.role];
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidClaimsError(`${CLAIMS.role} must be one of ${ROLES.join(", ")}.`);
  }
  const identified = { subject, name: displayName(claims) };
  switch (role as Role) {
    case "ADMIN":
      return { ...identified, role: "ADMIN" };
    case "POLICY_OFFICER":
      return { ...identified, role: "POLICY_OFFICER", territories: parseTerritories(claims[CLAIMS.territories]) };
    case "FEDERATION_MANAGER":
      return { ...identified, role: "FEDERATION_MANAGER", networkId: organizationId(claims[CLAIMS.organization], "FEDERATION_MANAGER") };
    case "ASSOCIATION_EDITOR":
      return { ...identified, role: "ASSOCIATION_EDITOR", organizationId: organizationId(claims[CLAIMS.organization], "ASSOCIATION_EDITOR") };
  }
}
