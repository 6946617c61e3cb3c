import { ExpectedRecord } from "./ack-log";
import { postGraphql } from "./http";
import { COMMUNE, rnaOf, WorkloadContext } from "./workload";
import { write, Writer } from "./writes";

/**
 * No lost update: `contenders` clients read the same version of one record and update it at once,
 * each with its own value. Exactly one must win, the others must get VERSION_CONFLICT, and the
 * record must then hold the winner's value at the next version (its audit trail is checked with
 * every other record's: one entry per committed change).
 */
export async function lostUpdateRound(ctx: WorkloadContext, writers: Writer[], cycle: number): Promise<{ winners: number; conflicts: number }> {
  const [first] = writers;
  const name = `${ctx.tag} contested ${cycle}`;
  const created = await write(first, "createAssociation", { name, rna: rnaOf(ctx.nextSequence()), communeInseeCode: COMMUNE, volunteers: 0, staffEtp: 0 });
  if (created.outcome !== "ack") {
    ctx.violations.add(cycle, "lostUpdate", `the contested record could not be created: ${JSON.stringify(created)}`);
    return { winners: 0, conflicts: 0 };
  }
  const record: Extract<ExpectedRecord, { kind: "association" }> = {
    kind: "association", id: created.id, name, rna: created.input.rna as string, staffEtp: 0, volunteers: 0, version: 1, cycle,
  };
  ctx.log.expect(record);
  const read = await postGraphql(ctx.url(), `query ($id: ID!) { node(id: $id) { ... on Association { version } } }`, { id: record.id }, first.token());
  const version = read.body?.data?.node?.version as number;
  const values = writers.map((_, i) => 1000 + i);
  const results = await Promise.all(writers.map((writer, i) => write(writer, "updateAssociation", { id: record.id, version, volunteers: values[i] })));
  const winners = results.flatMap((r, i) => (r.outcome === "ack" ? [i] : []));
  const conflicts = results.filter((r) => r.outcome === "rejected" && r.code === "VERSION_CONFLICT").length;
  const check = (ok: boolean, message: string) => ok || ctx.violations.add(cycle, "lostUpdate", message);
  check(version === 1, `read version ${version} of a record just created`);
  check(winners.length === 1 && conflicts === writers.length - 1, `${writers.length} updates of version ${version}: ${winners.length} won, ${conflicts} VERSION_CONFLICT (${JSON.stringify(results.map((r) => r.outcome === "rejected" ? r.code : r.outcome))})`);
  if (winners.length === 1) {
    Object.assign(record, { volunteers: values[winners[0]], version: version + 1 });
    const after = await postGraphql(ctx.url(), `query ($id: ID!) { node(id: $id) { ... on Association { version volunteers } } }`, { id: record.id }, first.token());
    const node = after.body?.data?.node;
    check(node?.version === version + 1 && node?.volunteers === values[winners[0]], `after the race the record holds ${JSON.stringify(node)}, the winner wrote volunteers ${values[winners[0]]} at version ${version + 1}`);
  } else if (winners.length > 1) {
    // Keep the model honest for the later checks: the last acknowledged version is what the row should hold.
    record.version = Math.max(...results.flatMap((r) => (r.outcome === "ack" ? [r.version] : [])));
  }
  return { winners: winners.length, conflicts };
}
