import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint, errors, exportJWK, generateKeyPair, type JWK } from "jose";
import { KeyResolver, staticKeySet } from "./static-key-set";

/** Algorithm of the development key: in the default list, fast to generate and to verify. */
export const DEV_KEY_ALGORITHM = "ES256";

const FILE_NAME = "dev-jwt-key.json";

/** The development signing key: `npm run token` signs with it, a development server trusts it. */
export interface DevKey {
  /** Private JWK (with `kid` and `alg`): signs tokens. */
  privateJwk: JWK;
  /** The same key without its private part: verifies them. */
  publicJwk: JWK;
}

/**
 * Where the development key lives: MAILLAGE_DEV_KEY_FILE if set; else in the data folder, next to
 * the embedded database (`<MAILLAGE_DATA_DIR>/dev-jwt-key.json`); with a throwaway database
 * (`memory://`) or none, in the OS temporary folder, so that `npm run token` and the server,
 * two processes, still share it.
 */
export function devKeyPath(dataDir: string, devKeyFile?: string): string {
  if (devKeyFile) return devKeyFile;
  if (!dataDir || dataDir.startsWith("memory://")) return path.join(os.tmpdir(), `maillage-${FILE_NAME}`);
  return path.join(dataDir, FILE_NAME);
}

function parse(file: string, text: string): DevKey {
  let privateJwk: JWK | undefined;
  try {
    privateJwk = (JSON.parse(text) as { privateJwk?: JWK }).privateJwk;
  } catch {
    // Reported below.
  }
  if (!privateJwk || typeof privateJwk.d !== "string" || typeof privateJwk.kid !== "string") {
    throw new Error(`${file} is not a Maillage development key; delete it and run \`npm run token\` again`);
  }
  const { d: _private, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwk };
}

/** Reads the development key, or null when there is none yet. */
export function readDevKey(file: string): DevKey | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parse(file, text);
}

/**
 * The development key, created on first use (readable by its owner only). Creation is atomic: a
 * complete file appears under its name or nothing does, so two processes never see half a key or
 * end up with two.
 */
export async function ensureDevKey(file: string): Promise<{ key: DevKey; created: boolean }> {
  const existing = readDevKey(file);
  if (existing) return { key: existing, created: false };
  const { privateKey, publicKey } = await generateKeyPair(DEV_KEY_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = `dev-${(await calculateJwkThumbprint(publicJwk)).slice(0, 16)}`;
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: DEV_KEY_ALGORITHM, use: "sig" };
  const content = {
    comment:
      "Maillage development signing key (npm run token). Trusted only when NODE_ENV is not production and neither " +
      "MAILLAGE_JWKS_URL nor MAILLAGE_JWT_PUBLIC_KEY is set. Delete this file to change the key.",
    createdAt: new Date().toISOString(),
    privateJwk,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { key: parse(file, fs.readFileSync(file, "utf8")), created: false };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return { key: parse(file, fs.readFileSync(file, "utf8")), created: true };
}

/**
 * Verification keys of a development server: the key in the file, read again whenever the file
 * changes, so that a key created by `npm run token` after the server started is trusted at once.
 * The server never creates the key itself: until a token is minted there is nothing to trust.
 */
export function devKeySet(file: string): KeyResolver {
  let cached: { stamp: string; resolve: KeyResolver } | undefined;
  return async (header) => {
    let stamp: string;
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      throw new errors.JWKSNoMatchingKey("no development key yet: mint a token with `npm run token`");
    }
    if (cached?.stamp !== stamp) {
      const key = readDevKey(file);
      if (!key) throw new errors.JWKSNoMatchingKey("no development key yet: mint a token with `npm run token`");
      cached = { stamp, resolve: staticKeySet([key.publicJwk]) };
    }
    return cached.resolve(header);
  };
}
