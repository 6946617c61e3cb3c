import { CreateProjectInput, ProjectFields, UpdateProjectInput } from "../../schema/mutations/activity-inputs";
import { InputChecks } from "../validation/input-checks";
import { ColumnSpec, columnValues, requireFields, text } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, refuseCleared, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkOrganizationIds } from "./references";
import { checkTags, writeTags } from "./tags";
import { RecordRef } from "../../schema/mutations/payload";

const PROJECT_COLUMNS: Record<string, ColumnSpec> = {
  title: { column: "title", check: text(300, 1) },
  summary: { column: "summary", check: text(5000) },
  status: { column: "status" },
  startDate: { column: "start_date" },
  endDate: { column: "end_date" },
  residentsReached: { column: "residents_reached", check: (c, p, v: number) => c.range(p, v, 0, 100_000_000) },
  draft: { column: "draft" },
};

/**
 * Checks the related rows a project input gives (participants, fundings, QPVs, themes, stakes) and
 * returns how to write them: each list given replaces the previous one, null clears it.
 */
async function projectRelated(tx: MutationTx, checks: InputChecks, input: ProjectFields): Promise<(id: number) => Promise<void>> {
  const participants = input.participants ?? [];
  if (participants.length > 100) checks.fail(["participants"], `must have at most 100 items (got ${participants.length}).`);
  const participantIds = await checkOrganizationIds(tx, checks, ["participants"], participants.map((p) => p.organizationId), ["organizationId"], (i) => participants[i].role);
  if (input.fundings && input.fundings.length > 200) checks.fail(["fundings"], `must have at most 200 items (got ${input.fundings.length}).`);
  const funderIds = await checkOrganizationIds(tx, checks, ["fundings"], (input.fundings ?? []).map((f) => f.funderId), ["funderId"], null);
  input.fundings?.forEach((f, i) => {
    checks.range(["fundings", i, "amountEur"], f.amountEur, 0, 999_999_999_999.99); // numeric(14, 2)
    checks.decimals(["fundings", i, "amountEur"], f.amountEur, 2);
    checks.range(["fundings", i, "year"], f.year, 1990, 2100);
    checks.text(["fundings", i, "schemeLabel"], f.schemeLabel, 200);
  });
  await checkTags(tx, checks, input);

  return async (id) => {
    await tx.replaceGiven("project_participant", "project_id", id, input.participants, (p, i) => ({ organization_id: participantIds[i], role: p.role }));
    await tx.replaceGiven("funding", "project_id", id, input.fundings, (f, i) => ({
      funder_id: funderIds[i], amount_eur: f.amountEur, year: f.year, scheme: f.scheme, scheme_label: f.schemeLabel?.trim() || null,
    }));
    await writeTags(tx, "project", id, input);
  };
}

export async function createProject(tx: MutationTx, input: CreateProjectInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.project;
  requireCreatable(tx, kind, "projects");
  const checks = new InputChecks();
  requireFields(checks, input, ["title"]);
  const values = columnValues(checks, input, PROJECT_COLUMNS);
  values.status ??= "PROPOSED";
  values.draft ??= false;
  checks.order(["endDate"], values.start_date as string | null, values.end_date as string | null);
  const related = await projectRelated(tx, checks, input);
  return saveNew(tx, kind, checks, values, related);
}

export async function updateProject(tx: MutationTx, input: UpdateProjectInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.project;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = columnValues(checks, input, PROJECT_COLUMNS);
  refuseCleared(checks, values, { title: "title", status: "status", draft: "draft" });
  const merged = { ...locked.row, ...values };
  checks.order(["endDate"], merged.start_date as string | null, merged.end_date as string | null);
  const related = await projectRelated(tx, checks, input);
  return saveChanges(tx, kind, id, locked, checks, values, () => related(id));
}
