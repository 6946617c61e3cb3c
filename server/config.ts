import path from "node:path";

/** Runtime configuration, read once from the environment (documented in the README). */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database, or `memory://` for a throwaway one. */
  dataDir: string;
  /** Load the demo dataset into an empty database at start. */
  demoData: boolean;
  /** Add `extensions.diagnostics` (SQL statement count) to responses: for tests and benchmarks. */
  diagnostics: boolean;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

function port(value: string | undefined): number {
  if (value === undefined || value === "") return 4000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be an integer in 0..65535, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.MAILLAGE_DATA_DIR || ".data";
  return {
    port: port(env.PORT),
    host: env.HOST || "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: dataDir.startsWith("memory://") ? dataDir : path.resolve(dataDir),
    demoData: flag(env.MAILLAGE_DEMO_DATA, true),
    diagnostics: flag(env.MAILLAGE_DIAGNOSTICS, false),
  };
}
