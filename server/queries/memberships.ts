import { Membership } from "../../entities/membership.entity";

/**
 * A current membership: not ended, not archived, and confirmed by the member (a network manager's
 * invitation counts nowhere until the member's editor or an admin confirms it). Every figure, filter,
 * cooperation link and access rule about "members" uses this one definition.
 */
export const currentMembership = (m: string) => `${m}.left_on IS NULL AND ${m}.archived_at IS NULL AND ${m}.confirmed`;

/** The same rule, for memberships already loaded (archived ones are never loaded by lists). */
export const isCurrentMembership = (m: Membership) => m.leftOn === null && m.archivedAt === null && m.confirmed;
