import { PROPOSAL_COUNT } from "../reference/stakes";
import { InputChecks } from "../validation/input-checks";
import { MutationTx } from "./mutation-tx";
import { checkCodes, checkQpvCodes } from "./references";

/** What projects and good practices are tagged with: QPVs concerned, themes, stakes, and the proposals they carry forward. */
export interface TagsInput {
  qpvCodes?: string[] | null;
  themeCodes?: string[] | null;
  stakeNumbers?: number[] | null;
  proposalNumbers?: number[] | null;
}

/** Checks the tags an input gives: no repeats, and each one known to the reference data (proposals: loaded). */
export async function checkTags(tx: MutationTx, checks: InputChecks, input: TagsInput): Promise<void> {
  checks.distinct(["qpvCodes"], input.qpvCodes, 100);
  await checkQpvCodes(tx, checks, ["qpvCodes"], input.qpvCodes ?? []);
  checks.distinct(["themeCodes"], input.themeCodes, 50);
  await checkCodes(tx, checks, ["themeCodes"], "theme", "code", input.themeCodes ?? [], "theme");
  checks.distinct(["stakeNumbers"], input.stakeNumbers, 4);
  await checkCodes(tx, checks, ["stakeNumbers"], "stake", "number", input.stakeNumbers ?? [], "stake");
  checks.distinct(["proposalNumbers"], input.proposalNumbers, PROPOSAL_COUNT);
  await checkCodes(tx, checks, ["proposalNumbers"], "proposal", "number", input.proposalNumbers ?? [], "proposal");
}

/**
 * Writes the tags an input gives into `<table>_qpv`, `<table>_theme`, `<table>_stake` and `<table>_proposal`
 * (each list replaces the previous one). A proposal carried forward brings its stake: whenever stakes or
 * proposals are written, the stakes of the record's proposals are added to its stakes.
 */
export async function writeTags(tx: MutationTx, table: "project" | "good_practice", id: number, input: TagsInput): Promise<void> {
  const parent = `${table}_id`;
  await tx.replaceGiven(`${table}_qpv`, parent, id, input.qpvCodes, (code) => ({ qpv_code: code }));
  await tx.replaceGiven(`${table}_theme`, parent, id, input.themeCodes, (code) => ({ theme_code: code }));
  await tx.replaceGiven(`${table}_stake`, parent, id, input.stakeNumbers, (n) => ({ stake_number: n }));
  if (input.proposalNumbers !== undefined) {
    await tx.query(`DELETE FROM ${table}_proposal WHERE ${parent} = $1`, [id]);
    if (input.proposalNumbers?.length) {
      await tx.query(`INSERT INTO ${table}_proposal (${parent}, proposal_id) SELECT $1, id FROM proposal WHERE number = ANY($2::smallint[])`,
        [id, input.proposalNumbers]);
    }
  }
  if (input.proposalNumbers !== undefined || input.stakeNumbers !== undefined) {
    await tx.query(
      `INSERT INTO ${table}_stake (${parent}, stake_number)
       SELECT DISTINCT l.${parent}, pz.stake_number FROM ${table}_proposal l JOIN proposal pz ON pz.id = l.proposal_id WHERE l.${parent} = $1
       ON CONFLICT DO NOTHING`,
      [id],
    );
  }
}
