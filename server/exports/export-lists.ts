import DataLoader from "dataloader";
import { isCurrentMembership } from "../queries/memberships";
import { Association } from "../../entities/association.entity";
import { Commune } from "../../entities/commune.entity";
import { Department } from "../../entities/department.entity";
import { Funding } from "../../entities/funding.entity";
import { Membership } from "../../entities/membership.entity";
import { Organization } from "../../entities/organization.entity";
import { ParticipationEvent } from "../../entities/participation-event.entity";
import { Partner } from "../../entities/partner.entity";
import { PartnerCoverage } from "../../entities/partner-coverage.entity";
import { CooperationProject } from "../../entities/project.entity";
import { ProjectParticipant } from "../../entities/project-participant.entity";
import { Qpv } from "../../entities/qpv.entity";
import { Stake } from "../../entities/stake.entity";
import { Theme } from "../../entities/theme.entity";
import { toGlobalId } from "../../schema/global-id";
import { QpvPresence, QpvPresenceKind } from "../../schema/types/qpv-presence.type";
import { RequestLoaders } from "../loaders/request-loaders";
import { eventConditions, projectConditions } from "../queries/filters/activity-conditions";
import { CompiledFilter, NO_FILTER } from "../queries/filters/compiled-filter";
import { associationConditions, partnerConditions } from "../queries/filters/organization-conditions";
import { qpvConditions } from "../queries/filters/territory-list-conditions";
import { LINKS } from "../queries/links";
import { ListSource, ParentLink } from "../queries/list-source";
import { qpvGeometriesByCode } from "../queries/qpv-geometry";
import { qpvPresencesByOrganization } from "../queries/qpv-presence";
import { SOURCES } from "../queries/sources";
import { Column, isoDate, isoInstant, sumEuros } from "./cells";
import { Region } from "../../entities/region.entity";
import { Epci } from "../../entities/epci.entity";
import { SPREADSHEET_COLUMNS } from "./spreadsheet-columns";
import { AssociationRecord, EventRecord, Geometry, OrganizationRecord, PartnerRecord, ProjectRecord, QpvRecord } from "./export-records";

/** Export formats. */
export type ExportFormat = "csv" | "geojson";

/**
 * The two forms of a CSV export: `data` (the default) for programs, with the graph's codes, ids and
 * values; `spreadsheet` for people, in French (headers, labels, names, dates, decimal comma).
 */
export type CsvForm = "data" | "spreadsheet";

/** Where a GeoJSON export's data comes from, when it must be credited (Licence Ouverte 2.0 asks for attribution). */
export interface Attribution {
  attribution: string;
  source: { producer: string; dataset: string; url: string; licence: string; licenceUrl: string };
}

/**
 * One exportable list: the graph list it mirrors (same source, filter input, order input, default
 * order and filter compiler, so an export has exactly the rows of the list query), how to load what
 * its rows need from other tables (once per batch), its columns, and its geometry for GeoJSON.
 */
export interface ExportList<T, R> {
  /** Name in the URL (`/exports/<name>.<format>`) and the GraphQL list it mirrors. */
  name: string;
  source: ListSource;
  /** GraphQL input types of the list's `filter` and `orderBy` arguments. */
  filterType: string;
  orderType: string;
  defaultOrder: string;
  compile: (loaders: RequestLoaders, filter: any) => Promise<CompiledFilter>;
  /** Loads the relations of one batch of rows: one statement per relation, whatever the batch size. */
  enrich: (loaders: RequestLoaders, rows: T[], format: ExportFormat, form: CsvForm) => Promise<R[]>;
  columns: Column<R>[];
  /** The spreadsheet form of the CSV: the file's (French) name and its columns for people. */
  spreadsheet: { fileName: string; columns: Column<R>[] };
  /** GeoJSON id of a feature (the node's global id). */
  id: (record: R) => string;
  /** The feature's geometry; null leaves the row out of GeoJSON. Absent: no GeoJSON for this list. */
  geometry?: (record: R) => Geometry | null;
  attribution?: Attribution;
  /**
   * Reference data only (changes with a reference data load, never with a write): answers carry a
   * validator and the reference max-age of the cache policy. Absent: `no-store`.
   */
  reference?: true;
}

/** The QPV reference data's source and licence. */
export const QPV_ATTRIBUTION: Attribution = {
  attribution:
    "Contours et codes des QPV 2024 (décret 2023-1314) : Agence nationale de la cohésion des territoires (ANCT), " +
    "jeu de données « Quartiers prioritaires de la politique de la ville (QPV) », data.gouv.fr, Licence Ouverte 2.0 (Etalab).",
  source: {
    producer: "Agence nationale de la cohésion des territoires (ANCT)",
    dataset: "Quartiers prioritaires de la politique de la ville (QPV), géographie 2024",
    url: "https://www.data.gouv.fr/",
    licence: "Licence Ouverte 2.0 (Etalab)",
    licenceUrl: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
  },
};

type Key = string | number;

/** Loads many keys at once (one batched statement per loader), failing on the first error. */
async function loadAll<V>(loader: DataLoader<Key, V>, keys: readonly Key[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  for (const value of values) if (value instanceof Error) throw value;
  return values as V[];
}

/** Every row of a nested list for each parent, in one statement per batch. */
function listsOf<V>(loaders: RequestLoaders, source: ListSource, link: ParentLink, order: string, keys: readonly Key[]): Promise<V[][]> {
  return loadAll(loaders.listByParent<V>(source, link, { ...NO_FILTER, order, direction: "ASC" }), keys);
}

/** Entities by primary key (null keys give null), in one statement per batch. */
async function byKeys<V extends object>(loaders: RequestLoaders, entity: Function, keys: readonly (Key | null)[]): Promise<(V | null)[]> {
  const present = [...new Set(keys.filter((k): k is Key => k != null))];
  const found = await loadAll(loaders.byKey<V>(entity as any), present);
  const byKey = new Map(present.map((k, i) => [String(k), found[i]]));
  return keys.map((k) => (k == null ? null : (byKey.get(String(k)) ?? null)));
}

function point(latitude: number | null, longitude: number | null): Geometry | null {
  return latitude == null || longitude == null ? null : { type: "Point", coordinates: [longitude, latitude] };
}

const qpvCodes = (presences: QpvPresence[], presence: QpvPresenceKind) =>
  presences.filter((p) => p.presence === presence).map((p) => p.qpvCode);

// ---------------------------------------------------------------- organisations

/** What associations and partners share: head office, commune, QPV presence, themes. */
async function organizationRecords<O extends Organization>(loaders: RequestLoaders, rows: O[], form: CsvForm): Promise<OrganizationRecord<O>[]> {
  const ids = rows.map((r) => r.id);
  const [communes, presences, themes] = await Promise.all([
    byKeys<Commune>(loaders, Commune, rows.map((r) => r.communeInseeCode)),
    loadAll(loaders.raw("qpvPresencesByOrganization", qpvPresencesByOrganization(loaders)), ids),
    listsOf<Theme>(loaders, SOURCES.theme, LINKS.themesOfOrganization, "CODE", ids),
  ]);
  const qpvs = new Map<string, Qpv>();
  if (form === "spreadsheet") {
    const codes = presences.flat().map((p) => p.qpvCode);
    (await byKeys<Qpv>(loaders, Qpv, codes)).forEach((qpv) => qpv && qpvs.set(qpv.code, qpv));
  }
  return rows.map((row, i) => ({ row, commune: communes[i], presences: presences[i], themes: themes[i], qpvs }));
}

const headOfficeColumns = <R extends OrganizationRecord<Organization>>(): Column<R>[] => [
  { header: "address", value: (r) => r.row.address },
  { header: "postalCode", value: (r) => r.row.postalCode },
  { header: "communeInseeCode", value: (r) => r.row.communeInseeCode },
  { header: "communeName", value: (r) => r.commune?.name ?? null },
  { header: "departmentCode", value: (r) => r.commune?.departmentCode ?? null },
  { header: "latitude", value: (r) => r.row.latitude },
  { header: "longitude", value: (r) => r.row.longitude },
  { header: "qpvCodesBased", value: (r) => qpvCodes(r.presences, QpvPresenceKind.BASED) },
  { header: "qpvCodesActive", value: (r) => qpvCodes(r.presences, QpvPresenceKind.ACTIVE) },
  { header: "themeCodes", value: (r) => r.themes.map((t) => t.code) },
  { header: "themeLabels", value: (r) => r.themes.map((t) => t.label) },
];

const contactColumns = <R extends OrganizationRecord<Organization>>(): Column<R>[] => [
  { header: "website", value: (r) => r.row.website },
  { header: "email", value: (r) => r.row.email },
  { header: "phone", value: (r) => r.row.phone },
];

const associations: ExportList<Association, AssociationRecord> = {
  name: "associations",
  source: SOURCES.association,
  filterType: "AssociationFilter",
  orderType: "OrganizationOrder",
  defaultOrder: "NAME",
  compile: associationConditions,
  async enrich(loaders, rows, _format, form) {
    const [base, memberships] = await Promise.all([
      organizationRecords(loaders, rows, form),
      listsOf<Membership>(loaders, SOURCES.membership, LINKS.networksOfMember, "JOINED_ON", rows.map((r) => r.id)),
    ]);
    const current = memberships.map((list) => list.filter(isCurrentMembership));
    // Network heads of the whole batch in one statement (after the memberships, so a second round).
    const heads = await byKeys<Organization>(loaders, Organization, current.flat().map((m) => m.networkId));
    let next = 0;
    return base.map((record, i) => ({ ...record, networks: current[i].map(() => heads[next++]) }));
  },
  columns: [
    { header: "id", value: (r) => r.row.nodeId },
    { header: "name", value: (r) => r.row.name },
    { header: "shortName", value: (r) => r.row.shortName },
    { header: "rna", value: (r) => r.row.rna },
    { header: "siren", value: (r) => r.row.siren },
    { header: "siret", value: (r) => r.row.siret },
    { header: "grouping", value: (r) => r.row.grouping },
    { header: "employerSize", value: (r) => r.row.employerSize },
    { header: "staffEtp", value: (r) => r.row.staffEtp },
    { header: "volunteers", value: (r) => r.row.volunteers },
    { header: "members", value: (r) => r.row.members },
    { header: "federated", value: (r) => r.networks.length > 0 },
    { header: "networkIds", value: (r) => r.networks.flatMap((n) => (n ? [n.nodeId] : [])) },
    { header: "networkNames", value: (r) => r.networks.flatMap((n) => (n ? [n.name] : [])) },
    { header: "createdOn", value: (r) => isoDate(r.row.createdOn) },
    { header: "dissolvedOn", value: (r) => isoDate(r.row.dissolvedOn) },
    ...headOfficeColumns<AssociationRecord>(),
    ...contactColumns<AssociationRecord>(),
    { header: "purpose", value: (r) => r.row.purpose },
  ],
  spreadsheet: { fileName: "associations", columns: SPREADSHEET_COLUMNS.associations },
  id: (r) => r.row.nodeId,
  geometry: (r) => point(r.row.latitude, r.row.longitude),
};

/** A coverage row as `level:code` (région, département, EPCI or commune). */
function coverageText(c: PartnerCoverage): string {
  if (c.regionCode) return `region:${c.regionCode}`;
  if (c.departmentCode) return `department:${c.departmentCode}`;
  if (c.epciSiren) return `epci:${c.epciSiren}`;
  return `commune:${c.communeInseeCode}`;
}

/** The territories of coverage rows named in French ("Département Nord (59)"), one statement per level for the batch. */
async function coverageNames(loaders: RequestLoaders, coverage: PartnerCoverage[]): Promise<Map<PartnerCoverage, string>> {
  const [regions, departments, epcis, communes] = await Promise.all([
    byKeys<Region>(loaders, Region, coverage.map((c) => c.regionCode)),
    byKeys<Department>(loaders, Department, coverage.map((c) => (c.regionCode ? null : c.departmentCode))),
    byKeys<Epci>(loaders, Epci, coverage.map((c) => (c.regionCode || c.departmentCode ? null : c.epciSiren))),
    byKeys<Commune>(loaders, Commune, coverage.map((c) => (c.regionCode || c.departmentCode || c.epciSiren ? null : c.communeInseeCode))),
  ]);
  return new Map(coverage.map((c, i) => {
    if (c.regionCode) return [c, `Région ${regions[i]?.name ?? c.regionCode}`];
    if (c.departmentCode) return [c, `Département ${departments[i] ? `${departments[i]!.name} (${c.departmentCode})` : c.departmentCode}`];
    if (c.epciSiren) return [c, epcis[i]?.name ?? `EPCI ${c.epciSiren}`];
    return [c, `Commune ${communes[i] ? `${communes[i]!.name} (${c.communeInseeCode})` : c.communeInseeCode}`];
  }));
}

const partners: ExportList<Partner, PartnerRecord> = {
  name: "partners",
  source: SOURCES.partner,
  filterType: "PartnerFilter",
  orderType: "OrganizationOrder",
  defaultOrder: "NAME",
  compile: partnerConditions,
  async enrich(loaders, rows, _format, form) {
    const [base, coverage] = await Promise.all([
      organizationRecords(loaders, rows, form),
      listsOf<PartnerCoverage>(loaders, SOURCES.partnerCoverage, LINKS.coverageOfPartner, "ID", rows.map((r) => r.id)),
    ]);
    const names = form === "spreadsheet" ? await coverageNames(loaders, coverage.flat()) : null;
    return base.map((record, i) => ({ ...record, coverage: coverage[i], coverageNames: names ? coverage[i].map((c) => names.get(c)!) : [] }));
  },
  columns: [
    { header: "id", value: (r) => r.row.nodeId },
    { header: "name", value: (r) => r.row.name },
    { header: "shortName", value: (r) => r.row.shortName },
    { header: "partnerType", value: (r) => r.row.partnerType },
    { header: "siren", value: (r) => r.row.siren },
    { header: "siret", value: (r) => r.row.siret },
    { header: "coverage", value: (r) => r.coverage.map(coverageText) },
    ...headOfficeColumns<PartnerRecord>(),
    ...contactColumns<PartnerRecord>(),
  ],
  spreadsheet: { fileName: "partenaires", columns: SPREADSHEET_COLUMNS.partners },
  id: (r) => r.row.nodeId,
  geometry: (r) => point(r.row.latitude, r.row.longitude),
};

// ---------------------------------------------------------------- projects

const ofRole = (r: ProjectRecord, role: string) => r.participants.filter((p) => p.participant.role === role && p.organization);

const projects: ExportList<CooperationProject, ProjectRecord> = {
  name: "projects",
  source: SOURCES.project,
  filterType: "ProjectFilter",
  orderType: "ProjectOrder",
  defaultOrder: "TITLE",
  compile: projectConditions,
  async enrich(loaders, rows) {
    const ids = rows.map((r) => r.id);
    const [qpvs, themes, stakes, participants, fundings] = await Promise.all([
      listsOf<Qpv>(loaders, SOURCES.qpv, LINKS.qpvsOfProject, "CODE", ids),
      listsOf<Theme>(loaders, SOURCES.theme, LINKS.themesOfProject, "CODE", ids),
      listsOf<Stake>(loaders, SOURCES.stake, LINKS.stakesOfProject, "NUMBER", ids),
      listsOf<ProjectParticipant>(loaders, SOURCES.participant, LINKS.participantsOfProject, "ROLE", ids),
      listsOf<Funding>(loaders, SOURCES.funding, LINKS.fundingsOfProject, "YEAR", ids),
    ]);
    const organizations = await byKeys<Organization>(loaders, Organization, participants.flat().map((p) => p.organizationId));
    let next = 0;
    return rows.map((row, i) => ({
      row,
      qpvs: qpvs[i],
      themes: themes[i],
      stakes: stakes[i],
      participants: participants[i].map((participant) => ({ participant, organization: organizations[next++] })),
      fundings: fundings[i],
    }));
  },
  columns: [
    { header: "id", value: (r) => r.row.nodeId },
    { header: "title", value: (r) => r.row.title },
    { header: "status", value: (r) => r.row.status },
    { header: "startDate", value: (r) => isoDate(r.row.startDate) },
    { header: "endDate", value: (r) => isoDate(r.row.endDate) },
    { header: "residentsReached", value: (r) => r.row.residentsReached },
    { header: "qpvCodes", value: (r) => r.qpvs.map((q) => q.code) },
    { header: "qpvNames", value: (r) => r.qpvs.map((q) => q.name) },
    { header: "themeCodes", value: (r) => r.themes.map((t) => t.code) },
    { header: "themeLabels", value: (r) => r.themes.map((t) => t.label) },
    { header: "stakeNumbers", value: (r) => r.stakes.map((s) => s.number) },
    { header: "leadIds", value: (r) => ofRole(r, "LEAD").map((p) => p.organization!.nodeId) },
    { header: "leadNames", value: (r) => ofRole(r, "LEAD").map((p) => p.organization!.name) },
    { header: "partnerIds", value: (r) => ofRole(r, "PARTNER").map((p) => p.organization!.nodeId) },
    { header: "partnerNames", value: (r) => ofRole(r, "PARTNER").map((p) => p.organization!.name) },
    { header: "funderIds", value: (r) => ofRole(r, "FUNDER").map((p) => p.organization!.nodeId) },
    { header: "supportIds", value: (r) => ofRole(r, "SUPPORT").map((p) => p.organization!.nodeId) },
    { header: "fundingCount", value: (r) => r.fundings.length },
    { header: "fundingTotalEur", value: (r) => sumEuros(r.fundings.map((f) => f.amountEur)) },
    { header: "summary", value: (r) => r.row.summary },
  ],
  spreadsheet: { fileName: "projets", columns: SPREADSHEET_COLUMNS.projects },
  id: (r) => r.row.nodeId,
};

// ---------------------------------------------------------------- events

const events: ExportList<ParticipationEvent, EventRecord> = {
  name: "events",
  source: SOURCES.event,
  filterType: "EventFilter",
  orderType: "EventOrder",
  defaultOrder: "STARTS_AT",
  compile: eventConditions,
  async enrich(loaders, rows) {
    const [communes, qpvs, projectRows, organizers] = await Promise.all([
      byKeys<Commune>(loaders, Commune, rows.map((r) => r.communeInseeCode)),
      byKeys<Qpv>(loaders, Qpv, rows.map((r) => r.qpvCode)),
      byKeys<CooperationProject>(loaders, CooperationProject, rows.map((r) => r.projectId)),
      listsOf<Organization>(loaders, SOURCES.organization, LINKS.organizersOfEvent, "NAME", rows.map((r) => r.id)),
    ]);
    return rows.map((row, i) => ({ row, commune: communes[i], qpv: qpvs[i], project: projectRows[i], organizers: organizers[i] }));
  },
  columns: [
    { header: "id", value: (r) => r.row.nodeId },
    { header: "title", value: (r) => r.row.title },
    { header: "kind", value: (r) => r.row.kind },
    { header: "startsAt", value: (r) => isoInstant(r.row.startsAt) },
    { header: "endsAt", value: (r) => isoInstant(r.row.endsAt) },
    { header: "venueName", value: (r) => r.row.venueName },
    { header: "venueAddress", value: (r) => r.row.venueAddress },
    { header: "communeInseeCode", value: (r) => r.row.communeInseeCode },
    { header: "communeName", value: (r) => r.commune?.name ?? null },
    { header: "departmentCode", value: (r) => r.commune?.departmentCode ?? null },
    { header: "latitude", value: (r) => r.row.latitude },
    { header: "longitude", value: (r) => r.row.longitude },
    { header: "qpvCode", value: (r) => r.row.qpvCode },
    { header: "qpvName", value: (r) => r.qpv?.name ?? null },
    { header: "projectId", value: (r) => (r.row.projectId == null ? null : toGlobalId("CooperationProject", r.row.projectId)) },
    { header: "projectTitle", value: (r) => r.project?.title ?? null },
    { header: "organizerIds", value: (r) => r.organizers.map((o) => o.nodeId) },
    { header: "organizerNames", value: (r) => r.organizers.map((o) => o.name) },
    { header: "attendanceResidents", value: (r) => r.row.residentsCount },
    { header: "attendanceAssociations", value: (r) => r.row.associationsCount },
    { header: "attendanceTotal", value: (r) => r.row.totalCount },
    { header: "accessibility", value: (r) => r.row.accessibility },
    { header: "description", value: (r) => r.row.description },
  ],
  spreadsheet: { fileName: "evenements", columns: SPREADSHEET_COLUMNS.events },
  id: (r) => r.row.nodeId,
  geometry: (r) => point(r.row.latitude, r.row.longitude),
};

// ---------------------------------------------------------------- QPVs

const qpvs: ExportList<Qpv, QpvRecord> = {
  name: "qpvs",
  source: SOURCES.qpv,
  reference: true,
  filterType: "QpvFilter",
  orderType: "TerritoryOrder",
  defaultOrder: "NAME",
  compile: qpvConditions,
  async enrich(loaders, rows, format) {
    const codes = rows.map((r) => r.code);
    const [departments, communes, geometries] = await Promise.all([
      byKeys<Department>(loaders, Department, rows.map((r) => r.departmentCode)),
      listsOf<Commune>(loaders, SOURCES.commune, LINKS.communesOfQpv, "CODE", codes),
      // The contours are large: read only for GeoJSON, one statement per batch.
      format === "geojson" ? loadAll(loaders.raw("qpvGeometriesByCode", qpvGeometriesByCode(loaders)), codes) : codes.map(() => null),
    ]);
    return rows.map((row, i) => ({ row, department: departments[i], communes: communes[i], geometry: geometries[i] as Geometry | null }));
  },
  columns: [
    { header: "code", value: (r) => r.row.code },
    { header: "id", value: (r) => r.row.nodeId },
    { header: "name", value: (r) => r.row.name },
    { header: "departmentCode", value: (r) => r.row.departmentCode },
    { header: "departmentName", value: (r) => r.department?.name ?? null },
    { header: "communeInseeCodes", value: (r) => r.communes.map((c) => c.inseeCode) },
    { header: "communeNames", value: (r) => r.communes.map((c) => c.name) },
    { header: "centerLatitude", value: (r) => r.row.latitude },
    { header: "centerLongitude", value: (r) => r.row.longitude },
    { header: "minLongitude", value: (r) => r.row.minLongitude },
    { header: "minLatitude", value: (r) => r.row.minLatitude },
    { header: "maxLongitude", value: (r) => r.row.maxLongitude },
    { header: "maxLatitude", value: (r) => r.row.maxLatitude },
  ],
  spreadsheet: { fileName: "qpv", columns: SPREADSHEET_COLUMNS.qpvs },
  id: (r) => r.row.nodeId,
  geometry: (r) => r.geometry,
  attribution: QPV_ATTRIBUTION,
};

/** Every exportable list, by its name in the URL. */
export const EXPORT_LISTS: Record<string, ExportList<any, any>> = { associations, partners, projects, events, qpvs };
