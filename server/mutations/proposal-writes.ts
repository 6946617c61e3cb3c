import { CreateProposalInput, ProposalFields, UpdateProposalInput } from "../../schema/mutations/proposal-inputs";
import { PROPOSAL_COUNT } from "../reference/stakes";
import { InputChecks } from "../validation/input-checks";
import { ColumnSpec, columnValues, requireFields, text } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, refuseCleared, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { RecordRef } from "../../schema/mutations/payload";

type Path = (string | number)[];

const PROPOSAL_COLUMNS: Record<string, ColumnSpec> = {
  number: { column: "number", check: (c, p, v: number) => c.range(p, v, 1, PROPOSAL_COUNT) },
  stakeNumber: { column: "stake_number", check: (c, p, v: number) => c.range(p, v, 1, 4) },
  title: { column: "title", check: text(500, 1) },
  summary: { column: "summary", check: text(2000) },
};

/** The column values of a proposal's fields (left out: unchanged; null: cleared), each checked by its rule. */
export function proposalValues(checks: InputChecks, input: ProposalFields): Record<string, unknown> {
  return columnValues(checks, input, PROPOSAL_COLUMNS);
}

/** Fields a new proposal must give. */
export const REQUIRED_PROPOSAL_FIELDS = ["number", "stakeNumber", "title"] as const;

/**
 * A proposal carried forward brings its stake to the projects and good practices carrying it (see
 * tags.ts): it may move to another stake only if all of them address that stake already, so that no
 * record is changed behind its editors' back.
 */
export async function checkStakeMove(tx: MutationTx, checks: InputChecks, path: Path, proposal: { id: number; number: number }, stakeNumber: number): Promise<void> {
  const [row] = await tx.query<{ projects: number; good_practices: number }>(
    `SELECT (SELECT count(*) FROM project_proposal l WHERE l.proposal_id = $1 AND NOT EXISTS
              (SELECT 1 FROM project_stake s WHERE s.project_id = l.project_id AND s.stake_number = $2))::int AS projects,
            (SELECT count(*) FROM good_practice_proposal l WHERE l.proposal_id = $1 AND NOT EXISTS
              (SELECT 1 FROM good_practice_stake s WHERE s.good_practice_id = l.good_practice_id AND s.stake_number = $2))::int AS good_practices`,
    [proposal.id, stakeNumber],
  );
  const carriers = [
    ...(row.projects ? [`${row.projects} project${row.projects > 1 ? "s" : ""}`] : []),
    ...(row.good_practices ? [`${row.good_practices} good practice${row.good_practices > 1 ? "s" : ""}`] : []),
  ];
  if (carriers.length) {
    checks.fail(path, `cannot move proposal ${proposal.number} to stake ${stakeNumber}: ${carriers.join(" and ")} carrying it forward ` +
      `(archived ones and drafts included) do not address stake ${stakeNumber}; add that stake to them, or take the proposal off them, first.`);
  }
}

export async function createProposal(tx: MutationTx, input: CreateProposalInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.proposal;
  requireCreatable(tx, kind, "proposals");
  const checks = new InputChecks();
  requireFields(checks, input, [...REQUIRED_PROPOSAL_FIELDS]);
  const values = proposalValues(checks, input);
  return saveNew(tx, kind, checks, values, async () => {});
}

export async function updateProposal(tx: MutationTx, input: UpdateProposalInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.proposal;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = proposalValues(checks, input);
  refuseCleared(checks, values, { number: "number", stakeNumber: "stake_number", title: "title" });
  const stake = values.stake_number as number | null | undefined;
  if (checks.ok && stake != null && stake !== locked.row.stake_number) {
    await checkStakeMove(tx, checks, ["stakeNumber"], { id, number: locked.row.number as number }, stake);
  }
  return saveChanges(tx, kind, id, locked, checks, values, async () => {});
}
