import { frenchLabel } from "../../schema/french-labels";
import { QpvPresenceKind } from "../../schema/types/qpv-presence.type";
import { Column, frenchDate, frenchInstant, sumEuros } from "./cells";
import type { AssociationRecord, EventRecord, OrganizationRecord, PartnerRecord, ProjectRecord, QpvRecord } from "./export-records";
import type { Organization } from "../../entities/organization.entity";

/*
 * The spreadsheet form of the CSV exports (`?form=spreadsheet`): the same rows as the data form, for
 * people who open them in Excel or LibreOffice. French headers; enum values in French words; names
 * instead of global ids (which mean nothing to a person); QPVs as "name (code)"; dates JJ/MM/AAAA and
 * instants JJ/MM/AAAA HH:MM in Paris time. Booleans (Oui/Non), decimal commas and list separators are
 * the CSV style's (SPREADSHEET_STYLE in cells.ts), and every cell still goes through csvText.
 */

const qpvText = (name: string | null | undefined, code: string) => (name ? `${name} (${code})` : code);

/** The QPVs of an organisation where its presence is of this kind, named. */
const presenceQpvs = (r: OrganizationRecord<Organization>, presence: QpvPresenceKind) =>
  r.presences.filter((p) => p.presence === presence).map((p) => qpvText(r.qpvs.get(p.qpvCode)?.name, p.qpvCode));

function headOffice<R extends OrganizationRecord<Organization>>(pronoun: "elle" | "il"): Column<R>[] {
  return [
    { header: "Adresse", value: (r) => r.row.address },
    { header: "Code postal", value: (r) => r.row.postalCode },
    { header: "Commune", value: (r) => r.commune?.name ?? null },
    { header: "Code commune (INSEE)", value: (r) => r.row.communeInseeCode },
    { header: "Département", value: (r) => r.commune?.departmentCode ?? null },
    { header: "QPV du siège", value: (r) => presenceQpvs(r, QpvPresenceKind.BASED) },
    { header: `QPV où ${pronoun} agit`, value: (r) => presenceQpvs(r, QpvPresenceKind.ACTIVE) },
    { header: "Thèmes", value: (r) => r.themes.map((t) => t.label) },
    { header: "Site web", value: (r) => r.row.website },
    { header: "Courriel", value: (r) => r.row.email },
    { header: "Téléphone", value: (r) => r.row.phone },
    { header: "Latitude", value: (r) => r.row.latitude },
    { header: "Longitude", value: (r) => r.row.longitude },
  ];
}

const associations: Column<AssociationRecord>[] = [
  { header: "Nom", value: (r) => r.row.name },
  { header: "Sigle", value: (r) => r.row.shortName },
  { header: "RNA", value: (r) => r.row.rna },
  { header: "SIREN", value: (r) => r.row.siren },
  { header: "SIRET", value: (r) => r.row.siret },
  { header: "Type", value: (r) => frenchLabel("AssociationGrouping", r.row.grouping) },
  { header: "Taille employeur", value: (r) => frenchLabel("EmployerSize", r.row.employerSize) },
  { header: "Salariés (ETP)", value: (r) => r.row.staffEtp },
  { header: "Bénévoles", value: (r) => r.row.volunteers },
  { header: "Adhérents", value: (r) => r.row.members },
  { header: "Fédérée", value: (r) => r.networks.length > 0 },
  { header: "Réseaux", value: (r) => r.networks.flatMap((n) => (n ? [n.name] : [])) },
  { header: "Date de création", value: (r) => frenchDate(r.row.createdOn) },
  { header: "Date de dissolution", value: (r) => frenchDate(r.row.dissolvedOn) },
  ...headOffice<AssociationRecord>("elle"),
  { header: "Objet", value: (r) => r.row.purpose },
];

const partners: Column<PartnerRecord>[] = [
  { header: "Nom", value: (r) => r.row.name },
  { header: "Sigle", value: (r) => r.row.shortName },
  { header: "Type de partenaire", value: (r) => frenchLabel("PartnerType", r.row.partnerType) },
  { header: "SIREN", value: (r) => r.row.siren },
  { header: "SIRET", value: (r) => r.row.siret },
  { header: "Territoires couverts", value: (r) => r.coverageNames },
  ...headOffice<PartnerRecord>("il"),
];

/** Names of a project's participants in a role. */
const namesOf = (r: ProjectRecord, role: string) =>
  r.participants.filter((p) => p.participant.role === role && p.organization).map((p) => p.organization!.name);

const projects: Column<ProjectRecord>[] = [
  { header: "Titre", value: (r) => r.row.title },
  { header: "Statut", value: (r) => frenchLabel("ProjectStatus", r.row.status) },
  { header: "Date de début", value: (r) => frenchDate(r.row.startDate) },
  { header: "Date de fin", value: (r) => frenchDate(r.row.endDate) },
  { header: "Habitants touchés", value: (r) => r.row.residentsReached },
  { header: "QPV", value: (r) => r.qpvs.map((q) => qpvText(q.name, q.code)) },
  { header: "Thèmes", value: (r) => r.themes.map((t) => t.label) },
  { header: "Enjeux", value: (r) => r.stakes.map((s) => `${s.number}. ${frenchLabel("Stake", s.number)}`) },
  { header: "Porteurs", value: (r) => namesOf(r, "LEAD") },
  { header: "Partenaires", value: (r) => namesOf(r, "PARTNER") },
  { header: "Financeurs", value: (r) => namesOf(r, "FUNDER") },
  { header: "Appuis", value: (r) => namesOf(r, "SUPPORT") },
  { header: "Nombre de financements", value: (r) => r.fundings.length },
  { header: "Montant des financements (€)", value: (r) => sumEuros(r.fundings.map((f) => f.amountEur)) },
  { header: "Résumé", value: (r) => r.row.summary },
];

const events: Column<EventRecord>[] = [
  { header: "Titre", value: (r) => r.row.title },
  { header: "Type", value: (r) => frenchLabel("EventKind", r.row.kind) },
  { header: "Début", value: (r) => frenchInstant(r.row.startsAt) },
  { header: "Fin", value: (r) => frenchInstant(r.row.endsAt) },
  { header: "Lieu", value: (r) => r.row.venueName },
  { header: "Adresse du lieu", value: (r) => r.row.venueAddress },
  { header: "Commune", value: (r) => r.commune?.name ?? null },
  { header: "Code commune (INSEE)", value: (r) => r.row.communeInseeCode },
  { header: "Département", value: (r) => r.commune?.departmentCode ?? null },
  { header: "QPV", value: (r) => (r.row.qpvCode ? qpvText(r.qpv?.name, r.row.qpvCode) : null) },
  { header: "Projet", value: (r) => r.project?.title ?? null },
  { header: "Organisateurs", value: (r) => r.organizers.map((o) => o.name) },
  { header: "Habitants présents", value: (r) => r.row.residentsCount },
  { header: "Associations présentes", value: (r) => r.row.associationsCount },
  { header: "Participants au total", value: (r) => r.row.totalCount },
  { header: "Accessibilité", value: (r) => r.row.accessibility.map((a) => frenchLabel("AccessibilityFeature", a)!) },
  { header: "Latitude", value: (r) => r.row.latitude },
  { header: "Longitude", value: (r) => r.row.longitude },
  { header: "Description", value: (r) => r.row.description },
];

const qpvs: Column<QpvRecord>[] = [
  { header: "Code", value: (r) => r.row.code },
  { header: "Nom", value: (r) => r.row.name },
  { header: "Code département", value: (r) => r.row.departmentCode },
  { header: "Département", value: (r) => r.department?.name ?? null },
  { header: "Communes", value: (r) => r.communes.map((c) => c.name) },
  { header: "Codes communes (INSEE)", value: (r) => r.communes.map((c) => c.inseeCode) },
  { header: "Latitude du centre", value: (r) => r.row.latitude },
  { header: "Longitude du centre", value: (r) => r.row.longitude },
];

/** The spreadsheet columns of each export list (by the list's name in the URL). */
export const SPREADSHEET_COLUMNS = { associations, partners, projects, events, qpvs };
