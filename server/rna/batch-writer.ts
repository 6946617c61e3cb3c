import { RegistryStatus, RnaFileFormat } from "../../schema/enums/rna-enums";
import { UnnestColumn, unnestRows } from "../database/unnest-rows";
import { qpvContaining } from "../queries/geography/qpv-at";
import { issue, RowIssue } from "./issues";
import { RnaRow } from "./row";

/** Runs one statement in the import's transaction and returns its rows (RETURNING rows for INSERT, UPDATE and DELETE alike). */
export type Sql = (query: string, params?: unknown[]) => Promise<any[]>;

/** What one batch did. */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  dissolved: number;
  issues: RowIssue[];
}

/**
 * What the register owns on `organization` (and nothing else is ever written there by an import): name,
 * short name, purpose, grouping, creation and dissolution dates, head-office address, postal code and
 * commune, and SIRET/SIREN when the register gives a valid one (never erased when it gives none).
 * Staff, volunteers, members, website, email, phone, location, archiving, memberships, projects... are
 * the users'. The register's status, provenance and raw codes live in `rna_record`; its themes and QPVs
 * in rows marked `source = 'RNA'` of `organization_theme` and `organization_qpv`.
 */
const OWNED: UnnestColumn[] = [
  { name: "name", type: "text" },
  { name: "short_name", type: "text" },
  { name: "purpose", type: "text" },
  { name: "grouping", type: "text" },
  { name: "created_on", type: "date" },
  { name: "dissolved_on", type: "date" },
  { name: "address", type: "text" },
  { name: "postal_code", type: "text" },
  { name: "commune_insee_code", type: "text" },
];

const ownedValues = (r: RnaRow) => [r.name, r.shortName, r.purpose, r.grouping, r.createdOn, r.dissolvedOn, r.address, r.postalCode, r.communeInseeCode];

const ENDED = new Set<RegistryStatus | null>([RegistryStatus.DISSOLVED, RegistryStatus.DELETED]);

/** Where the rows come from. */
export interface BatchSource {
  file: string;
  format: RnaFileFormat;
}

interface Existing {
  id: number;
  hasRecord: boolean;
  status: RegistryStatus | null;
  newer: boolean;
}

/**
 * Writes a batch of rows (distinct RNA numbers) in a few multi-row statements: a row is applied only when
 * it is new, or newer (`maj_time`) than what is stored; applied values are compared column by column
 * (`IS DISTINCT FROM`), so an unchanged association, its themes and QPV links are not touched at all.
 * `isNew` tells the rows known to be new without looking them up (a first import into an empty graph).
 */
export async function writeBatch(sql: Sql, rows: RnaRow[], source: BatchSource, isNew: (row: RnaRow) => boolean = () => false): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, dissolved: 0, issues: [] };
  const unsure = rows.filter((row) => !isNew(row));
  const found = unsure.length ? await classify(sql, unsure) : new Map<number, Existing>();
  const existing = new Map<RnaRow, Existing>();
  for (const [i, e] of found) existing.set(unsure[i - 1], e);
  const toInsert: RnaRow[] = [];
  const toUpdate: { row: RnaRow; existing: Existing }[] = [];
  rows.forEach((row) => {
    const e = existing.get(row);
    if (!e) toInsert.push(row);
    else if (e.newer) toUpdate.push({ row, existing: e });
    else outcome.unchanged++;
  });
  if (!toInsert.length && !toUpdate.length) return outcome;

  const candidates: { row: RnaRow; id: number | null }[] = [...toInsert.map((row) => ({ row, id: null })), ...toUpdate.map((u) => ({ row: u.row, id: u.existing.id }))];
  await checkSirets(sql, candidates, outcome.issues);

  const ids = new Map<RnaRow, number>();
  if (toInsert.length) {
    const { names, select, from, params } = unnestRows([{ name: "rna", type: "text" }, ...OWNED, { name: "siret", type: "text" }],
      toInsert.map((r) => [r.rna, ...ownedValues(r), r.siret]));
    const inserted: { id: number; rna: string }[] = await sql(
      `INSERT INTO organization (kind, ${names}, siren)
       SELECT 'ASSOCIATION', ${select}, left(u.siret, 9) FROM ${from} ORDER BY u.ordinality
       RETURNING id, rna`,
      params,
    );
    const byRna = new Map(inserted.map((r) => [r.rna, r.id]));
    for (const row of toInsert) ids.set(row, byRna.get(row.rna)!);
    outcome.inserted = toInsert.length;
  }
  const changed = new Set<number>();
  if (toUpdate.length) {
    for (const { row, existing: e } of toUpdate) ids.set(row, e.id);
    const columns = [{ name: "id", type: "integer" } as UnnestColumn, ...OWNED, { name: "siret", type: "text" } as UnnestColumn];
    const { from, params } = unnestRows(columns, toUpdate.map(({ row, existing: e }) => [e.id, ...ownedValues(row), row.siret]));
    const names = OWNED.map((c) => c.name);
    const siret = "coalesce(u.siret, o.siret)";
    const siren = "CASE WHEN u.siret IS NULL THEN o.siren ELSE left(u.siret, 9) END";
    const updated: { id: number }[] = await sql(
      `UPDATE organization o SET ${names.map((n) => `${n} = u.${n}`).join(", ")}, siret = ${siret}, siren = ${siren},
         updated_at = now(), version = o.version + 1
       FROM ${from}
       WHERE o.id = u.id
         AND (${names.map((n) => `o.${n}`).join(", ")}, o.siret, o.siren) IS DISTINCT FROM (${names.map((n) => `u.${n}`).join(", ")}, ${siret}, ${siren})
       RETURNING o.id`,
      params,
    );
    for (const r of updated) changed.add(r.id);
  }

  // A new association has no record nor link yet: its rows are plain inserts (no conflict to check for).
  if (toInsert.length) {
    await upsertRecords(sql, toInsert, ids, source, true);
    await linkNewThemes(sql, toInsert, ids);
    await linkNewQpvs(sql, toInsert, ids);
  }
  if (toUpdate.length) {
    const updatedRows = toUpdate.map((u) => u.row);
    await upsertRecords(sql, updatedRows, ids, source, false);
    const existingIds = toUpdate.map((u) => u.existing.id);
    for (const id of await linkThemes(sql, updatedRows, ids, existingIds)) changed.add(id);
    await linkQpvs(sql, existingIds, true);
  }

  for (const { row, existing: e } of toUpdate) {
    if (changed.has(e.id) || !e.hasRecord || e.status !== row.status) outcome.updated++;
    else outcome.unchanged++;
    if (ENDED.has(row.status) && (!e.hasRecord || !ENDED.has(e.status))) outcome.dissolved++;
  }
  return outcome;
}

/** The associations already there (by RNA number), and whether each row is newer than what is stored. */
async function classify(sql: Sql, rows: RnaRow[]): Promise<Map<number, Existing>> {
  const found: { i: string; id: number; has_record: boolean; status: RegistryStatus | null; newer: boolean }[] = await sql(
    `SELECT u.i, o.id, r.organization_id IS NOT NULL AS has_record, r.status,
            (r.organization_id IS NULL
              OR (u.maj IS NOT NULL AND (r.registry_updated_at IS NULL OR (u.maj AT TIME ZONE 'Europe/Paris') > r.registry_updated_at))) AS newer
     FROM unnest($1::text[], $2::timestamp[]) WITH ORDINALITY AS u(rna, maj, i)
     JOIN organization o ON o.rna = u.rna
     LEFT JOIN rna_record r ON r.organization_id = o.id`,
    [rows.map((r) => r.rna), rows.map((r) => r.updatedInRegistryAt)],
  );
  return new Map(found.map((f) => [Number(f.i), { id: f.id, hasRecord: f.has_record, status: f.status, newer: f.newer }]));
}

/**
 * A SIRET is unique: one that another organisation already has, or that an earlier row of the batch
 * took, is left out of the row (and reported); the association is imported without it.
 */
async function checkSirets(sql: Sql, candidates: { row: RnaRow; id: number | null }[], issues: RowIssue[]): Promise<void> {
  const withSiret = candidates.filter((c) => c.row.siret);
  if (!withSiret.length) return;
  const holders: { siret: string; id: number }[] = await sql(`SELECT siret, id FROM organization WHERE siret = ANY($1::text[])`, [withSiret.map((c) => c.row.siret)]);
  const holderOf = new Map(holders.map((h) => [h.siret, h.id]));
  const takenAt = new Map<string, number>();
  for (const { row, id } of withSiret.sort((a, b) => a.row.line - b.row.line)) {
    const siret = row.siret!;
    const holder = holderOf.get(siret);
    const earlier = takenAt.get(siret);
    if (holder !== undefined && holder !== id) {
      issues.push(issue(row.line, "warning", "SIRET_CONFLICT", "siret", siret, `already the SIRET of another organisation (id ${holder}): left out`));
      row.siret = null;
    } else if (earlier !== undefined) {
      issues.push(issue(row.line, "warning", "SIRET_CONFLICT", "siret", siret, `already the SIRET of the association on line ${earlier}: left out`));
      row.siret = null;
    } else {
      takenAt.set(siret, row.line);
    }
  }
}

/** Provenance and register-only data of the applied rows (inserted, or replaced when something differs); `fresh`: the associations are new (no record to replace). */
async function upsertRecords(sql: Sql, rows: RnaRow[], ids: Map<RnaRow, number>, source: BatchSource, fresh: boolean): Promise<void> {
  const columns: UnnestColumn[] = [
    { name: "organization_id", type: "integer" },
    { name: "line", type: "integer" },
    { name: "registry_updated_at", type: "text", expression: "(u.registry_updated_at::timestamp AT TIME ZONE 'Europe/Paris')" },
    { name: "status", type: "text" },
    { name: "legacy_id", type: "text" },
    { name: "insee_code", type: "text" },
    { name: "district_insee_code", type: "text" },
    { name: "commune_label", type: "text" },
    { name: "theme_codes", type: "text", expression: "coalesce(string_to_array(nullif(u.theme_codes, ''), ','), '{}')" },
  ];
  const { names, select, from, params } = unnestRows(columns, rows.map((r) => [
    ids.get(r), r.line, r.updatedInRegistryAt, r.status, r.legacyId, r.inseeCode, r.districtInseeCode, r.communeLabel, r.themeCodes.join(","),
  ]));
  // Only applied rows come here (new, or newer in the register than what is stored): the record always changes.
  const updated = ["format", "file", ...columns.slice(1).map((c) => c.name), "imported_at"];
  const n = params.length;
  await sql(
    `INSERT INTO rna_record (format, file, imported_at, ${names})
     SELECT $${n + 1}, $${n + 2}, now(), ${select} FROM ${from}
     ${fresh ? "" : `ON CONFLICT (organization_id) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(", ")}`}`,
    [...params, source.format, source.file],
  );
}

/** The register's themes of the applied rows (rows marked RNA); returns the existing associations whose themes changed. */
async function linkThemes(sql: Sql, rows: RnaRow[], ids: Map<RnaRow, number>, existingIds: number[]): Promise<number[]> {
  const pairs = rows.flatMap((r) => r.themes.map((code) => [ids.get(r)!, code] as const));
  const pairIds = pairs.map((p) => p[0]);
  const pairCodes = pairs.map((p) => p[1]);
  const changed: number[] = [];
  if (existingIds.length) {
    const removed: { organization_id: number }[] = await sql(
      `DELETE FROM organization_theme t
       WHERE t.organization_id = ANY($1::int[]) AND t.source = 'RNA'
         AND NOT EXISTS (SELECT 1 FROM unnest($2::int[], $3::text[]) AS d(id, code) WHERE d.id = t.organization_id AND d.code = t.theme_code)
       RETURNING t.organization_id`,
      [existingIds, pairIds, pairCodes],
    );
    changed.push(...removed.map((r) => r.organization_id));
  }
  if (pairs.length) {
    // A theme the association already has (typed by a user, or from the register) stays as it is.
    const added: { organization_id: number }[] = await sql(
      `INSERT INTO organization_theme (organization_id, theme_code, source)
       SELECT d.id, d.code, 'RNA' FROM unnest($1::int[], $2::text[]) AS d(id, code)
       ON CONFLICT (organization_id, theme_code) DO NOTHING
       RETURNING organization_id`,
      [pairIds, pairCodes],
    );
    changed.push(...added.map((r) => r.organization_id));
  }
  return changed;
}

/** The register's themes of new associations (a row's themes are distinct). */
async function linkNewThemes(sql: Sql, rows: RnaRow[], ids: Map<RnaRow, number>): Promise<void> {
  const pairs = rows.flatMap((r) => r.themes.map((code) => [ids.get(r)!, code] as const));
  if (!pairs.length) return;
  await sql(
    `INSERT INTO organization_theme (organization_id, theme_code, source)
     SELECT d.id, d.code, 'RNA' FROM unnest($1::int[], $2::text[]) AS d(id, code)`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
}

/**
 * QPV links of new associations: a new association has no location (the register gives none, and nobody
 * has typed one in yet), so it is POSSIBLY_BASED in every QPV of its commune, as `linkQpvs` would link it,
 * without reading its row back.
 */
async function linkNewQpvs(sql: Sql, rows: RnaRow[], ids: Map<RnaRow, number>): Promise<void> {
  const located = rows.filter((r) => r.communeInseeCode);
  if (!located.length) return;
  await sql(
    `INSERT INTO organization_qpv (organization_id, qpv_code, presence, source)
     SELECT t.id, qc.qpv_code, 'POSSIBLY_BASED', 'RNA'
     FROM unnest($1::int[], $2::text[]) AS t(id, commune_insee_code) JOIN qpv_commune qc ON qc.commune_insee_code = t.commune_insee_code`,
    [located.map((r) => ids.get(r)!), located.map((r) => r.communeInseeCode)],
  );
}

/**
 * QPV links the register implies (rows marked RNA): with a known location (typed in by a user: the register
 * has no coordinates), the QPV containing it, as BASED; without one, every QPV of the head office's commune,
 * as POSSIBLY_BASED. A link a user stated for the same QPV wins (ON CONFLICT DO NOTHING), and RNA links that
 * no longer follow (the association moved) are removed.
 */
async function linkQpvs(sql: Sql, ids: number[], someExisted: boolean): Promise<void> {
  const desired = `target AS (
      SELECT o.id, o.commune_insee_code, o.latitude, o.longitude FROM organization o WHERE o.id = ANY($1::int[])
    ),
    desired AS (
      SELECT t.id, hit.qpv_code, 'BASED' AS presence
      FROM target t
      CROSS JOIN LATERAL (SELECT geo_plane(t.longitude, t.latitude) AS at) m
      CROSS JOIN LATERAL (${qpvContaining("m.at")}) hit
      WHERE t.latitude IS NOT NULL AND t.longitude IS NOT NULL
      UNION ALL
      SELECT t.id, qc.qpv_code, 'POSSIBLY_BASED'
      FROM target t JOIN qpv_commune qc ON qc.commune_insee_code = t.commune_insee_code
      WHERE t.latitude IS NULL OR t.longitude IS NULL
    )`;
  if (someExisted) {
    await sql(
      `WITH ${desired}
       DELETE FROM organization_qpv oq
       WHERE oq.organization_id = ANY($1::int[]) AND oq.source = 'RNA'
         AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.id = oq.organization_id AND d.qpv_code = oq.qpv_code AND d.presence = oq.presence)`,
      [ids],
    );
  }
  await sql(
    `WITH ${desired}
     INSERT INTO organization_qpv (organization_id, qpv_code, presence, source)
     SELECT id, qpv_code, presence, 'RNA' FROM desired
     ON CONFLICT (organization_id, qpv_code) DO NOTHING`,
    [ids],
  );
}

/**
 * After a user changed an imported association's location or commune: the QPV links the register
 * implies follow at once (based in the QPV containing the new location), not at the next import.
 * Associations the register has never described are left as users stated them.
 */
export async function relinkRegisterQpvs(sql: Sql, organizationId: number): Promise<void> {
  const [imported] = await sql(`SELECT 1 FROM rna_record WHERE organization_id = $1`, [organizationId]);
  if (imported) await linkQpvs(sql, [organizationId], true);
}
