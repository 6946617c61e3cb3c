import { CooperationLinkFilter } from "../../../schema/inputs/cooperation-filters";
import { compiled, CompiledFilter } from "../filters/compiled-filter";

/** SQL for a cooperation-link filter, over the `cooperation_link` view under alias `cl`. */
export function cooperationLinkConditions(filter: CooperationLinkFilter | null | undefined): CompiledFilter {
  const criteria = {
    kinds: filter?.kinds ?? null,
    partnerKinds: filter?.partnerKinds ?? null,
    partnerTypes: filter?.partnerTypes ?? null,
    activeSince: filter?.activeSince ?? null,
  };
  return compiled(criteria, (params, c) => {
    const conditions: string[] = [];
    if (c.kinds) conditions.push(`cl.kinds && ${params.add(c.kinds)}::text[]`);
    if (c.partnerKinds) conditions.push(`cl.partner_id IN (SELECT id FROM organization WHERE kind = ANY(${params.add(c.partnerKinds)}::text[]))`);
    if (c.partnerTypes) {
      conditions.push(`cl.partner_id IN (SELECT id FROM organization WHERE partner_type = ANY(${params.add(c.partnerTypes)}::text[]))`);
    }
    if (c.activeSince) conditions.push(`cl.last_activity_on >= ${params.add(c.activeSince)}::date`);
    return conditions;
  });
}
