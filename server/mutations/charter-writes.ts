import { CharterSignatureFields, SignCharterInput, UpdateCharterSignatureInput } from "../../schema/mutations/activity-inputs";
import { InputChecks } from "../validation/input-checks";
import { columnValues, requireFields, text } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, refuseCleared, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkOrganizations, checkQpvCodes, decodeOrganizationId, resolveCommune } from "./references";
import { RecordRef } from "../../schema/mutations/payload";

/** Today in France (YYYY-MM-DD): a signature of today is valid from midnight in Paris, not in UTC. */
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

const SIGNATURE_COLUMNS = { signedOn: { column: "signed_on" }, signatoryRole: { column: "signatory_role", check: text(200) } };

async function signatureValues(tx: MutationTx, checks: InputChecks, input: CharterSignatureFields) {
  const values = columnValues(checks, input, SIGNATURE_COLUMNS);
  if (input.communeInseeCode !== undefined) values.commune_insee_code = await resolveCommune(tx, checks, ["communeInseeCode"], input.communeInseeCode);
  if (input.qpvCode !== undefined) {
    if (input.qpvCode !== null) await checkQpvCodes(tx, checks, ["qpvCode"], [input.qpvCode]);
    values.qpv_code = input.qpvCode;
  }
  const today = PARIS_DAY.format(new Date());
  if (typeof values.signed_on === "string" && values.signed_on > today) checks.fail(["signedOn"], "cannot be in the future.");
  return values;
}

export async function signCharter(tx: MutationTx, input: SignCharterInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.charterSignature;
  requireCreatable(tx, kind, "charter signatures");
  const checks = new InputChecks();
  requireFields(checks, input, ["signedOn"]);
  const organization = decodeOrganizationId(checks, ["organizationId"], input.organizationId);
  await checkOrganizations(tx, checks, [organization]);
  const values = await signatureValues(tx, checks, input);
  return saveNew(tx, kind, checks, { organization_id: organization.id, ...values }, async () => {});
}

export async function updateCharterSignature(tx: MutationTx, input: UpdateCharterSignatureInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.charterSignature;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = await signatureValues(tx, checks, input);
  refuseCleared(checks, values, { signedOn: "signed_on" });
  return saveChanges(tx, kind, id, locked, checks, values, async () => {});
}
