import "reflect-metadata";
import os from "node:os";

const USAGE = `usage: npm run load:proposals -- <file.json|file.csv>

Loads the advocacy paper's proposals (number 1 to 16, stake 1 to 4, title, optional summary) into the
configured database (DATABASE_URL, or the embedded one in MAILLAGE_DATA_DIR: stop the server first, only
one process may open it), as an upsert by number. Prints what changed. Any invalid row refuses the whole
file: every problem is listed and nothing is written. The file format is described in
docs/writing-and-access.md ("The advocacy paper's proposals"). Exits 0 when loaded, 1 when refused or on an error, 2 on bad arguments.`;

/** Who loads, for the audit trail: the command and the system user running it. */
function actor(): string {
  try {
    return `command:load-proposals (${os.userInfo().username})`;
  } catch {
    return "command:load-proposals";
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length !== 1 || args[0].startsWith("-")) {
    process.stderr.write(`${args.length ? "give one file" : "no file given"}\n${USAGE}\n`);
    return 2;
  }
  // Loaded once the arguments are known to be right.
  const [{ loadConfig }, { openDatabase }, { ensureReferenceData }, { describeLoad, loadProposalFile }, { ProposalFileRefused, readProposalFile }] = await Promise.all([
    import("../config"), import("../database/data-source"), import("../reference/load-reference-data"),
    import("../proposals/load-proposals"), import("../proposals/proposal-file"),
  ]);
  const refused = (error: unknown): number => {
    if (!(error instanceof ProposalFileRefused)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  };
  let file;
  try {
    // A file that cannot be read is refused before the database is opened.
    file = readProposalFile(args[0]);
  } catch (error) {
    return refused(error);
  }
  const db = await openDatabase(loadConfig());
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    await ensureReferenceData(db.dataSource);
    const report = await loadProposalFile(db.dataSource, file, actor());
    process.stdout.write(`${describeLoad(report)}\n`);
    return 0;
  } catch (error) {
    return refused(error);
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`load:proposals failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
