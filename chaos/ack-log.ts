import fs from "node:fs";

/** One write as a client saw it end: acknowledged (a record) or refused with a typed error. */
export interface AckEntry {
  cycle: number;
  client: string;
  op: string;
  key: string;
  outcome: "ack" | "rejected";
  /** The typed error's code when refused. */
  code?: string;
  /** Global id of the record written. */
  recordId?: string;
  version?: number;
  replayed: boolean;
  /** The first attempt's answer was lost (connection cut, 5xx): the write was resent with the same key. */
  firstAttemptUnknown: boolean;
  attempts: number;
}

/** What the clients expect to find of one record: its acknowledged content, its version, how many changes were acknowledged. */
export type ExpectedRecord =
  | { kind: "association"; id: string; name: string; rna: string; staffEtp: number; volunteers: number; version: number; cycle: number }
  | { kind: "project"; id: string; title: string; participants: { organizationId: string; role: string }[]; version: number; cycle: number }
  | { kind: "event"; id: string; title: string; organizerIds: string[]; attendance: { residents: number; associations: number; total: number }; version: number; cycle: number }
  | { kind: "membership"; id: string; networkId: string; memberId: string; version: number; cycle: number };

/**
 * The clients' log of what the server acknowledged (one JSON line per write, appended as it ends),
 * and the state they expect from it: every acknowledged record with its acknowledged content.
 */
export class AckLog {
  readonly expected = new Map<string, ExpectedRecord>();
  readonly counts = { acknowledged: 0, rejected: 0, unknown: 0, unknownCommitted: 0, unknownNotCommitted: 0, replays: 0, unresolved: 0 };

  constructor(readonly file: string) {
    fs.writeFileSync(file, "");
  }

  record(entry: AckEntry): void {
    fs.appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    if (entry.outcome === "ack") this.counts.acknowledged++;
    else this.counts.rejected++;
    if (entry.firstAttemptUnknown) {
      this.counts.unknown++;
      // A resend answering `replayed` proves the lost attempt had committed.
      if (entry.replayed) this.counts.unknownCommitted++;
      else this.counts.unknownNotCommitted++;
    }
  }

  /** A write whose answer never came, even after resending until the deadline. */
  unresolved(cycle: number, client: string, op: string, key: string): void {
    fs.appendFileSync(this.file, `${JSON.stringify({ cycle, client, op, key, outcome: "unresolved" })}\n`);
    this.counts.unresolved++;
  }

  expect(record: ExpectedRecord): void {
    this.expected.set(record.id, record);
  }

  of<K extends ExpectedRecord["kind"]>(kind: K): Extract<ExpectedRecord, { kind: K }>[] {
    return [...this.expected.values()].filter((r): r is Extract<ExpectedRecord, { kind: K }> => r.kind === kind);
  }
}
