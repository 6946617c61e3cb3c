import { Client } from "pg";
import { STATEMENTS } from "./baseline/statements";

/**
 * `node -r @swc-node/register bench/explain-baseline.ts <database-url> <query> '<variables JSON>'`: EXPLAIN ANALYZE of a
 * baseline statement (bench/baseline/statements.ts), e.g. to see which indexes a read of the mix can use.
 */
async function main(): Promise<void> {
  const [url, name, variables] = process.argv.slice(2);
  if (!STATEMENTS[name]) throw new Error(`unknown query "${name}": one of ${Object.keys(STATEMENTS).join(", ")}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { sql, params } = STATEMENTS[name](JSON.parse(variables ?? "{}"));
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
