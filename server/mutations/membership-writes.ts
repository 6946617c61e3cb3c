import { CreateMembershipInput, UpdateMembershipInput } from "../../schema/mutations/activity-inputs";
import { InputChecks } from "../validation/input-checks";
import { columnValues } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkOrganizations, decodeId } from "./references";
import { RecordRef } from "./run-mutation";

const MEMBERSHIP_COLUMNS = { joinedOn: { column: "joined_on" }, leftOn: { column: "left_on" } };

export async function createMembership(tx: MutationTx, input: CreateMembershipInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.membership;
  requireCreatable(tx, kind, "memberships");
  const checks = new InputChecks();
  const networkId = decodeId(checks, ["networkId"], input.networkId, ["Association", "Partner"]);
  const memberId = decodeId(checks, ["memberId"], input.memberId, ["Association", "Partner"]);
  await checkOrganizations(tx, checks, [{ path: ["networkId"], id: networkId }, { path: ["memberId"], id: memberId }]);
  if (networkId !== null && networkId === memberId) checks.fail(["memberId"], "an organisation cannot be a member of itself.");
  const values = columnValues(checks, input, MEMBERSHIP_COLUMNS);
  checks.order(["leftOn"], values.joined_on as string | null, values.left_on as string | null, "the joining date");
  return saveNew(tx, kind, checks, { network_id: networkId, member_id: memberId, ...values }, async () => {});
}

export async function updateMembership(tx: MutationTx, input: UpdateMembershipInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.membership;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = columnValues(checks, input, MEMBERSHIP_COLUMNS);
  const merged = { ...locked.row, ...values };
  checks.order(["leftOn"], merged.joined_on as string | null, merged.left_on as string | null, "the joining date");
  return saveChanges(tx, kind, id, locked, checks, values, async () => {});
}
