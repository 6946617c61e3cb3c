/**
 * Who is asking: the identity a verified bearer token grants (see server/auth), or nobody.
 * Every access decision (which rows a list shows, who may write what) reads this and nothing else.
 */
export type Role = "ADMIN" | "POLICY_OFFICER" | "FEDERATION_MANAGER" | "ASSOCIATION_EDITOR";

export const ROLES: readonly Role[] = ["ADMIN", "POLICY_OFFICER", "FEDERATION_MANAGER", "ASSOCIATION_EDITOR"];

/** Territories a policy officer works on: communes (INSEE codes), EPCI (SIREN) and départements (codes). */
export interface TerritoryScope {
  communes: string[];
  epcis: string[];
  departments: string[];
}

interface Identified {
  /** Stable subject of the token (`sub`), recorded in the audit trail. */
  subject: string;
  /** Display name from the token, when it carries one (audit trail only, never logged). */
  name: string | null;
}

export type Viewer =
  | { role: "ANONYMOUS" }
  | (Identified & { role: "ADMIN" })
  | (Identified & { role: "POLICY_OFFICER"; territories: TerritoryScope })
  /** Manages the network whose head organisation is `networkId`. */
  | (Identified & { role: "FEDERATION_MANAGER"; networkId: number })
  /** Edits the organisation `organizationId` (an association). */
  | (Identified & { role: "ASSOCIATION_EDITOR"; organizationId: number });

export const ANONYMOUS: Viewer = { role: "ANONYMOUS" };

/**
 * Claims Maillage reads from a token, besides the registered ones (iss, aud, exp, sub):
 * - `maillage_role`: one of ROLES;
 * - `maillage_territories` (POLICY_OFFICER): e.g. ["commune:59512", "epci:200093201", "department:93"];
 * - `maillage_organization` (ASSOCIATION_EDITOR: the association; FEDERATION_MANAGER: the network head):
 *   the organisation's global id, as the graph gives it.
 */
export const CLAIMS = {
  role: "maillage_role",
  territories: "maillage_territories",
  organization: "maillage_organization",
} as const;
