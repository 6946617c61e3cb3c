import { once } from "node:events";
import { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** One value of PostgreSQL's COPY text format: \N for null, backslash, tab and line breaks escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}

/**
 * Streams rows into a table with COPY ... FROM STDIN (text format), in chunks of a few thousand lines,
 * waiting for the stream to drain so that memory stays flat. Returns the number of rows copied.
 */
export async function copyRows(client: PoolClient, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  const finished = new Promise<void>((resolve, reject) => {
    stream.once("finish", resolve);
    stream.once("error", reject);
  });
  let count = 0;
  let chunk: string[] = [];
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`${table}: row of ${row.length} values for ${columns.length} columns`);
    chunk.push(row.map(field).join("\t"));
    count++;
    if (chunk.length >= 5000) {
      if (!stream.write(chunk.join("\n") + "\n")) await once(stream, "drain");
      chunk = [];
    }
  }
  if (chunk.length) stream.write(chunk.join("\n") + "\n");
  stream.end();
  await finished;
  return count;
}
