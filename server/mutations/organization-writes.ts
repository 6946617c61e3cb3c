import { CreateAssociationInput, CreatePartnerInput, OrganizationFields, UpdateAssociationInput, UpdatePartnerInput } from "../../schema/mutations/organization-inputs";
import { QpvPresenceKind } from "../../schema/types/qpv-presence.type";
import { relinkRegisterQpvs } from "../rna/batch-writer";
import { InputChecks } from "../validation/input-checks";
import { ColumnSpec, columnValues, locationValues, requireFields, text } from "./column-values";
import { MutationTx } from "./mutation-tx";
import { RECORD_KINDS } from "./record-kinds";
import { lockForUpdate, refuseCleared, requireCreatable, saveChanges, saveNew } from "./record-writes";
import { checkCodes, checkQpvCodes, resolveCommune } from "./references";
import { RecordRef } from "../../schema/mutations/payload";

/** Columns associations and partners share, with their rules. */
const ORGANIZATION_COLUMNS: Record<string, ColumnSpec> = {
  name: { column: "name", check: text(300, 1) },
  shortName: { column: "short_name", check: text(100) },
  siret: { column: "siret", check: (c, p, v: string) => c.siret(p, v) },
  siren: { column: "siren", check: (c, p, v: string) => c.siren(p, v) },
  address: { column: "address", check: text(500) },
  postalCode: { column: "postal_code", check: (c, p, v: string) => c.postalCode(p, v) },
  website: { column: "website", check: (c, p, v: string) => c.url(p, v) },
  email: { column: "email", check: (c, p, v: string) => c.email(p, v) },
  phone: { column: "phone", check: (c, p, v: string) => c.phone(p, v) },
};

const ASSOCIATION_COLUMNS: Record<string, ColumnSpec> = {
  ...ORGANIZATION_COLUMNS,
  rna: { column: "rna", check: (c, p, v: string) => c.rna(p, v) },
  purpose: { column: "purpose", check: text(5000) },
  grouping: { column: "grouping" },
  createdOn: { column: "created_on" },
  dissolvedOn: { column: "dissolved_on" },
  staffEtp: { column: "staff_etp", check: (c, p, v: number) => (c.range(p, v, 0, 100000), c.decimals(p, v, 2)) },
  volunteers: { column: "volunteers", check: (c, p, v: number) => c.range(p, v, 0, 10_000_000) },
  members: { column: "members", check: (c, p, v: number) => c.range(p, v, 0, 10_000_000) },
};

const PARTNER_COLUMNS: Record<string, ColumnSpec> = { ...ORGANIZATION_COLUMNS, partnerType: { column: "partner_type" } };

type OrganizationInput = OrganizationFields;

/** Column values of an organisation input, checked, with the fields that need the database resolved. */
async function organizationValues(tx: MutationTx, checks: InputChecks, input: OrganizationInput, specs: Record<string, ColumnSpec>, current: Record<string, unknown>) {
  const values = columnValues(checks, input, specs);
  // The SIREN follows the SIRET; a SIREN given with it must match.
  const siret = values.siret !== undefined ? values.siret : current.siret;
  if (typeof siret === "string") {
    if (values.siren !== undefined && values.siren !== null && values.siren !== siret.slice(0, 9)) checks.fail(["siren"], "must be the first 9 digits of the SIRET.");
    values.siren = siret.slice(0, 9);
  }
  Object.assign(values, locationValues(checks, input.location));
  if (input.communeInseeCode !== undefined) {
    values.commune_insee_code = await resolveCommune(tx, checks, ["communeInseeCode"], input.communeInseeCode);
  }
  checks.distinct(["themeCodes"], input.themeCodes, 50);
  await checkCodes(tx, checks, ["themeCodes"], "theme", "code", input.themeCodes ?? [], "theme");
  checks.distinct(["qpvs"], input.qpvs, 100, (q) => q.qpvCode);
  input.qpvs?.forEach((q, i) => {
    if (q.presence === QpvPresenceKind.POSSIBLY_BASED) checks.fail(["qpvs", i, "presence"], "must be BASED or ACTIVE (POSSIBLY_BASED comes from the RNA import only).");
  });
  await checkQpvCodes(tx, checks, ["qpvs"], (input.qpvs ?? []).map((q) => q.qpvCode), ["qpvCode"]);
  if (input.contacts) {
    if (input.contacts.length > 20) checks.fail(["contacts"], `must have at most 20 items (got ${input.contacts.length}).`);
    input.contacts.forEach((contact, i) => {
      checks.required(["contacts", i, "fullName"], contact.fullName?.trim() || null);
      checks.text(["contacts", i, "fullName"], contact.fullName, 200);
      checks.text(["contacts", i, "jobTitle"], contact.jobTitle, 200);
      checks.email(["contacts", i, "email"], contact.email?.trim() || null);
      checks.phone(["contacts", i, "phone"], contact.phone?.trim() || null);
    });
  }
  return values;
}

/**
 * Themes and QPVs stated through the graph replace those stated before through the graph, and win
 * over what the RNA import derived for the same code; the import's other rows stay (source RNA).
 */
async function replaceStated(tx: MutationTx, table: string, column: string, id: number, rows: Record<string, unknown>[] | null | undefined): Promise<void> {
  if (rows === undefined) return;
  const stated = rows ?? [];
  await tx.query(`DELETE FROM ${table} WHERE organization_id = $1 AND (source = 'USER' OR ${column} = ANY($2::text[]))`, [id, stated.map((r) => r[column])]);
  await tx.insertRows(table, "organization_id", id, stated);
}

/** Writes the related rows an input gives (each list replaces the previous one). */
async function writeOrganizationLinks(tx: MutationTx, id: number, input: OrganizationInput): Promise<void> {
  await replaceStated(tx, "organization_theme", "theme_code", id, input.themeCodes?.map((code) => ({ theme_code: code })));
  await replaceStated(tx, "organization_qpv", "qpv_code", id, input.qpvs?.map((q) => ({ qpv_code: q.qpvCode, presence: q.presence })));
  await tx.replaceGiven("organization_contact", "organization_id", id, input.contacts, (c, position) => ({
    position, full_name: c.fullName.trim(), job_title: c.jobTitle?.trim() || null, email: c.email?.trim() || null, phone: c.phone?.trim() || null,
  }));
}

function checkAssociationDates(checks: InputChecks, merged: Record<string, unknown>): void {
  checks.order(["dissolvedOn"], merged.created_on as string | null, merged.dissolved_on as string | null, "the creation date");
}

async function checkCoverage(tx: MutationTx, checks: InputChecks, input: { coverage?: CreatePartnerInput["coverage"] }) {
  if (!input.coverage) return [];
  checks.distinct(["coverage"], input.coverage, 200, (c) => [c.regionCode, c.departmentCode, c.epciSiren, c.communeInseeCode]);
  const rows = input.coverage.map((c, i) => {
    const given = [c.regionCode, c.departmentCode, c.epciSiren, c.communeInseeCode].filter((v) => v != null);
    if (given.length !== 1) checks.fail(["coverage", i], "must name exactly one territory.");
    return { region_code: c.regionCode ?? null, department_code: c.departmentCode ?? null, epci_siren: c.epciSiren ?? null, commune_insee_code: c.communeInseeCode ?? null };
  });
  const codes = (column: keyof (typeof rows)[number]) => rows.map((r) => r[column]).filter((v): v is string => v !== null);
  await checkCodes(tx, checks, ["coverage"], "region", "code", codes("region_code"), "région");
  await checkCodes(tx, checks, ["coverage"], "department", "code", codes("department_code"), "département");
  await checkCodes(tx, checks, ["coverage"], "epci", "siren", codes("epci_siren"), "EPCI");
  await checkCodes(tx, checks, ["coverage"], "commune", "insee_code", codes("commune_insee_code"), "commune");
  return rows;
}

export async function createAssociation(tx: MutationTx, input: CreateAssociationInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.association;
  requireCreatable(tx, kind, "associations");
  const checks = new InputChecks();
  requireFields(checks, input, ["name"]);
  const values = await organizationValues(tx, checks, input, ASSOCIATION_COLUMNS, {});
  values.grouping ??= "SIMPLE";
  checkAssociationDates(checks, values);
  return saveNew(tx, kind, checks, { kind: "ASSOCIATION", ...values }, (id) => writeOrganizationLinks(tx, id, input));
}

export async function updateAssociation(tx: MutationTx, input: UpdateAssociationInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.association;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = await organizationValues(tx, checks, input, ASSOCIATION_COLUMNS, locked.row);
  refuseCleared(checks, values, { name: "name", grouping: "grouping" });
  checkAssociationDates(checks, { ...locked.row, ...values });
  return saveChanges(tx, kind, id, locked, checks, values, async () => {
    await writeOrganizationLinks(tx, id, input);
    if (input.location !== undefined || input.communeInseeCode !== undefined) await relinkRegisterQpvs((q, p) => tx.query(q, p), id);
  });
}

export async function createPartner(tx: MutationTx, input: CreatePartnerInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.partner;
  requireCreatable(tx, kind, "partners");
  const checks = new InputChecks();
  requireFields(checks, input, ["name", "partnerType"]);
  const values = await organizationValues(tx, checks, input, PARTNER_COLUMNS, {});
  const coverage = await checkCoverage(tx, checks, input);
  return saveNew(tx, kind, checks, { kind: "PARTNER", ...values }, async (id) => {
    await writeOrganizationLinks(tx, id, input);
    await tx.replaceRows("partner_coverage", "partner_id", id, coverage);
  });
}

export async function updatePartner(tx: MutationTx, input: UpdatePartnerInput): Promise<RecordRef> {
  const kind = RECORD_KINDS.partner;
  const { id, locked } = await lockForUpdate(tx, kind, input);
  const checks = new InputChecks();
  const values = await organizationValues(tx, checks, input, PARTNER_COLUMNS, locked.row);
  refuseCleared(checks, values, { name: "name", partnerType: "partner_type" });
  const coverage = await checkCoverage(tx, checks, input);
  return saveChanges(tx, kind, id, locked, checks, values, async () => {
    await writeOrganizationLinks(tx, id, input);
    if (input.coverage !== undefined) await tx.replaceRows("partner_coverage", "partner_id", id, coverage);
  });
}
