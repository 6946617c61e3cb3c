import { Client } from "pg";
import { BenchQuery, BenchVariables, toGlobalId } from "../queries";

/**
 * Answers uncompressed, from every server and in every run: autocannon asks for no encoding, Node's fetch
 * would ask for gzip (and Maillage compresses answers over 1 KB). Compression is left out of the figures.
 */
const JSON_HEADERS = { "content-type": "application/json", "accept-encoding": "identity" };

/** Where a bench request goes and how its answer is judged. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  /** The request body for the next request. */
  body: () => string;
  /** Whether a response is an error (HTTP status or GraphQL errors). */
  inspect: (status: number, body: string) => { error: boolean };
}

/**
 * The associations the write updates in turn, with their current version: one state for every Maillage
 * server of a run, so that servers compared on the same database never send a stale version.
 */
export class WriteState {
  private next = 0;
  private readonly versions: Map<number, number>;

  constructor(private readonly keys: number[], versions: number[]) {
    this.versions = new Map(keys.map((key, i) => [key, versions[i]]));
  }

  /**
   * Reads the associations' versions again: a request autocannon prepared but never sent as a run ended
   * leaves a version here that the database never reached (a VERSION_CONFLICT when the turn comes back).
   * Called before each run of the write, once the previous one has settled.
   */
  async sync(databaseUrl: string): Promise<void> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT id, version FROM organization WHERE id = ANY($1::int[])`, [this.keys]);
      for (const row of rows as { id: number; version: number }[]) this.versions.set(row.id, row.version);
    } finally {
      await client.end();
    }
  }

  /** The next association to update, at its current version (which the update then increments). */
  take(): { key: number; version: number } {
    const key = this.keys[this.next++ % this.keys.length];
    const version = this.versions.get(key) ?? 1;
    this.versions.set(key, version + 1);
    return { key, version };
  }
}

export function maillageTarget(port: number, query: BenchQuery, v: BenchVariables, token: string, writes: WriteState): Target {
  const url = `http://127.0.0.1:${port}/graphql`;
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (query.kind === "write") {
    headers.authorization = `Bearer ${token}`;
    return {
      url, headers,
      body: () => {
        const { key, version } = writes.take();
        return JSON.stringify({ query: query.query, variables: { input: { id: toGlobalId("Association", key), version, volunteers: (version * 7) % 100 } } });
      },
      inspect: (status, body) => ({ error: status !== 200 || body.includes('"errors":[{') || !body.includes('"association":{') }),
    };
  }
  const body = JSON.stringify({ query: query.query, variables: query.variables(v) });
  return { url, headers, body: () => body, inspect: (status, text) => ({ error: status !== 200 || text.includes('"errors":') }) };
}

export function baselineTarget(port: number, query: BenchQuery, v: BenchVariables): Target {
  const body = JSON.stringify({ variables: query.variables(v) });
  return {
    url: `http://127.0.0.1:${port}/${query.name}`, headers: { ...JSON_HEADERS }, body: () => body,
    inspect: (status) => ({ error: status !== 200 }),
  };
}

/** The trivial request, `{ __typename }`, anonymous, as a client sends it. */
export function trivialTarget(port: number): Target {
  const body = JSON.stringify({ query: "{ __typename }" });
  return {
    url: `http://127.0.0.1:${port}/graphql`, headers: { ...JSON_HEADERS }, body: () => body,
    inspect: (status, text) => ({ error: status !== 200 || !text.startsWith('{"data":{"__typename":"Query"}') }),
  };
}
