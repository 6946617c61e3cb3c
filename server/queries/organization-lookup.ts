import { Association } from "../../entities/association.entity";
import { Organization } from "../../entities/organization.entity";
import { Partner } from "../../entities/partner.entity";
import { fromGlobalIdOf } from "../../schema/global-id";
import { RequestContext } from "../context";
import { badInput } from "../../schema/input-errors";
import { isValidRna, isValidSiret } from "../validation/identifiers";

type Kind = "Association" | "Partner";
type Found<K extends Kind> = K extends "Association" ? Association : Partner;

/** Finds one organisation of a kind by exactly one natural key: id, RNA (associations) or SIRET. */
export async function findOrganization<K extends Kind>(
  ctx: RequestContext,
  kind: K,
  keys: { id?: string | null; rna?: string | null; siret?: string | null },
): Promise<Found<K> | null> {
  const given = Object.entries(keys).filter(([, v]) => v != null);
  if (given.length !== 1) {
    throw badInput(`Give exactly one of ${Object.keys(keys).join(", ")}.`, { argument: Object.keys(keys).join("|"), reason: "MALFORMED" });
  }
  const [name, value] = given[0] as [string, string];
  if (name === "siret" && !isValidSiret(value)) {
    throw badInput(`"${value}" is not a valid SIRET (14 digits with a valid check digit).`, { argument: "siret", reason: "MALFORMED" });
  }
  // Older RNA identifiers are opaque, but always short and alphanumeric.
  if (name === "rna" && !isValidRna(value) && !/^[0-9A-Z]{1,20}$/.test(value)) {
    throw badInput(`"${value}" is not an RNA number.`, { argument: "rna", reason: "MALFORMED" });
  }
  let organization: Organization | null;
  if (name === "id") {
    organization = await ctx.loaders.lookup(Organization, fromGlobalIdOf(value, [kind]).key);
  } else {
    const column = name === "rna" ? "rna" : "siret";
    organization = await ctx.loaders
      .raw<Organization | null>(`organizationBy:${column}`, async (values) => {
        const found = await ctx.loaders.sql.query(`SELECT id, ${column} AS value FROM organization WHERE ${column} = ANY($1::text[])`, [values]);
        const ids = new Map<string, number>(found.map((r: { id: number; value: string }) => [r.value, r.id]));
        return Promise.all(values.map((v) => (ids.has(String(v)) ? ctx.loaders.lookup(Organization, ids.get(String(v))!) : null)));
      })
      .load(value);
  }
  const expected = kind === "Association" ? Association : Partner;
  return organization instanceof expected ? (organization as Found<K>) : null;
}
