import type { SqlRunner } from "./sql-session";

interface Pending {
  text: string;
  values: readonly unknown[];
  resolve: (rows: never[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Statements of one request asked for in the same tick, sent as one: each becomes a JSON array column
 * of a single statement (`SELECT (SELECT coalesce(json_agg(r), '[]') FROM (<statement>) r) AS s0, ...`,
 * its parameters renumbered after the previous ones'), so the figures of a dashboard, each its own
 * small aggregate, cost one round trip and one statement instead of one per figure. For statements
 * whose rows are a few plain values: rows come back as JSON reads them (integers and text as they
 * are, a bigint or numeric as a number unless cast to text, JSON columns as objects), whether the
 * statement went alone or with others. A failure fails every statement of the batch.
 */
export class CombinedStatements implements SqlRunner {
  private pending: Pending[] = [];

  constructor(private readonly sql: SqlRunner) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by each caller, as SqlRunner's
  query<T = any>(text: string, values: readonly unknown[] = []): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.pending.push({ text, values, resolve: resolve as (rows: never[]) => void, reject });
      // As DataLoader schedules its batches: after the promises already settled have run their callbacks.
      if (this.pending.length === 1) void Promise.resolve().then(() => process.nextTick(() => void this.flush()));
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const values: unknown[] = [];
    const columns = batch.map((statement, i) => {
      const offset = values.length;
      values.push(...statement.values);
      const text = offset ? statement.text.replace(/\$(\d+)\b/g, (_, n: string) => `$${Number(n) + offset}`) : statement.text;
      return `(SELECT coalesce(json_agg(r), '[]') FROM (${text}) r) AS s${i}`;
    });
    try {
      const [row] = await this.sql.query<Record<string, never[]>>(`SELECT ${columns.join(",\n  ")}`, values);
      batch.forEach((statement, i) => statement.resolve(row[`s${i}`]));
    } catch (error) {
      for (const statement of batch) statement.reject(error);
    }
  }
}
