import fs from "node:fs";
import { admin, runDir, SERVER_URL } from "./test-database";

/** Removes the run's template (and any database a crashed test file left behind). */
export default async function globalTeardown(): Promise<void> {
  if (SERVER_URL && process.env.MAILLAGE_TEMPLATE_DB) {
    await admin([`DROP DATABASE IF EXISTS "${process.env.MAILLAGE_TEMPLATE_DB}" WITH (FORCE)`]);
  }
  fs.rmSync(runDir(), { recursive: true, force: true });
}
