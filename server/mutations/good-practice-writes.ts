import { CreateGoodPracticeInput, GoodPracticeFields, UpdateGoodPracticeInput } from "../../schema/mutations/activity-inputs";
import { InputChecks } from "../validation/input-checks";
import { ColumnSpec, columnValues, requireFields, text } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, refuseCleared, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkCodes, checkOrganizationIds, decodeId } from "./references";
import { checkTags, writeTags } from "./tags";
import { RecordRef } from "../../schema/mutations/payload";

const GOOD_PRACTICE_COLUMNS: Record<string, ColumnSpec> = {
  title: { column: "title", check: text(300, 1) },
  summary: { column: "summary", check: text(2000, 1) },
  body: { column: "body", check: text(100_000, 1) },
  publishedOn: { column: "published_on" },
};

async function goodPracticeRelated(tx: MutationTx, checks: InputChecks, input: GoodPracticeFields): Promise<(id: number) => Promise<void>> {
  if ((input.organizationIds ?? []).length > 100) checks.fail(["organizationIds"], `must have at most 100 items (got ${input.organizationIds!.length}).`);
  const organizations = await checkOrganizationIds(tx, checks, ["organizationIds"], input.organizationIds ?? []);
  checks.distinct(["projectIds"], input.projectIds, 100);
  const projects = (input.projectIds ?? []).map((id, i) => decodeId(checks, ["projectIds", i], id, ["CooperationProject"]));
  await checkCodes(tx, checks, ["projectIds"], "project", "id", projects.filter((p): p is number => p !== null), "project");
  await checkTags(tx, checks, input);
  return async (id) => {
    await tx.replaceGiven("good_practice_organization", "good_practice_id", id, input.organizationIds, (_, i) => ({ organization_id: organizations[i] }));
    await tx.replaceGiven("good_practice_project", "good_practice_id", id, input.projectIds, (_, i) => ({ project_id: projects[i] }));
    await writeTags(tx, "good_practice", id, input);
  };
}

export async function createGoodPractice(tx: MutationTx, input: CreateGoodPracticeInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.goodPractice;
  requireCreatable(tx, kind, "good practices");
  const checks = new InputChecks();
  requireFields(checks, input, ["title", "summary", "body"]);
  const values = columnValues(checks, input, GOOD_PRACTICE_COLUMNS);
  return saveNew(tx, kind, checks, values, await goodPracticeRelated(tx, checks, input));
}

export async function updateGoodPractice(tx: MutationTx, input: UpdateGoodPracticeInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.goodPractice;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = columnValues(checks, input, GOOD_PRACTICE_COLUMNS);
  refuseCleared(checks, values, { title: "title", summary: "summary", body: "body" });
  const related = await goodPracticeRelated(tx, checks, input);
  return saveChanges(tx, kind, id, locked, checks, values, () => related(id));
}
