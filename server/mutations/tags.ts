import { InputChecks } from "../validation/input-checks";
import { MutationTx } from "./mutation-tx";
import { checkCodes, checkQpvCodes } from "./references";

/** What projects and good practices are tagged with: QPVs concerned, themes, stakes. */
export interface TagsInput {
  qpvCodes?: string[] | null;
  themeCodes?: string[] | null;
  stakeNumbers?: number[] | null;
}

/** Checks the tags an input gives: no repeats, and each one known to the reference data. */
export async function checkTags(tx: MutationTx, checks: InputChecks, input: TagsInput): Promise<void> {
  checks.distinct(["qpvCodes"], input.qpvCodes, 100);
  await checkQpvCodes(tx, checks, ["qpvCodes"], input.qpvCodes ?? []);
  checks.distinct(["themeCodes"], input.themeCodes, 50);
  await checkCodes(tx, checks, ["themeCodes"], "theme", "code", input.themeCodes ?? [], "theme");
  checks.distinct(["stakeNumbers"], input.stakeNumbers, 4);
  await checkCodes(tx, checks, ["stakeNumbers"], "stake", "number", input.stakeNumbers ?? [], "stake");
}

/** Writes the tags an input gives into `<table>_qpv`, `<table>_theme` and `<table>_stake` (each list replaces the previous one). */
export async function writeTags(tx: MutationTx, table: "project" | "good_practice", id: number, input: TagsInput): Promise<void> {
  const parent = `${table}_id`;
  await tx.replaceGiven(`${table}_qpv`, parent, id, input.qpvCodes, (code) => ({ qpv_code: code }));
  await tx.replaceGiven(`${table}_theme`, parent, id, input.themeCodes, (code) => ({ theme_code: code }));
  await tx.replaceGiven(`${table}_stake`, parent, id, input.stakeNumbers, (n) => ({ stake_number: n }));
}
