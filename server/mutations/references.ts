import { fromGlobalId, NodeTypeName } from "../../schema/global-id";
import { isValidInseeCode, isValidQpvCode } from "../validation/identifiers";
import { InputChecks } from "../validation/input-checks";
import { MutationTx } from "./mutation-tx";

type Path = (string | number)[];

/** Decodes a global id of one of `types` typed into an input, with its type; a problem (not an exception) when it is not one. */
function decodeTypedId(checks: InputChecks, path: Path, id: string | null | undefined, types: NodeTypeName[]): { type: NodeTypeName; key: number } | null {
  if (id == null) return null;
  try {
    const decoded = fromGlobalId(id);
    if (types.includes(decoded.type) && typeof decoded.key === "number") return { type: decoded.type, key: decoded.key };
  } catch {
    // reported below
  }
  checks.fail(path, `"${id}" is not the id of ${types.length > 1 ? `one of ${types.join(", ")}` : `a ${types[0]}`}.`);
  return null;
}

/** Decodes a global id of one of `types` typed into an input; a problem (not an exception) when it is not one. */
export function decodeId(checks: InputChecks, path: Path, id: string | null | undefined, types: NodeTypeName[]): number | null {
  return decodeTypedId(checks, path, id, types)?.key ?? null;
}

type OrganizationType = "Association" | "Partner";

/** The `kind` of an organisation row each id type names: associations and partners share the table and its numbers. */
const KIND_OF: Record<OrganizationType, string> = { Association: "ASSOCIATION", Partner: "PARTNER" };

/** An organisation an input names: where, its number (null when the id is invalid), and the type its id names. */
export interface OrganizationRef {
  path: Path;
  id: number | null;
  type: OrganizationType | null;
}

/** Decodes an organisation's id (an association's or a partner's) typed into an input; check it with checkOrganizations. */
export function decodeOrganizationId(checks: InputChecks, path: Path, id: string | null | undefined): OrganizationRef {
  const decoded = decodeTypedId(checks, path, id, ["Association", "Partner"]);
  return { path, id: decoded?.key ?? null, type: (decoded?.type as OrganizationType | undefined) ?? null };
}

/** Codes of a reference table that the input names but the table does not hold, reported one by one. */
export async function checkCodes(tx: MutationTx, checks: InputChecks, path: Path, table: string, column: string, codes: (string | number)[], what: string): Promise<void> {
  if (!codes.length) return;
  const rows = await tx.query<{ code: string }>(`SELECT ${column}::text AS code FROM ${table} WHERE ${column}::text = ANY($1::text[])`, [codes.map(String)]);
  const found = new Set(rows.map((r) => r.code));
  codes.forEach((code, i) => {
    if (!found.has(String(code))) checks.fail([...path, i], `${what} "${code}" does not exist.`);
  });
}

/**
 * The commune a code names, checked against the reference data: a district of Paris, Lyon or Marseille
 * is recorded as its city, as the QPV list and every filter expect.
 */
export async function resolveCommune(tx: MutationTx, checks: InputChecks, path: Path, code: string | null | undefined): Promise<string | null | undefined> {
  if (code == null) return code;
  checks.inseeCode(path, code);
  if (!isValidInseeCode(code)) return null;
  const [row] = await tx.query<{ city: string }>(
    `SELECT insee_code AS city FROM commune WHERE insee_code = $1
     UNION ALL SELECT city_insee_code FROM municipal_district WHERE insee_code = $1`, [code]);
  if (!row) checks.fail(path, `commune "${code}" does not exist in the reference data (INSEE 2024).`);
  return row?.city ?? null;
}

/**
 * Organisations an input names, checked to exist as the type their id names: an association's id
 * whose number is a partner's names no association (as it resolves to nothing on reads).
 */
export async function checkOrganizations(tx: MutationTx, checks: InputChecks, refs: OrganizationRef[]): Promise<void> {
  const ids = refs.filter((r) => r.id !== null).map((r) => r.id as number);
  if (!ids.length) return;
  const rows = await tx.query<{ id: number; kind: string }>(`SELECT id, kind FROM organization WHERE id = ANY($1::int[])`, [ids]);
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  for (const ref of refs) {
    if (ref.id === null || ref.type === null) continue;
    if (kinds.get(ref.id) !== KIND_OF[ref.type]) checks.fail(ref.path, `no such ${ref.type === "Partner" ? "partner" : "association"}.`);
  }
}

/** QPV codes an input names (`field` inside each item, if items are objects): format, then existence. */
export async function checkQpvCodes(tx: MutationTx, checks: InputChecks, path: Path, codes: string[], field: Path = []): Promise<void> {
  codes.forEach((code, i) => checks.qpvCode([...path, i, ...field], code));
  const wellFormed = codes.map((code, i) => ({ code, i })).filter(({ code }) => isValidQpvCode(code));
  const rows = wellFormed.length
    ? await tx.query<{ code: string }>(`SELECT code FROM qpv WHERE code = ANY($1::text[])`, [wellFormed.map((q) => q.code)])
    : [];
  const found = new Set(rows.map((r) => r.code));
  for (const { code, i } of wellFormed) if (!found.has(code)) checks.fail([...path, i, ...field], `QPV "${code}" does not exist in the reference data (QPV 2024).`);
}

/**
 * Decodes a list of organisation ids typed into an input and checks they exist as the type they
 * name. With `distinctBy`, two items naming the same organisation and the same `distinctBy` value
 * are refused.
 */
export async function checkOrganizationIds(
  tx: MutationTx, checks: InputChecks, path: Path, ids: string[], field: Path = [], distinctBy: ((i: number) => unknown) | null = () => null,
): Promise<(number | null)[]> {
  const refs = ids.map((id, i) => decodeOrganizationId(checks, [...path, i, ...field], id));
  if (distinctBy) {
    const seen = new Set<string>();
    refs.forEach((ref, i) => {
      // By type too: an association's id and a partner's id of one number cannot both name a row.
      const key = JSON.stringify([ref.type, ref.id, distinctBy(i)]);
      if (ref.id !== null && seen.has(key)) checks.fail([...path, i], "names the same organisation as an earlier item.");
      seen.add(key);
    });
  }
  await checkOrganizations(tx, checks, refs);
  return refs.map((r) => r.id);
}
