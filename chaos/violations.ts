/** The invariants a chaos run checks, by the name the report gives them. */
export const INVARIANTS = {
  acknowledged: "every acknowledged write present exactly once, with its content",
  unresolved: "every write answered in the end (resent with its key after a fault)",
  partial: "no partial record, no orphan row",
  idempotency: "one effect per idempotency key",
  lostUpdate: "no lost update (one winner per version, VERSION_CONFLICT for the others)",
  audit: "one audit entry per committed change, none for a rolled-back one",
  dashboard: "dashboard figures equal the counts recomputed from the rows",
  aggregates: "the dashboard aggregates kept by the writes equal a recount from the rows (check:aggregates)",
  overload: "under saturation: 429/503 with Retry-After, health answering, memory bounded, recovery",
  recovery: "the server is ready again by itself after each fault",
  outage: "while the database is down: 503 with Retry-After, never an internal error",
  reads: "while the read replica is stopped (--replica): every read answered, with the client's own writes (consistency token)",
  dataFolder: "the embedded data folder opens after SIGKILL",
} as const;

export type InvariantName = keyof typeof INVARIANTS;

/** Violations found, by invariant, with the first messages of each (the run's verdict). */
export class Violations {
  readonly counts = Object.fromEntries(Object.keys(INVARIANTS).map((name) => [name, 0])) as Record<InvariantName, number>;
  readonly samples: { cycle: number; invariant: InvariantName; message: string }[] = [];

  constructor(private readonly onViolation: (line: string) => void = () => {}) {}

  add(cycle: number, invariant: InvariantName, message: string): void {
    this.counts[invariant]++;
    if (this.samples.filter((s) => s.invariant === invariant).length < 10) this.samples.push({ cycle, invariant, message });
    this.onViolation(`cycle ${cycle}: VIOLATION ${invariant}: ${message}`);
  }

  /** Checks a condition; records a violation when it fails. */
  check(cycle: number, invariant: InvariantName, ok: boolean, message: () => string): boolean {
    if (!ok) this.add(cycle, invariant, message());
    return ok;
  }

  /** Takes over the violations another collector found. */
  absorb(other: Violations): void {
    for (const [name, count] of Object.entries(other.counts)) this.counts[name as InvariantName] += count;
    for (const sample of other.samples) if (this.samples.filter((s) => s.invariant === sample.invariant).length < 10) this.samples.push(sample);
  }

  /** A remark that is not a violation (printed with the progress). */
  note(message: string): void {
    this.onViolation(message);
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
