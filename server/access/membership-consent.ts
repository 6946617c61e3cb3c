import { MembershipParty as MembershipPartyEnum } from "../../schema/enums/organization-enums";
import { Viewer } from "./viewer";
import { MutationFailure } from "../mutations/mutation-failure";

/**
 * A membership is an agreement of two parties: the network (its managers) and the member (its
 * editors). It is in force (the member counts as federated, the network's managers read its contact
 * people) only while both parties' latest acts say yes:
 * - the network says yes by inviting (creating the membership, or reopening or restoring it);
 * - the member says yes by confirming the invitation;
 * - either party says no alone, by ending it (`leftOn`) or archiving it.
 * The network's reopening or restoring is always a new invitation, which the member confirms again
 * (whoever said no, and however long ago: the member's consent is never assumed to still hold). The
 * member undoes only its own "no" (the membership comes back as it was: the network never withdrew);
 * it never takes back the network's. What an admin archived, only an admin restores. Admins record
 * facts: they may make any change.
 *
 * The table "Memberships: who may change what" of docs/writing-and-access.md says the same.
 */
export type MembershipParty = `${MembershipPartyEnum}`;

/** The membership columns these rules read (database names, as `MutationTx.lock` returns them). */
export interface MembershipRow {
  network_id: number;
  member_id: number;
  joined_on: string | null;
  left_on: string | null;
  confirmed: boolean;
  ended_by: MembershipParty | null;
  archived_at: string | null;
  archived_by: MembershipParty | null;
}

/** The changes an update asks for (undefined: left as it is). */
export interface MembershipChange {
  joined_on?: string | null;
  left_on?: string | null;
  confirmed?: boolean;
}

/** Which party of this membership the viewer acts for; null for anyone else (the write policy has already refused them). */
export function partyOf(viewer: Viewer, row: Pick<MembershipRow, "network_id" | "member_id">): MembershipParty | null {
  if (viewer.role === "ADMIN") return "ADMIN";
  if (viewer.role === "FEDERATION_MANAGER" && viewer.networkId === row.network_id) return "NETWORK";
  if (viewer.role === "ASSOCIATION_EDITOR" && viewer.organizationId === row.member_id) return "MEMBER";
  return null;
}

const refuse = (field: string, message: string) => MutationFailure.of("FORBIDDEN", message, ["input", field]);

/** The columns an update writes, consent rules applied; throws FORBIDDEN or INVALID_INPUT. */
export function updateTransition(party: MembershipParty | null, row: MembershipRow, change: MembershipChange): Record<string, unknown> {
  if (party === null) throw refuse("id", "You may not change this membership.");
  const values: Record<string, unknown> = {};
  if (change.joined_on !== undefined) values.joined_on = change.joined_on;
  if (change.left_on !== undefined) values.left_on = change.left_on;
  const ends = change.left_on !== undefined && change.left_on !== null && row.left_on === null;
  const reopens = change.left_on === null && row.left_on !== null;
  const redates = change.left_on != null && row.left_on !== null && change.left_on !== row.left_on;
  if (ends) values.ended_by = party;
  if (reopens) values.ended_by = null;

  if (party !== "ADMIN") {
    if (row.archived_at !== null) {
      throw MutationFailure.of("INVALID_INPUT", "This membership is archived: restore it before changing it.", ["input", "id"]);
    }
    const invitation = !row.confirmed && row.left_on === null;
    if (change.joined_on !== undefined && change.joined_on !== row.joined_on && !(party === "NETWORK" && invitation)) {
      throw refuse("joinedOn", party === "NETWORK"
        ? "The joining date was agreed with the member when it confirmed: ask an admin to correct it."
        : "The joining date is the network's offer: ask the network to change it, or an admin to correct it.");
    }
    if (redates && row.ended_by !== party) throw refuse("leftOn", "The other party recorded this departure: only it (or an admin) changes its date.");
    if (reopens) {
      // The network reopening is a new invitation, whoever ended it: the member's consent is asked again.
      // The member takes back only its own departure; it never rejoins by itself what the network ended.
      if (party === "NETWORK") values.confirmed = false;
      else if (row.ended_by !== party) throw refuse("leftOn", "The network (or an admin) ended this membership: ask the network to invite you again.");
    }
  }

  if (change.confirmed === true && !row.confirmed) {
    if (party === "NETWORK") throw refuse("confirmed", "Only the member's editors (or an admin) confirm a membership.");
    const leftOn = change.left_on !== undefined ? change.left_on : row.left_on;
    if (party !== "ADMIN" && (leftOn !== null || values.confirmed === false)) {
      throw MutationFailure.of("INVALID_INPUT", "This invitation has ended: the network must invite you again before you confirm.", ["input", "confirmed"]);
    }
    values.confirmed = true;
  }
  return values;
}

/** The columns an archive or restore writes besides `archived_at`, consent rules applied; throws FORBIDDEN. */
export function archiveTransition(party: MembershipParty | null, row: MembershipRow, archived: boolean): Record<string, unknown> {
  if (party === null) throw refuse("id", "You may not change this membership.");
  if (archived) return { archived_by: party };
  if (party === "ADMIN") return { archived_by: null };
  if (row.archived_by === "ADMIN") throw refuse("id", "An admin archived this membership: only an admin restores it.");
  // The network restoring is a new invitation, whoever archived it (an ended one stays ended, and a later
  // reopening is an invitation too); the member restores only what it archived itself, as it was.
  if (party === "NETWORK") return { archived_by: null, confirmed: false };
  if (row.archived_by !== party) throw refuse("id", "The network archived this membership: ask it to invite you again.");
  return { archived_by: null };
}
