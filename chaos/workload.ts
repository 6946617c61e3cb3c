import { AckLog, ExpectedRecord } from "./ack-log";
import { sleep } from "./http";
import { Random } from "./random";
import { Violations } from "./violations";
import { MutationName, write, Writer, WriteResult } from "./writes";

/** Where the chaos writes go: Roubaix, its QPV Nouveau Roubaix, and one network head created for the run. */
export const COMMUNE = "59512";
export const QPV = "QN05981M";

/** What every client shares: the server's address, the run's tag (in every name it writes), the network head, the findings. */
export interface WorkloadContext {
  url(): string;
  tag: string;
  networkId: string;
  log: AckLog;
  violations: Violations;
  cycle(): number;
  /** A process-wide counter, for RNA numbers unique in the run. */
  nextSequence(): number;
}

type Association = Extract<ExpectedRecord, { kind: "association" }>;
type Project = Extract<ExpectedRecord, { kind: "project" }>;
type Event = Extract<ExpectedRecord, { kind: "event" }>;

const OPERATIONS = {
  createAssociation: 18,
  updateAssociation: 18,
  createProject: 12,
  updateProject: 7,
  createEvent: 12,
  updateEvent: 12,
  createMembership: 8,
  replay: 7,
  refused: 6,
};

/** A valid RNA number (W + 9), unique in the run: `W9Z` is a prefix the demo data never uses. */
export const rnaOf = (sequence: number) => `W9Z${String(sequence % 10_000_000).padStart(7, "0")}`;

/**
 * One client: a steady mix of writes on its own records (so it knows what each must hold), each
 * acknowledged write logged and its content remembered; lost answers resent with the same key;
 * deliberate replays (same key, same input, sometimes racing) and deliberately refused writes
 * (invalid input, stale version) that must leave nothing behind.
 */
export class WorkloadClient implements Writer {
  private readonly associations: Association[] = [];
  private readonly projects: Project[] = [];
  private readonly events: Event[] = [];
  private readonly members = new Set<string>();
  private readonly creates: { op: MutationName; input: Record<string, unknown>; id: string }[] = [];
  private tokenValue = "";
  private sequence = 0;

  constructor(
    readonly name: string,
    private readonly ctx: WorkloadContext,
    private readonly random: Random,
  ) {}

  get log(): AckLog {
    return this.ctx.log;
  }

  url = () => this.ctx.url();
  token = () => this.tokenValue;
  cycle = () => this.ctx.cycle();
  anomaly = (message: string) => this.ctx.violations.add(this.ctx.cycle(), "acknowledged", `${this.name}: ${message}`);
  outage = (message: string) => this.ctx.violations.add(this.ctx.cycle(), "outage", `${this.name}: ${message}`);

  setToken(token: string): void {
    this.tokenValue = token;
  }

  /** Writes until `stop()` says so, finishing (and resolving) the write in progress. */
  async run(stop: () => boolean): Promise<void> {
    while (!stop()) {
      await this.step();
      await sleep(this.random.int(5, 40));
    }
  }

  private label(kind: string): string {
    return `${this.ctx.tag} ${kind} ${this.name}-${++this.sequence}`;
  }

  private violation(invariant: "acknowledged" | "idempotency" | "audit", message: string): void {
    this.ctx.violations.add(this.ctx.cycle(), invariant, `${this.name}: ${message}`);
  }

  private async step(): Promise<void> {
    const op = this.associations.length < 3 ? "createAssociation" : this.random.weighted(OPERATIONS);
    switch (op) {
      case "createAssociation": return this.createAssociation();
      case "updateAssociation": return this.updateAssociation(this.random.pick(this.associations));
      case "createProject": return this.createProject();
      case "updateProject": return this.projects.length ? this.updateProject(this.random.pick(this.projects)) : this.createProject();
      case "createEvent": return this.createEvent();
      case "updateEvent": return this.events.length ? this.updateEvent(this.random.pick(this.events)) : this.createEvent();
      case "createMembership": return this.createMembership();
      case "replay": return this.replay();
      case "refused": return this.refused(this.random.pick(this.associations));
    }
  }

  /** An acknowledged write's version must follow the one the client knew: anything else is a lost or doubled change. */
  private acknowledged(result: WriteResult, op: MutationName, expectedVersion: number): result is Extract<WriteResult, { outcome: "ack" }> {
    if (result.outcome === "unresolved") return false;
    if (result.outcome === "rejected") {
      this.violation("acknowledged", `${op} refused unexpectedly: ${result.code}`);
      return false;
    }
    if (result.version !== expectedVersion) this.violation("acknowledged", `${op} ${result.id} acknowledged version ${result.version}, expected ${expectedVersion}`);
    return true;
  }

  /** A creation: acknowledged at version 1, its record then expected in the database and kept for replays. */
  private async create<R extends ExpectedRecord>(op: MutationName, input: Record<string, unknown>, record: (id: string) => R): Promise<R | null> {
    const result = await write(this, op, input);
    if (!this.acknowledged(result, op, 1)) return null;
    const created = record(result.id);
    this.ctx.log.expect(created);
    this.creates.push({ op, input: result.input, id: result.id });
    return created;
  }

  /** An update from the version the client knows: acknowledged at the next one, its changes then expected. */
  private async update<R extends ExpectedRecord>(op: MutationName, record: R, input: Record<string, unknown>, changes: Partial<R>): Promise<void> {
    const result = await write(this, op, { id: record.id, version: record.version, ...input });
    if (!this.acknowledged(result, op, record.version + 1)) return;
    Object.assign(record, changes, { version: record.version + 1, cycle: this.cycle() });
  }

  private async createAssociation(): Promise<void> {
    const input = {
      name: this.label("association"), rna: rnaOf(this.ctx.nextSequence()), communeInseeCode: COMMUNE,
      staffEtp: this.random.pick([0, 0.5, 1.5, 2, 3.25]), volunteers: this.random.int(0, 200),
    };
    const record = await this.create("createAssociation", input, (id): Association => ({ kind: "association", id, ...input, version: 1, cycle: this.cycle() }));
    if (record) this.associations.push(record);
  }

  private async updateAssociation(record: Association): Promise<void> {
    const changes = { volunteers: this.random.int(0, 500), staffEtp: this.random.pick([0, 1, 2.5, 4]) };
    await this.update("updateAssociation", record, changes, changes);
  }

  private participants(): { organizationId: string; role: string }[] {
    const [lead, ...others] = [...this.associations].sort(() => this.random.next() - 0.5).slice(0, this.random.int(2, 3));
    return [{ organizationId: lead.id, role: "LEAD" }, ...others.map((o, i) => ({ organizationId: o.id, role: i ? "SUPPORT" : "PARTNER" }))];
  }

  private async createProject(): Promise<void> {
    const participants = this.participants();
    const input = { title: this.label("project"), status: "ACTIVE", qpvCodes: [QPV], stakeNumbers: [3, 4], residentsReached: this.random.int(0, 300), startDate: "2026-09-01", participants };
    const record = await this.create("createProject", input, (id): Project => ({ kind: "project", id, title: input.title, participants, version: 1, cycle: this.cycle() }));
    if (record) this.projects.push(record);
  }

  /** Replaces the participants: the project must never be seen with a mix, nor with none. */
  private async updateProject(record: Project): Promise<void> {
    const participants = this.participants();
    await this.update("updateProject", record, { participants }, { participants });
  }

  private attendance() {
    const residents = this.random.int(0, 120);
    const associations = this.random.int(1, 8);
    return { residents, associations, total: residents + associations + this.random.int(0, 20) };
  }

  private async createEvent(): Promise<void> {
    const organizerIds = [...this.associations].sort(() => this.random.next() - 0.5).slice(0, this.random.int(1, 2)).map((a) => a.id);
    const attendance = this.attendance();
    const day = String(this.random.int(1, 28)).padStart(2, "0");
    const input = {
      title: this.label("event"), kind: "WORKSHOP", startsAt: `2026-10-${day}T18:00:00+02:00`, endsAt: `2026-10-${day}T20:00:00+02:00`,
      communeInseeCode: COMMUNE, qpvCode: QPV, organizerIds, attendance,
    };
    const record = await this.create("createEvent", input, (id): Event => ({ kind: "event", id, title: input.title, organizerIds, attendance, version: 1, cycle: this.cycle() }));
    if (record) this.events.push(record);
  }

  /** Attendance counted once the event is held. */
  private async updateEvent(record: Event): Promise<void> {
    const attendance = this.attendance();
    await this.update("updateEvent", record, { attendance }, { attendance });
  }

  private async createMembership(): Promise<void> {
    const member = this.associations.find((a) => !this.members.has(a.id));
    if (!member) return this.createAssociation();
    const input = { networkId: this.ctx.networkId, memberId: member.id, joinedOn: "2026-01-15" };
    const record = await this.create("createMembership", input, (id) => ({ kind: "membership" as const, id, networkId: input.networkId, memberId: member.id, version: 1, cycle: this.cycle() }));
    if (record) this.members.add(member.id);
  }

  /** The same creation sent again with its key (twice at once, sometimes): the first record, `replayed`, no second effect. */
  private async replay(): Promise<void> {
    if (!this.creates.length) return this.createAssociation();
    const original = this.random.pick(this.creates);
    const copies = this.random.int(1, 3);
    const results = await Promise.all(Array.from({ length: copies }, () => write(this, original.op, original.input)));
    this.ctx.log.counts.replays += copies;
    for (const result of results) {
      if (result.outcome === "unresolved") continue;
      const ok = result.outcome === "ack" && result.replayed && result.id === original.id;
      if (!ok) this.violation("idempotency", `replay of ${original.op} ${original.id} answered ${JSON.stringify(result).slice(0, 300)}`);
    }
  }

  /** A write that must be refused and leave nothing: an invalid value, or a version already overtaken. */
  private async refused(record: Association): Promise<void> {
    const stale = record.version > 1 && this.random.next() < 0.5;
    const input = stale ? { id: record.id, version: record.version - 1, volunteers: 7 } : { id: record.id, version: record.version, staffEtp: -1 };
    const expected = stale ? "VERSION_CONFLICT" : "INVALID_INPUT";
    const result = await write(this, "updateAssociation", input);
    if (result.outcome === "ack") {
      this.violation("acknowledged", `updateAssociation ${JSON.stringify(input)} was acknowledged; expected ${expected}`);
      record.version = result.version;
    } else if (result.outcome === "rejected" && result.code !== expected) {
      this.violation("acknowledged", `updateAssociation ${JSON.stringify(input)} refused with ${result.code}; expected ${expected}`);
    }
  }
}
