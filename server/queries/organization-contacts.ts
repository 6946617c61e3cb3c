import { OrganizationContact } from "../../entities/organization-contact.entity";
import { SqlParams } from "../database/sql-params";
import { RequestLoaders } from "../loaders/request-loaders";

/**
 * Contact people of many organisations in one statement, or null for an organisation whose contacts
 * this request may not see: the access decision is made in the same statement as the read.
 */
export function contactsByOrganization(loaders: RequestLoaders) {
  return async (keys: readonly (string | number)[]): Promise<(OrganizationContact[] | null)[]> => {
    const params = new SqlParams();
    const ids = params.add(keys);
    const allowed = loaders.access.organization("o", params);
    const rows: { id: number; contacts: Record<string, unknown>[] | null }[] = await loaders.sql.query(
      `SELECT o.id, CASE WHEN ${allowed} THEN coalesce(
         (SELECT json_agg(json_build_object('id', c.id, 'organizationId', c.organization_id, 'position', c.position,
            'fullName', c.full_name, 'jobTitle', c.job_title, 'email', c.email, 'phone', c.phone) ORDER BY c.position)
          FROM organization_contact c WHERE c.organization_id = o.id), '[]'::json) END AS contacts
       FROM organization o WHERE o.id = ANY(${ids}::int[])`,
      params.values,
    );
    const byId = new Map(rows.map((row) => [String(row.id), row.contacts]));
    return keys.map((key) => {
      const contacts = byId.get(String(key));
      return contacts ? contacts.map((c) => Object.assign(new OrganizationContact(), c)) : null;
    });
  };
}
