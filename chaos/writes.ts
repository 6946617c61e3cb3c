import { randomUUID } from "node:crypto";
import { AckEntry, AckLog } from "./ack-log";
import { postGraphql, sleep } from "./http";

/** The mutations the chaos clients send, each answering the record's id and version. */
export const MUTATIONS = {
  createAssociation: { input: "CreateAssociationInput", record: "association" },
  updateAssociation: { input: "UpdateAssociationInput", record: "association" },
  createProject: { input: "CreateProjectInput", record: "project" },
  updateProject: { input: "UpdateProjectInput", record: "project" },
  createEvent: { input: "CreateEventInput", record: "event" },
  updateEvent: { input: "UpdateEventInput", record: "event" },
  createMembership: { input: "CreateMembershipInput", record: "membership" },
} as const;

export type MutationName = keyof typeof MUTATIONS;

const documentOf = (op: MutationName) =>
  `mutation ${op[0].toUpperCase()}${op.slice(1)}($input: ${MUTATIONS[op].input}!) { ${op}(input: $input) { ${MUTATIONS[op].record} { id version } errors { code message } replayed } }`;

/** How a write ended, once the client knows (after resending a lost one with its key). */
export type WriteResult =
  | { outcome: "ack"; id: string; version: number; replayed: boolean; firstAttemptUnknown: boolean; input: Record<string, unknown> }
  | { outcome: "rejected"; code: string; firstAttemptUnknown: boolean }
  | { outcome: "unresolved" };

/** Who writes, where, and how long a client keeps resending a write whose answer was lost. */
export interface Writer {
  url(): string;
  token(): string;
  name: string;
  log: AckLog;
  cycle(): number;
  /** An answer that is not GraphQL's (a runner bug or a server fault): reported, never ignored. */
  anomaly(message: string): void;
  /** A failure answered otherwise than 503 with Retry-After (an internal error): reported. */
  outage(message: string): void;
}

/** Resend a lost write for at most this long: a restart of PGlite or PostgreSQL takes seconds, not minutes. */
const RESEND_DEADLINE_MS = 150_000;

/**
 * Sends one mutation with an idempotency key (a new one unless the input has one: a replay) and returns how it ended.
 * An answer lost (no answer, connection cut, 5xx) makes the write unknown: it is resent with the
 * same key and input until an answer comes (a resend of a committed write must answer `replayed`).
 * 429 and 503 mean nothing ran: the write is resent after `Retry-After`.
 */
export async function write(writer: Writer, op: MutationName, input: Record<string, unknown>): Promise<WriteResult> {
  const full = { idempotencyKey: randomUUID(), ...input };
  const key = full.idempotencyKey as string;
  const started = Date.now();
  let firstAttemptUnknown = false;
  let attempts = 0;
  for (;;) {
    attempts++;
    const answer = await postGraphql(writer.url(), documentOf(op), { input: full }, writer.token());
    const payload = answer.body?.data?.[op];
    const entry = (fields: Partial<AckEntry>): AckEntry => ({
      cycle: writer.cycle(), client: writer.name, op, key, outcome: "ack", replayed: false, firstAttemptUnknown, attempts, ...fields,
    });
    if (answer.status === 200 && payload && !answer.body?.errors) {
      if (payload.errors.length) {
        const code = payload.errors[0].code as string;
        writer.log.record(entry({ outcome: "rejected", code }));
        return { outcome: "rejected", code, firstAttemptUnknown };
      }
      const record = payload[MUTATIONS[op].record];
      writer.log.record(entry({ recordId: record.id, version: record.version, replayed: payload.replayed }));
      return { outcome: "ack", id: record.id, version: record.version, replayed: payload.replayed, firstAttemptUnknown, input: full };
    }
    if (answer.status === 429 || answer.status === 503) {
      // Nothing ran (rate limit, shutting down), or the database was out of reach: resend after Retry-After.
      // A 503 during a database outage may follow a commit whose answer was lost: as unknown as a cut connection.
      if (answer.status === 503 && attempts === 1 && answer.body?.errors?.[0]?.extensions?.code === "SERVICE_UNAVAILABLE") firstAttemptUnknown = true;
      if (!answer.retryAfter) writer.outage(`${op}: ${answer.status} without Retry-After`);
      await sleep(Math.min(2_000, 1_000 * Number(answer.retryAfter ?? 1)));
    } else if (answer.status === 0 || answer.status >= 500 || (answer.status === 200 && answer.body?.errors)) {
      // The answer is lost or the server failed: the write may or may not have committed.
      if (attempts === 1) firstAttemptUnknown = true;
      if (answer.status !== 0) writer.outage(`${op}: ${answer.status} ${String(JSON.stringify(answer.body?.errors)).slice(0, 200)}`);
      await sleep(250);
    } else {
      writer.anomaly(`${op}: unexpected answer ${answer.status} ${String(JSON.stringify(answer.body ?? answer.failure)).slice(0, 300)}`);
      await sleep(250);
    }
    if (Date.now() - started > RESEND_DEADLINE_MS) {
      writer.log.unresolved(writer.cycle(), writer.name, op, key);
      return { outcome: "unresolved" };
    }
  }
}
