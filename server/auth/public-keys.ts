import { createPublicKey, X509Certificate } from "node:crypto";
import fs from "node:fs";
import type { JWK } from "jose";

/** Members of a JWK that only a private or symmetric key has. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "priv"];

function fromPem(pem: string, origin: string): JWK {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new Error(`${origin} holds a private key: give the public key only (openssl pkey -pubout)`);
  }
  try {
    const key = pem.includes("-----BEGIN CERTIFICATE-----") ? new X509Certificate(pem).publicKey : createPublicKey({ key: pem, format: "pem" });
    return key.export({ format: "jwk" }) as JWK;
  } catch (error) {
    throw new Error(`${origin} is not a readable PEM public key or certificate (${(error as Error).message})`);
  }
}

function checkedJwk(value: unknown, origin: string): JWK {
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof (value as JWK).kty !== "string") {
    throw new Error(`${origin}: a JSON Web Key must be an object with a "kty" member`);
  }
  const jwk = value as JWK;
  if (jwk.kty === "oct") throw new Error(`${origin}: symmetric keys (kty "oct") are never accepted`);
  const secret = PRIVATE_MEMBERS.filter((member) => member in jwk);
  if (secret.length) throw new Error(`${origin} holds private key material (${secret.join(", ")}): give the public key only`);
  if (jwk.use !== undefined && jwk.use !== "sig") throw new Error(`${origin}: key "${jwk.kid ?? jwk.kty}" is not a signature key (use "${jwk.use}")`);
  return jwk;
}

function fromJson(text: string, origin: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${origin} is not valid JSON`);
  }
  if (typeof parsed === "object" && parsed !== null && "keys" in parsed) {
    const keys = (parsed as { keys: unknown }).keys;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${origin}: a JSON Web Key Set needs a non-empty "keys" array`);
    return keys.map((key, i) => checkedJwk(key, `${origin} (key ${i})`));
  }
  return [checkedJwk(parsed, origin)];
}

/**
 * The public keys of MAILLAGE_JWT_PUBLIC_KEY, as JWKs: the value is a PEM public key (SPKI) or an
 * X.509 certificate, a JWK or a JWK Set as JSON, or else the path of a file holding one of these.
 * Private and symmetric keys are refused.
 */
export function parsePublicKeys(value: string, origin = "MAILLAGE_JWT_PUBLIC_KEY"): JWK[] {
  const text = value.trim();
  if (text.startsWith("-----BEGIN")) return [fromPem(text, origin)];
  if (text.startsWith("{")) return fromJson(text, origin);
  let content: string;
  try {
    content = fs.readFileSync(text, "utf8");
  } catch (error) {
    throw new Error(`${origin} is neither a PEM key, nor JSON, nor a readable file: ${(error as Error).message}`);
  }
  const fileOrigin = `${origin} (file ${text})`;
  const trimmed = content.trim();
  if (trimmed.startsWith("-----BEGIN")) return [fromPem(trimmed, fileOrigin)];
  if (trimmed.startsWith("{")) return fromJson(trimmed, fileOrigin);
  throw new Error(`${fileOrigin} holds neither a PEM key nor JSON`);
}
