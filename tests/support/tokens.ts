import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { loadAuthConfig } from "../../server/auth/auth-config";
import { Config } from "../../server/config";

const ISSUER = "https://identite.test/maillage";
const AUDIENCE = "maillage-tests";

/** A test identity provider: the server trusts its key, and it signs a token per role. */
export interface TestIssuer {
  /** Settings to start a test server with, so that it trusts this issuer. */
  settings: Partial<Config>;
  /** The same as environment variables, for a server started as its own process. */
  env: Record<string, string>;
  admin(subject?: string): Promise<string>;
  officer(territories: string[], subject?: string): Promise<string>;
  manager(networkId: string, subject?: string): Promise<string>;
  editor(organizationId: string, subject?: string): Promise<string>;
}

export async function testIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256" };
  const sign = (key: CryptoKey, subject: string, claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "test-key" }).setIssuer(ISSUER).setAudience(AUDIENCE)
      .setSubject(subject).setIssuedAt().setExpirationTime("1h").sign(key);
  return {
    settings: { auth: { ...loadAuthConfig({}), publicKey: JSON.stringify(jwk), issuer: ISSUER, audience: AUDIENCE } },
    env: { MAILLAGE_JWT_PUBLIC_KEY: JSON.stringify(jwk), MAILLAGE_JWT_ISSUER: ISSUER, MAILLAGE_JWT_AUDIENCE: AUDIENCE },
    admin: (subject = "admin@test") => sign(privateKey, subject, { maillage_role: "ADMIN" }),
    officer: (territories, subject = "officer@test") => sign(privateKey, subject, { maillage_role: "POLICY_OFFICER", maillage_territories: territories }),
    manager: (networkId, subject = "manager@test") => sign(privateKey, subject, { maillage_role: "FEDERATION_MANAGER", maillage_organization: networkId }),
    editor: (organizationId, subject = "editor@test") => sign(privateKey, subject, { maillage_role: "ASSOCIATION_EDITOR", maillage_organization: organizationId }),
  };
}
