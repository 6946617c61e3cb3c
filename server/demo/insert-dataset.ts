import { EntityManager } from "typeorm";
import type { DemoDataset } from "./dataset";
import { insertRows } from "./insert-rows";

/**
 * Writes the demo dataset, one multi-row statement per table, in dependency order, turning the
 * dataset's positions into the generated ids. Returns the number of rows per table.
 */
export async function insertDemoDataset(manager: EntityManager, data: DemoDataset): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const insert = async (table: string, columns: Parameters<typeof insertRows>[2], rows: unknown[][], returning?: string) => {
    const ids = await insertRows(manager, table, columns, rows, returning);
    counts[table] = rows.length;
    return ids;
  };

  const orgIds = await insert(
    "organization",
    [
      { name: "kind", type: "text" }, { name: "name", type: "text" }, { name: "short_name", type: "text" },
      { name: "siren", type: "text" }, { name: "siret", type: "text" }, { name: "rna", type: "text" },
      { name: "purpose", type: "text" }, { name: "grouping", type: "text" }, { name: "created_on", type: "date" },
      { name: "staff_etp", type: "numeric" }, { name: "volunteers", type: "integer" }, { name: "members", type: "integer" },
      { name: "partner_type", type: "text" }, { name: "address", type: "text" }, { name: "postal_code", type: "text" },
      { name: "commune_insee_code", type: "text" }, { name: "latitude", type: "double precision" },
      { name: "longitude", type: "double precision" }, { name: "website", type: "text" }, { name: "email", type: "text" },
    ],
    data.organizations.map((o) => [
      o.kind, o.name, o.shortName, o.siren, o.siret, o.rna, o.purpose, o.grouping, o.createdOn, o.staffEtp, o.volunteers,
      o.members, o.partnerType, o.address, o.postalCode, o.communeInseeCode, o.latitude, o.longitude, o.website, o.email,
    ]),
    "name",
  );
  const org = (index: number) => {
    const id = orgIds[index];
    if (id === undefined) throw new Error(`unknown demo organisation #${index}`);
    return id;
  };

  await insert("organization_theme", [{ name: "organization_id", type: "integer" }, { name: "theme_code", type: "text" }],
    data.organizations.flatMap((o, i) => o.themes.map((t) => [org(i), t])));
  await insert("organization_qpv",
    [{ name: "organization_id", type: "integer" }, { name: "qpv_code", type: "text" }, { name: "presence", type: "text" }],
    data.organizations.flatMap((o, i) => o.qpvs.map((q) => [org(i), q.code, q.presence])));
  await insert("partner_coverage",
    [{ name: "partner_id", type: "integer" }, { name: "region_code", type: "text" }, { name: "department_code", type: "text" },
      { name: "epci_siren", type: "text" }, { name: "commune_insee_code", type: "text" }],
    data.coverages.map((c) => [org(c.orgIndex), c.regionCode, c.departmentCode, c.epciSiren, c.communeInseeCode]));
  await insert("membership",
    [{ name: "network_id", type: "integer" }, { name: "member_id", type: "integer" }, { name: "joined_on", type: "date" }, { name: "left_on", type: "date" }],
    data.memberships.map((m) => [org(m.networkIndex), org(m.memberIndex), m.joinedOn, m.leftOn]));

  const contratIds = await insert("contrat_de_ville",
    [{ name: "name", type: "text" }, { name: "department_code", type: "text" }, { name: "epci_siren", type: "text" },
      { name: "commune_insee_code", type: "text" }, { name: "start_year", type: "smallint" }, { name: "end_year", type: "smallint" },
      { name: "signed_on", type: "date" }],
    data.contratsDeVille.map((c) => [c.name, c.departmentCode, c.epciSiren, c.communeInseeCode, c.startYear, c.endYear, c.signedOn]),
    "name");
  await insert("contrat_de_ville_qpv", [{ name: "contrat_de_ville_id", type: "integer" }, { name: "qpv_code", type: "text" }],
    data.contratsDeVille.flatMap((c, i) => c.qpvCodes.map((q) => [contratIds[i], q])));
  await insert("contrat_de_ville_signatory", [{ name: "contrat_de_ville_id", type: "integer" }, { name: "organization_id", type: "integer" }],
    data.contratsDeVille.flatMap((c, i) => c.signatoryIndexes.map((s) => [contratIds[i], org(s)])));

  const projectIds = await insert("project",
    [{ name: "title", type: "text" }, { name: "summary", type: "text" }, { name: "status", type: "text" },
      { name: "start_date", type: "date" }, { name: "end_date", type: "date" }, { name: "residents_reached", type: "integer" }],
    data.projects.map((p) => [p.title, p.summary, p.status, p.startDate, p.endDate, p.residentsReached]),
    "title");
  await insert("project_theme", [{ name: "project_id", type: "integer" }, { name: "theme_code", type: "text" }],
    data.projects.flatMap((p, i) => p.themes.map((t) => [projectIds[i], t])));
  await insert("project_qpv", [{ name: "project_id", type: "integer" }, { name: "qpv_code", type: "text" }],
    data.projects.flatMap((p, i) => p.qpvCodes.map((q) => [projectIds[i], q])));
  await insert("project_stake", [{ name: "project_id", type: "integer" }, { name: "stake_number", type: "smallint" }],
    data.projects.flatMap((p, i) => p.stakes.map((s) => [projectIds[i], s])));
  await insert("project_participant",
    [{ name: "project_id", type: "integer" }, { name: "organization_id", type: "integer" }, { name: "role", type: "text" }],
    data.projects.flatMap((p, i) => p.participants.map((x) => [projectIds[i], org(x.orgIndex), x.role])));
  await insert("funding",
    [{ name: "project_id", type: "integer" }, { name: "funder_id", type: "integer" }, { name: "amount_eur", type: "numeric" },
      { name: "year", type: "smallint" }, { name: "scheme", type: "text" }, { name: "scheme_label", type: "text" }],
    data.projects.flatMap((p, i) => p.fundings.map((f) => [projectIds[i], org(f.funderIndex), f.amountEur, f.year, f.scheme, f.schemeLabel])));

  const eventIds = await insert("participation_event",
    [{ name: "title", type: "text" }, { name: "description", type: "text" }, { name: "kind", type: "text" },
      { name: "starts_at", type: "timestamptz" }, { name: "ends_at", type: "timestamptz" }, { name: "venue_name", type: "text" },
      { name: "venue_address", type: "text" }, { name: "commune_insee_code", type: "text" }, { name: "latitude", type: "double precision" },
      { name: "longitude", type: "double precision" }, { name: "qpv_code", type: "text" }, { name: "project_id", type: "integer" },
      { name: "residents_count", type: "integer" }, { name: "associations_count", type: "integer" }, { name: "total_count", type: "integer" },
      { name: "accessibility", type: "text", expression: "coalesce(string_to_array(nullif(u.accessibility, ''), '|'), '{}')" }],
    data.events.map((e) => [
      e.title, e.description, e.kind, e.startsAt, e.endsAt, e.venueName, e.venueAddress, e.communeInseeCode, e.latitude, e.longitude,
      e.qpvCode, e.projectIndex === null ? null : projectIds[e.projectIndex], e.residentsCount, e.associationsCount, e.totalCount,
      e.accessibility.join("|"),
    ]),
    "title");
  await insert("event_organizer", [{ name: "event_id", type: "integer" }, { name: "organization_id", type: "integer" }],
    data.events.flatMap((e, i) => e.organizerIndexes.map((o) => [eventIds[i], org(o)])));

  await insert("charter_signature",
    [{ name: "organization_id", type: "integer" }, { name: "signed_on", type: "date" }, { name: "commune_insee_code", type: "text" },
      { name: "qpv_code", type: "text" }, { name: "signatory_role", type: "text" }],
    data.charterSignatures.map((s) => [org(s.orgIndex), s.signedOn, s.communeInseeCode, s.qpvCode, s.signatoryRole]));

  const practiceIds = await insert("good_practice",
    [{ name: "title", type: "text" }, { name: "summary", type: "text" }, { name: "body", type: "text" }, { name: "published_on", type: "date" }],
    data.goodPractices.map((g) => [g.title, g.summary, g.body, g.publishedOn]),
    "title");
  await insert("good_practice_organization", [{ name: "good_practice_id", type: "integer" }, { name: "organization_id", type: "integer" }],
    data.goodPractices.flatMap((g, i) => g.orgIndexes.map((o) => [practiceIds[i], org(o)])));
  await insert("good_practice_project", [{ name: "good_practice_id", type: "integer" }, { name: "project_id", type: "integer" }],
    data.goodPractices.flatMap((g, i) => g.projectIndexes.map((p) => [practiceIds[i], projectIds[p]])));
  await insert("good_practice_qpv", [{ name: "good_practice_id", type: "integer" }, { name: "qpv_code", type: "text" }],
    data.goodPractices.flatMap((g, i) => g.qpvCodes.map((q) => [practiceIds[i], q])));
  await insert("good_practice_theme", [{ name: "good_practice_id", type: "integer" }, { name: "theme_code", type: "text" }],
    data.goodPractices.flatMap((g, i) => g.themes.map((t) => [practiceIds[i], t])));
  await insert("good_practice_stake", [{ name: "good_practice_id", type: "integer" }, { name: "stake_number", type: "smallint" }],
    data.goodPractices.flatMap((g, i) => g.stakes.map((s) => [practiceIds[i], s])));
  return counts;
}
