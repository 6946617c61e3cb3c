import { CreateMembershipInput, UpdateMembershipInput } from "../../schema/mutations/activity-inputs";
import { InputChecks } from "../validation/input-checks";
import { columnValues } from "./column-values";
import { MembershipRow, partyOf, updateTransition } from "../access/membership-consent";
import { MutationFailure } from "./mutation-failure";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkOrganizations, decodeOrganizationId } from "./references";
import { RecordRef } from "../../schema/mutations/payload";

const MEMBERSHIP_COLUMNS = { joinedOn: { column: "joined_on" }, leftOn: { column: "left_on" } };

export async function createMembership(tx: MutationTx, input: CreateMembershipInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.membership;
  // Networks invite (managers) or admins record; a member does not enrol itself in a network.
  if (tx.viewer.role !== "ADMIN" && tx.viewer.role !== "FEDERATION_MANAGER") throw MutationFailure.of("FORBIDDEN", "Your role may not create memberships.");
  requireCreatable(tx, kind, "memberships");
  const checks = new InputChecks();
  const network = decodeOrganizationId(checks, ["networkId"], input.networkId);
  const member = decodeOrganizationId(checks, ["memberId"], input.memberId);
  await checkOrganizations(tx, checks, [network, member]);
  const [networkId, memberId] = [network.id, member.id];
  if (networkId !== null && networkId === memberId) checks.fail(["memberId"], "an organisation cannot be a member of itself.");
  const values = columnValues(checks, input, MEMBERSHIP_COLUMNS);
  checks.order(["leftOn"], values.joined_on as string | null, values.left_on as string | null, "the joining date");
  // An admin records a fact; a manager's invitation waits for the member's confirmation.
  const confirmed = tx.viewer.role === "ADMIN";
  return saveNew(tx, kind, checks, { network_id: networkId, member_id: memberId, confirmed, ...values }, async () => {});
}

export async function updateMembership(tx: MutationTx, input: UpdateMembershipInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.membership;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = columnValues(checks, input, MEMBERSHIP_COLUMNS);
  if (input.confirmed === false || input.confirmed === null) checks.fail(["confirmed"], "can only be set to true (to withdraw, set leftOn or archive the membership).");
  const row = locked.row as unknown as MembershipRow;
  // Who may change which field in which state: the consent of both parties (server/access/membership-consent.ts).
  const changes = updateTransition(partyOf(tx.viewer, row), row, {
    joined_on: values.joined_on as string | null | undefined,
    left_on: values.left_on as string | null | undefined,
    confirmed: input.confirmed ?? undefined,
  });
  const merged = { ...row, ...changes };
  checks.order(["leftOn"], merged.joined_on as string | null, merged.left_on as string | null, "the joining date");
  return saveChanges(tx, kind, id, locked, checks, changes, async () => {});
}
