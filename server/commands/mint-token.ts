import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { importJWK, SignJWT } from "jose";
import { toGlobalId } from "../../schema/global-id";
import { CLAIMS, Role, ROLES } from "../access/viewer";
import { DEV_KEY_ALGORITHM, devKeyPath, ensureDevKey } from "../auth/dev-key";
import { InvalidClaimsError, viewerFromClaims } from "../auth/claims";
import { Config, loadConfig } from "../config";
import { openDatabase } from "../database/data-source";
import { isValidRna, isValidSiret } from "../validation/identifiers";

const USAGE = `Usage: npm run -s token -- --role ROLE [options]

Prints a development bearer token, signed with the development key that a server outside
production trusts when neither MAILLAGE_JWKS_URL nor MAILLAGE_JWT_PUBLIC_KEY is set.

  --role ROLE            ${ROLES.join(" | ")}
  --territory T          POLICY_OFFICER (repeatable): commune:<INSEE code>, epci:<SIREN>, department:<code>
  --organization ID      FEDERATION_MANAGER, ASSOCIATION_EDITOR: the association's global id
  --rna W...             ... or its RNA number, looked up in the database
  --siret NUMBER         ... or its SIRET, looked up in the database
  --subject SUB          the token's subject (default: dev-<role>)
  --name NAME            a display name (claim "name")
  --expires DURATION     lifetime, e.g. 30m, 8h, 2d (default: 8h)

Example: TOKEN=$(npm run -s token -- --role POLICY_OFFICER --territory commune:59512)
         curl -H "Authorization: Bearer $TOKEN" ...`;

/** A mistake in the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

/** The organisation's global id, looked up by RNA or SIRET in the configured database. */
async function associationId(config: Config, column: "rna" | "siret", value: string): Promise<string> {
  if (column === "rna" && !isValidRna(value) && !/^[0-9A-Z]{1,20}$/.test(value)) throw new UsageError(`"${value}" is not an RNA number.`);
  if (column === "siret" && !isValidSiret(value)) throw new UsageError(`"${value}" is not a valid SIRET (14 digits with a valid check digit).`);
  if (!config.databaseUrl) {
    if (config.dataDir.startsWith("memory://")) throw new UsageError(`--${column} needs a database: set MAILLAGE_DATA_DIR or DATABASE_URL, or give --organization.`);
    if (!fs.existsSync(path.join(config.dataDir, "PG_VERSION"))) {
      throw new UsageError(`No database in ${config.dataDir} yet: start the server once (npm start), or give --organization.`);
    }
    // PGlite has no lock of its own: two processes on one folder could damage it.
    if (fs.existsSync(path.join(config.dataDir, "postmaster.pid"))) {
      throw new UsageError(
        `The embedded database in ${config.dataDir} is open (is the server running?). Stop the server first, or give --organization ` +
          `with the association's id (e.g. from { association(${column}: "${value}") { id } }). If no server runs, it stopped abruptly: start and stop it once.`,
      );
    }
  }
  const db = await openDatabase(config);
  try {
    const rows: { id: number; kind: string }[] = await db.dataSource.query(`SELECT id, kind FROM organization WHERE ${column} = $1 ORDER BY id`, [value]);
    const association = rows.find((row) => row.kind === "ASSOCIATION");
    if (!association) {
      throw new UsageError(rows.length ? `${column.toUpperCase()} ${value} is a partner's, not an association's.` : `No association has ${column.toUpperCase()} ${value}.`);
    }
    return toGlobalId("Association", association.id);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: "string" },
        territory: { type: "string", multiple: true },
        organization: { type: "string" },
        rna: { type: "string" },
        siret: { type: "string" },
        subject: { type: "string" },
        name: { type: "string" },
        expires: { type: "string", default: "8h" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}.`);
  const config = loadConfig();
  if (config.auth.production) throw new UsageError("NODE_ENV is production: the development key is never trusted there.");
  if (config.auth.jwksUrl || config.auth.publicKey) {
    console.error(`Warning: ${config.auth.jwksUrl ? "MAILLAGE_JWKS_URL" : "MAILLAGE_JWT_PUBLIC_KEY"} is set: a server with this configuration does not trust development tokens.`);
  }

  const usesOrganization = role === "FEDERATION_MANAGER" || role === "ASSOCIATION_EDITOR";
  const keys = (["organization", "rna", "siret"] as const).filter((key) => values[key] !== undefined);
  if (!usesOrganization && keys.length) throw new UsageError(`--${keys[0]} is for FEDERATION_MANAGER and ASSOCIATION_EDITOR tokens.`);
  if (usesOrganization && keys.length !== 1) throw new UsageError(`A ${role} token needs exactly one of --organization, --rna, --siret.`);
  if (role !== "POLICY_OFFICER" && values.territory) throw new UsageError("--territory is for POLICY_OFFICER tokens.");

  const claims: Record<string, unknown> = { [CLAIMS.role]: role };
  if (role === "POLICY_OFFICER") claims[CLAIMS.territories] = values.territory ?? [];
  if (usesOrganization) {
    const key = keys[0];
    claims[CLAIMS.organization] = key === "organization" ? values.organization : await associationId(config, key, values[key]!);
  }
  if (values.name) claims.name = values.name;
  const subject = values.subject ?? `dev-${role.toLowerCase().replace(/_/g, "-")}`;
  try {
    // The token must be one the server accepts: the same checks, before signing.
    viewerFromClaims({ ...claims, sub: subject });
  } catch (error) {
    if (error instanceof InvalidClaimsError) throw new UsageError(error.message);
    throw error;
  }

  const file = devKeyPath(config.dataDir, config.auth.devKeyFile);
  const { key, created } = await ensureDevKey(file);
  if (created) console.error(`Created the development key ${file}`);
  let token: string;
  try {
    token = await new SignJWT(claims)
      .setProtectedHeader({ alg: DEV_KEY_ALGORITHM, kid: key.privateJwk.kid, typ: "JWT" })
      .setIssuer(config.auth.issuer)
      .setAudience(config.auth.audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(values.expires!)
      .sign(await importJWK(key.privateJwk, DEV_KEY_ALGORITHM));
  } catch (error) {
    if (error instanceof TypeError && /time period/i.test(error.message)) throw new UsageError(`--expires "${values.expires}" is not a duration such as 30m, 8h or 2d.`);
    throw error;
  }
  console.error(`${role} token for "${subject}" (issuer ${config.auth.issuer}, audience ${config.auth.audience}), valid ${values.expires}:`);
  console.log(token);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
