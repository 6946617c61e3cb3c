import { DataSource } from "typeorm";
import { RowAccess } from "../access/row-access";
import { Viewer } from "../access/viewer";
import { MutationTx } from "../mutations/mutation-tx";
import { checkStakeMove, proposalValues, REQUIRED_PROPOSAL_FIELDS } from "../mutations/proposal-writes";
import { RECORD_KINDS } from "../mutations/record-kinds";
import { requireCreatable, saveChanges, saveNew } from "../mutations/record-writes";
import { InputChecks } from "../validation/input-checks";
import { ProposalFile, ProposalFileColumn, ProposalFileRefused, readProposalFile } from "./proposal-file";

/** What a load changed, by proposal number. */
export interface ProposalLoadReport {
  file: string;
  read: number;
  created: number[];
  updated: { number: number; fields: ProposalFileColumn[] }[];
  unchanged: number[];
}

/** The mutation's fields and the file's columns. */
const COLUMN_OF_FIELD: Record<string, ProposalFileColumn> = { number: "number", stakeNumber: "stake", title: "title", summary: "summary" };
const COLUMN_OF_DB: Record<string, ProposalFileColumn> = { stake_number: "stake", title: "title", summary: "summary" };

interface StoredProposal {
  id: number;
  number: number;
  stake_number: number;
  title: string;
  summary: string | null;
}

type Plan = { number: number; values: Record<string, unknown> } & ({ id: null } | { id: number; fields: ProposalFileColumn[] });

/**
 * Loads a file of proposals as `tx`'s viewer (admins only), an upsert by number: a proposal of the file not
 * loaded yet is created, one loaded already is updated where the file differs (a row gives the whole
 * proposal: an empty summary clears it), proposals the file leaves out stay as they are. Every row is
 * checked first, with the rules of createProposal and updateProposal; any problem refuses the whole file
 * (ProposalFileRefused lists them all) and nothing is written. Each change gets its version and audit
 * entry, as a mutation's would.
 */
export async function loadProposals(tx: MutationTx, file: ProposalFile): Promise<ProposalLoadReport> {
  const kind = RECORD_KINDS.proposal;
  requireCreatable(tx, kind, "proposals");
  // Concurrent writes of proposals wait for this load: what is checked here stays true until it commits.
  await tx.query("LOCK TABLE proposal IN SHARE ROW EXCLUSIVE MODE");
  const stored = new Map((await tx.query<StoredProposal>("SELECT id, number, stake_number, title, summary FROM proposal")).map((p) => [p.number, p]));
  const problems = [...file.problems];
  if (!file.rows.length && !problems.length) problems.push("the file holds no proposal.");
  const firstAt = new Map<number, string>();
  const plans: Plan[] = [];
  const unchanged: number[] = [];
  for (const row of file.rows) {
    const checks = new InputChecks();
    const values = proposalValues(checks, typedFields(checks, row));
    const report = () => problems.push(...checks.problems.map((p) => `${row.at}: ${COLUMN_OF_FIELD[p.path[0]] ?? p.path.join(".")} ${p.message}`));
    if (!checks.ok) {
      report();
      continue;
    }
    const number = values.number as number;
    if (firstAt.has(number)) {
      problems.push(`${row.at}: proposal ${number} is given twice (first at ${firstAt.get(number)}).`);
      continue;
    }
    firstAt.set(number, row.at);
    const current = stored.get(number);
    if (!current) {
      plans.push({ id: null, number, values });
      continue;
    }
    const changed = (Object.keys(COLUMN_OF_DB) as (keyof StoredProposal)[]).filter((column) => values[column] !== current[column]);
    if (!changed.length) {
      unchanged.push(number);
      continue;
    }
    if (changed.includes("stake_number")) await checkStakeMove(tx, checks, ["stakeNumber"], current, values.stake_number as number);
    report();
    plans.push({ id: current.id, number, values: Object.fromEntries(changed.map((c) => [c, values[c]])), fields: changed.map((c) => COLUMN_OF_DB[c]) });
  }
  if (problems.length) throw new ProposalFileRefused(file.name, problems);

  plans.sort((a, b) => a.number - b.number);
  for (const plan of plans) {
    if (plan.id === null) await saveNew(tx, kind, new InputChecks(), plan.values, async () => {});
    else await saveChanges(tx, kind, plan.id, await tx.lock(kind, plan.id, null), new InputChecks(), plan.values, async () => {});
  }
  return {
    file: file.name,
    read: file.rows.length,
    created: plans.filter((p) => p.id === null).map((p) => p.number),
    updated: plans.flatMap((p) => (p.id === null ? [] : [{ number: p.number, fields: p.fields }])),
    unchanged: unchanged.sort((a, b) => a - b),
  };
}

/**
 * The row's values as the mutation's fields, where their types are right (a wrong type is a problem,
 * and the field is left out so that it is not reported twice). Every proposal requires number, stake and title.
 */
function typedFields(checks: InputChecks, row: ProposalFile["rows"][number]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const given = { number: row.number, stakeNumber: row.stake, title: row.title, summary: row.summary };
  for (const [field, value] of Object.entries(given)) {
    if (value === null || value === undefined) {
      if ((REQUIRED_PROPOSAL_FIELDS as readonly string[]).includes(field)) checks.fail([field], "is required.");
      fields[field] = null;
    } else if (field === "number" || field === "stakeNumber") {
      if (typeof value === "number" && Number.isInteger(value)) fields[field] = value;
      else checks.fail([field], `must be a whole number (got ${JSON.stringify(value)}).`);
    } else if (typeof value === "string") fields[field] = value;
    else checks.fail([field], `must be text (got ${JSON.stringify(value)}).`);
  }
  return fields;
}

/** Checks and loads a file of proposals already read, in one transaction, as the admin `actor` (recorded in the audit trail). */
export async function loadProposalFile(dataSource: DataSource, file: ProposalFile, actor: string): Promise<ProposalLoadReport> {
  const viewer: Viewer = { role: "ADMIN", subject: actor, name: null };
  return dataSource.transaction((manager) => loadProposals(new MutationTx(manager, viewer, new RowAccess(viewer)), file));
}

/** Reads, checks and loads a `.json` or `.csv` file of proposals (see loadProposalFile). */
export async function loadProposalsFromPath(dataSource: DataSource, path: string, actor: string): Promise<ProposalLoadReport> {
  return loadProposalFile(dataSource, readProposalFile(path), actor);
}

/** The report in one line, e.g. `proposals.csv: 16 read; 2 created (1, 2); 1 updated (3: title); 13 unchanged.` */
export function describeLoad(report: ProposalLoadReport): string {
  const list = (numbers: number[]) => (numbers.length ? ` (${numbers.join(", ")})` : "");
  const updated = report.updated.map((u) => `${u.number}: ${u.fields.join(", ")}`);
  return `${report.file}: ${report.read} read; ${report.created.length} created${list(report.created)}; ` +
    `${report.updated.length} updated${updated.length ? ` (${updated.join("; ")})` : ""}; ${report.unchanged.length} unchanged.`;
}
