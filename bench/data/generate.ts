import "reflect-metadata";
import { Client, Pool, PoolClient } from "pg";
import { openDatabase } from "../../server/database/data-source";
import { ensureReferenceData } from "../../server/reference/load-reference-data";
import { Random } from "../../server/demo/random";
import { isValidRna, isValidSiret, sirenWithLuhn, siretWithLuhn } from "../../server/validation/identifiers";
import { copyRows } from "./copy";
import { COUNT_CURRENT_NETWORKS } from "../../server/migrations/1732900000000-national-scale";
import { aggregateTriggers, REBUILD_AGGREGATES } from "../../server/migrations/1733100000100-dashboard-aggregates";

/**
 * The national-scale dataset of the benchmark (issue 7): at scale 1, 1.5 million associations over the
 * real communes, 50,000 partners, 200,000 projects with 1,000,000 participants, 500,000 events, network
 * memberships and charter signatures. Deterministic (seeded PRNG, rows in a fixed order, ids given by
 * the identity columns of a fresh database in that order, checked after each table). Loaded with COPY
 * in one transaction: the secondary indexes of the loaded tables are dropped first and created again
 * from their own definitions afterwards (primary keys, unique constraints, foreign keys, check
 * constraints and generated columns stay on and are checked for every row), then VACUUM (ANALYZE).
 *
 * Where people live: the reference data holds no commune population. The weight of a commune is its
 * EPCI's population shared equally between the EPCI's communes, times (1 + 2 x the number of QPVs in the
 * commune); communes outside any EPCI weigh 500. That puts Paris near 2 million, Lyon near 0.5 million,
 * a rural commune in the hundreds: associations follow that weight.
 */

export const SCALE_1 = {
  associations: 1_500_000,
  partners: 50_000,
  projects: 200_000,
  /** About 5 participants per project. */
  events: 500_000,
};

export interface GenerateOptions {
  scale: number;
  databaseUrl: string;
  seed?: number;
  log?: (message: Record<string, unknown>) => void;
}

export interface GenerateReport {
  scale: number;
  counts: Record<string, number>;
  referenceMs: number;
  copyMs: number;
  indexMs: number;
  analyzeMs: number;
  totalMs: number;
  databaseSize: string;
}

interface Commune { code: string; dept: string; epci: string | null; lat: number; lon: number; postal: string | null; qpvs: number[]; weight: number; name: string }
interface Qpv { code: string; dept: string; lat: number; lon: number; communes: number[] }

const NAME_HEADS = ["Association", "Amicale", "Collectif", "Comité", "Union", "Club", "Cercle", "Maison", "Foyer", "Atelier", "Réseau", "Les Amis de"];
const NAME_TOPICS = ["jardins partagés", "soutien scolaire", "sport pour tous", "culture et loisirs", "solidarité", "femmes relais",
  "jeunesse", "éducation populaire", "insertion", "numérique", "santé", "parents d'élèves", "théâtre", "musique", "football",
  "boxe éducative", "cuisine du monde", "alphabétisation", "aide aux devoirs", "mémoire du quartier", "environnement", "vélo",
  "danse", "échecs", "médiation", "accès aux droits", "locataires", "seniors", "petite enfance", "arts plastiques"];
const PARTNER_TYPES: [string, number][] = [["COMMUNE", 14], ["EPCI", 4], ["DEPARTMENT", 3], ["REGION", 1], ["STATE_SERVICE", 5], ["PREFECT_DELEGATE", 4],
  ["CAF", 3], ["SOCIAL_LANDLORD", 12], ["SUPPORT_SCHEME", 8], ["PUBLIC_AGENCY", 6], ["FOUNDATION", 8], ["COMPANY", 22], ["OTHER", 10]];
const EVENT_KINDS = ["CONSEIL_CITOYEN", "PUBLIC_MEETING", "WORKSHOP", "DIAGNOSTIC_EN_MARCHANT", "NEIGHBOURHOOD_FESTIVAL", "CONSULTATION", "TRAINING"];
const STATUSES: [string, number][] = [["PROPOSED", 10], ["ACTIVE", 45], ["COMPLETED", 40], ["ABANDONED", 5]];
const SCHEMES = ["CONTRAT_DE_VILLE", "FONJEP", "ADULTE_RELAIS", "DLA", "OTHER"];

/** Tables the load writes, in dependency order: their secondary indexes are dropped and rebuilt. */
const LOADED_TABLES = ["organization", "organization_theme", "organization_qpv", "partner_coverage", "membership", "project", "project_theme",
  "project_qpv", "project_stake", "project_participant", "funding", "participation_event", "event_organizer", "charter_signature"];

function weightedIndex(cumulative: Float64Array, rng: Random): number {
  const r = rng.next() * cumulative[cumulative.length - 1];
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > r) hi = mid; else lo = mid + 1;
  }
  return lo;
}

function pickWeighted<T>(items: [T, number][], rng: Random): T {
  return rng.weighted(items, (i) => i[1])[0];
}

function isoDate(day: number): string {
  return new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}
const DAY_2000 = (y: number, m = 1, d = 1) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(2000, 0, 1)) / 86_400_000);

/** Reads the territory back from the database just loaded, in code order (so the draws do not depend on the files' order). */
async function readTerritory(client: PoolClient) {
  const epciRows = (await client.query(`SELECT e.siren, e.population, count(c.insee_code)::int AS communes FROM epci e
    LEFT JOIN commune c ON c.epci_siren = e.siren GROUP BY e.siren, e.population`)).rows;
  const epciShare = new Map<string, number>(epciRows.map((e) => [e.siren, e.communes ? (e.population ?? 0) / e.communes : 0]));
  const communeRows = (await client.query(`SELECT insee_code, department_code, epci_siren, latitude, longitude, postal_code, name
    FROM commune WHERE latitude IS NOT NULL ORDER BY insee_code`)).rows;
  const communes: Commune[] = communeRows.map((c) => ({ code: c.insee_code, dept: c.department_code, epci: c.epci_siren, lat: c.latitude, lon: c.longitude,
    postal: c.postal_code, qpvs: [], weight: 0, name: c.name }));
  const communeIndex = new Map(communes.map((c, i) => [c.code, i]));
  const qpvRows = (await client.query(`SELECT code, department_code, latitude, longitude FROM qpv ORDER BY code`)).rows;
  const qpvs: Qpv[] = qpvRows.map((q) => ({ code: q.code, dept: q.department_code, lat: q.latitude, lon: q.longitude, communes: [] }));
  const qpvIndex = new Map(qpvs.map((q, i) => [q.code, i]));
  for (const l of (await client.query(`SELECT qpv_code, commune_insee_code FROM qpv_commune ORDER BY qpv_code, commune_insee_code`)).rows) {
    const c = communeIndex.get(l.commune_insee_code);
    const q = qpvIndex.get(l.qpv_code)!;
    if (c === undefined) continue;
    qpvs[q].communes.push(c);
    communes[c].qpvs.push(q);
  }
  for (const c of communes) c.weight = (c.epci ? epciShare.get(c.epci) ?? 500 : 500) * (1 + 2 * c.qpvs.length) || 1;
  const themes: string[] = (await client.query(`SELECT code FROM theme ORDER BY code`)).rows.map((t) => t.code);
  const regionOfDept = new Map<string, string>((await client.query(`SELECT code, region_code FROM department`)).rows.map((d) => [d.code, d.region_code]));
  return { communes, qpvs, themes, regionOfDept };
}

async function secondaryIndexes(client: PoolClient): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
     ORDER BY i.tablename, i.indexname`, [LOADED_TABLES]);
  return rows;
}

export async function generateDataset(options: GenerateOptions): Promise<GenerateReport> {
  const log = options.log ?? ((m) => console.log(JSON.stringify(m)));
  const scale = options.scale;
  const seed = options.seed ?? 20261126;
  const started = Date.now();

  // Schema and reference data through the project's own code, as the server does at start-up.
  const db = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: "" });
  try {
    await db.dataSource.runMigrations({ transaction: "each" });
    await ensureReferenceData(db.dataSource);
  } finally {
    await db.close();
  }
  const referenceMs = Date.now() - started;
  log({ msg: "schema and reference data ready", ms: referenceMs });

  const pool = new Pool({ connectionString: options.databaseUrl, max: 1 });
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  let copyMs = 0, indexMs = 0;
  try {
    const { rows: [existing] } = await client.query(`SELECT (SELECT count(*) FROM organization)::int + (SELECT count(*) FROM project)::int
      + (SELECT count(*) FROM participation_event)::int AS n`);
    if (existing.n > 0) throw new Error("the benchmark dataset needs an empty database (organisations, projects or events found)");
    const territory = await readTerritory(client);
    const { communes, qpvs, themes, regionOfDept } = territory;
    const cumulative = new Float64Array(communes.length);
    communes.reduce((sum, c, i) => (cumulative[i] = sum + c.weight), 0);
    const depts = [...new Set(communes.map((c) => c.dept))].sort();
    const deptIndex = new Map(depts.map((d, i) => [d, i]));
    const deptCumulative = depts.map((d) => {
      const idx = communes.map((c, i) => (c.dept === d ? i : -1)).filter((i) => i >= 0);
      const cum = new Float64Array(idx.length);
      idx.reduce((s, ci, k) => (cum[k] = s + communes[ci].weight), 0);
      return { idx, cum };
    });
    const communeIn = (dept: number, rng: Random) => deptCumulative[dept].idx[weightedIndex(deptCumulative[dept].cum, rng)];

    const A = Math.max(200, Math.round(SCALE_1.associations * scale));
    const P = Math.max(20, Math.round(SCALE_1.partners * scale));
    const PR = Math.max(20, Math.round(SCALE_1.projects * scale));
    const EV = Math.max(50, Math.round(SCALE_1.events * scale));
    const perDeptNetworks = Math.max(1, Math.round(10 * scale));
    const nationalNetworks = Math.max(3, Math.round(50 * scale));
    const networkCount = nationalNetworks + perDeptNetworks * depts.length;

    // Per-organisation facts kept for the later tables (ids are 1-based: association i has id i + 1).
    const orgCommune = new Int32Array(A + P);
    const orgQpv = new Int32Array(A + P).fill(-1);
    const orgTheme = new Int16Array(A + P).fill(-1);
    const assocByDept: number[][] = depts.map(() => []);
    const assocByQpv: number[][] = qpvs.map(() => []);
    const partnersByDept: number[][] = depts.map(() => []);
    const networksOfDept: number[][] = depts.map(() => []);
    const nationalNetworkIds: number[] = [];
    const partnerType = new Uint8Array(P);

    await client.query(`BEGIN`);
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    const indexes = await secondaryIndexes(client);
    for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
    log({ msg: "secondary indexes dropped for the load", count: indexes.length });
    // The dashboard aggregates are counted once at the end rather than by their triggers per row.
    await client.query(aggregateTriggers(false));

    const copyStarted = Date.now();
    const copy = async (table: string, columns: string[], rows: Iterable<unknown[]>) => {
      const t = Date.now();
      counts[table] = (counts[table] ?? 0) + await copyRows(client, table, columns, rows);
      log({ msg: "copied", table, rows: counts[table], ms: Date.now() - t });
    };
    const checkIds = async (table: string, expected: number) => {
      const { rows: [r] } = await client.query(`SELECT min(id)::int AS lo, max(id)::int AS hi, count(*)::int AS n FROM ${table}`);
      if (r.n !== expected || r.lo !== 1 || r.hi !== expected) throw new Error(`${table}: ids ${r.lo}..${r.hi} for ${r.n} rows, expected 1..${expected}: the database was not fresh`);
    };

    // Organisations: network heads first, then associations, then partners.
    const rnaSequence = new Map<string, number>();
    function* organizations(): Generator<unknown[]> {
      const rng = Random.derive(seed, "organizations");
      for (let i = 0; i < A; i++) {
        let ci: number;
        let name: string;
        let grouping = "SIMPLE";
        if (i < nationalNetworks) {
          ci = weightedIndex(cumulative, rng);
          name = `Fédération nationale ${NAME_TOPICS[i % NAME_TOPICS.length]} ${i + 1}`;
          grouping = "FEDERATION";
          nationalNetworkIds.push(i + 1);
        } else if (i < networkCount) {
          const d = (i - nationalNetworks) % depts.length;
          ci = communeIn(d, rng);
          name = `Fédération ${NAME_TOPICS[(i * 7) % NAME_TOPICS.length]} ${depts[d]} ${i + 1}`;
          grouping = rng.chance(0.5) ? "FEDERATION" : "UNION";
          networksOfDept[d].push(i + 1);
        } else {
          ci = weightedIndex(cumulative, rng);
          name = `${rng.pick(NAME_HEADS)} ${rng.pick(NAME_TOPICS)} ${communes[ci].name} ${i + 1}`;
        }
        const c = communes[ci];
        orgCommune[i] = ci;
        const d = deptIndex.get(c.dept)!;
        assocByDept[d].push(i + 1);
        const theme = rng.int(0, themes.length - 1);
        orgTheme[i] = theme;
        if (c.qpvs.length && rng.chance(0.35)) {
          const q = rng.pick(c.qpvs);
          orgQpv[i] = q;
          assocByQpv[q].push(i + 1);
        }
        const prefix = `${c.dept.slice(0, 2)}${rng.int(0, 9)}`;
        const seq = (rnaSequence.get(prefix) ?? 0) + 1;
        rnaSequence.set(prefix, seq);
        const rna = `W${prefix}${String(seq).padStart(6, "0")}`;
        if (!isValidRna(rna)) throw new Error(`invalid RNA ${rna}`);
        const createdDay = rng.int(DAY_2000(1960) + 0, DAY_2000(2026, 10, 1));
        let siren: string | null = null, siret: string | null = null;
        if (rng.chance(0.3)) {
          siren = sirenWithLuhn(String(20_000_000 + i));
          siret = siretWithLuhn(siren, "0001");
        }
        const etp = rng.chance(0.85) ? null : rng.chance(0.5) ? (rng.int(25, 200) / 100).toFixed(2) : (rng.int(201, 4000) / 100).toFixed(2);
        yield ["ASSOCIATION", name, rng.chance(0.2) ? name.slice(0, 20) : null, siren, siret, rna,
          `Agir pour ${NAME_TOPICS[theme % NAME_TOPICS.length]} à ${c.name} et dans ses quartiers.`, grouping, isoDate(createdDay),
          rng.chance(0.03) ? isoDate(Math.min(DAY_2000(2026, 10, 1), createdDay + rng.int(400, 9000))) : null,
          etp, rng.int(0, 60), rng.int(5, 400), null, `${rng.int(1, 200)} rue ${rng.pick(["de la République", "Jean Jaurès", "Victor Hugo", "des Lilas", "Pasteur"])}`,
          c.postal, c.code, c.lat + rng.float(-0.01, 0.01), c.lon + rng.float(-0.01, 0.01), null, null];
      }
      const prng = Random.derive(seed, "partners");
      for (let j = 0; j < P; j++) {
        const i = A + j;
        const ci = weightedIndex(cumulative, prng);
        const c = communes[ci];
        orgCommune[i] = ci;
        partnersByDept[deptIndex.get(c.dept)!].push(i + 1);
        const type = pickWeighted(PARTNER_TYPES, prng);
        partnerType[j] = PARTNER_TYPES.findIndex((t) => t[0] === type);
        const siren = sirenWithLuhn(String(60_000_000 + j));
        const siret = siretWithLuhn(siren, "0001");
        if (!isValidSiret(siret)) throw new Error(`invalid SIRET ${siret}`);
        yield ["PARTNER", `${type.toLowerCase().replace(/_/g, " ")} ${c.name} ${j + 1}`, null, siren, siret, null, null, null, null, null, null,
          null, null, type, null, c.postal, c.code, c.lat, c.lon, null, null];
      }
    }
    await copy("organization", ["kind", "name", "short_name", "siren", "siret", "rna", "purpose", "grouping", "created_on", "dissolved_on", "staff_etp",
      "volunteers", "members", "partner_type", "address", "postal_code", "commune_insee_code", "latitude", "longitude", "website", "email"], organizations());
    await checkIds("organization", A + P);

    await copy("organization_theme", ["organization_id", "theme_code"], (function* () {
      const rng = Random.derive(seed, "themes");
      for (let i = 0; i < A; i++) {
        yield [i + 1, themes[orgTheme[i]]];
        if (rng.chance(0.4)) {
          const t = rng.int(0, themes.length - 1);
          if (t !== orgTheme[i]) yield [i + 1, themes[t]];
        }
      }
    })());
    await copy("organization_qpv", ["organization_id", "qpv_code", "presence"], (function* () {
      const rng = Random.derive(seed, "qpvs");
      for (let i = 0; i < A; i++) {
        const c = communes[orgCommune[i]];
        if (orgQpv[i] >= 0) yield [i + 1, qpvs[orgQpv[i]].code, "BASED"];
        if (c.qpvs.length && rng.chance(0.15)) {
          const q = rng.pick(c.qpvs);
          if (q !== orgQpv[i]) yield [i + 1, qpvs[q].code, "ACTIVE"];
        }
      }
    })());
    await copy("partner_coverage", ["partner_id", "region_code", "department_code", "epci_siren", "commune_insee_code"], (function* () {
      for (let j = 0; j < P; j++) {
        const c = communes[orgCommune[A + j]];
        const type = PARTNER_TYPES[partnerType[j]][0];
        const id = A + j + 1;
        if (type === "REGION") yield [id, regionOfDept.get(c.dept), null, null, null];
        else if (["DEPARTMENT", "CAF", "STATE_SERVICE", "PREFECT_DELEGATE", "SUPPORT_SCHEME"].includes(type)) yield [id, null, c.dept, null, null];
        else if (type === "EPCI" && c.epci) yield [id, null, null, c.epci, null];
        else yield [id, null, null, null, c.code];
      }
    })());

    // Memberships: departmental networks join a national one; 30% of associations join a network of
    // their département, 8% a national network.
    // The trigger keeping organization.current_networks would update an organisation per membership: off
    // for the load, then one statement counts them all.
    await client.query(`ALTER TABLE membership DISABLE TRIGGER membership_current_networks`);
    await copy("membership", ["network_id", "member_id", "joined_on", "left_on"], (function* () {
      const rng = Random.derive(seed, "memberships");
      for (let i = nationalNetworks; i < A; i++) {
        const id = i + 1;
        const d = deptIndex.get(communes[orgCommune[i]].dept)!;
        const joinedDay = rng.int(DAY_2000(2005), DAY_2000(2026, 10, 1));
        const joined = isoDate(joinedDay);
        if (i < networkCount) {
          yield [nationalNetworkIds[i % nationalNetworkIds.length], id, joined, null];
          continue;
        }
        if (rng.chance(0.3) && networksOfDept[d].length) yield [rng.pick(networksOfDept[d]), id, joined, rng.chance(0.05) ? isoDate(Math.min(DAY_2000(2026, 10, 1), joinedDay + rng.int(100, 3000))) : null];
        if (rng.chance(0.08)) yield [rng.pick(nationalNetworkIds), id, joined, null];
      }
    })());

    await client.query(`ALTER TABLE membership ENABLE TRIGGER membership_current_networks`);
    await client.query(COUNT_CURRENT_NETWORKS);

    // Projects: a lead association (60% of them present in a QPV), partner associations of its
    // département, a funder and sometimes a support scheme among the partners; about 5 participants each.
    const projectLead = new Int32Array(PR);
    const projectsByDept: number[][] = depts.map(() => []);
    const qpvLinked: number[] = [];
    for (let i = 0; i < A; i++) if (orgQpv[i] >= 0) qpvLinked.push(i + 1);
    await copy("project", ["title", "summary", "status", "start_date", "end_date", "residents_reached"], (function* () {
      const rng = Random.derive(seed, "projects");
      for (let p = 0; p < PR; p++) {
        const lead = qpvLinked.length && rng.chance(0.6) ? rng.pick(qpvLinked) : rng.int(networkCount + 1, A);
        projectLead[p] = lead;
        projectsByDept[deptIndex.get(communes[orgCommune[lead - 1]].dept)!].push(p + 1);
        const start = rng.int(DAY_2000(2019), DAY_2000(2027, 6, 1));
        const status = pickWeighted(STATUSES, rng);
        yield [`Projet ${NAME_TOPICS[orgTheme[lead - 1] % NAME_TOPICS.length]} ${communes[orgCommune[lead - 1]].name} ${p + 1}`,
          `Un projet de coopération entre associations et acteurs de la politique de la ville autour de ${rng.pick(NAME_TOPICS)}.`,
          status, isoDate(start), rng.chance(0.7) ? isoDate(start + rng.int(60, 900)) : null, rng.chance(0.6) ? rng.int(10, 3000) : null];
      }
    })());
    await checkIds("project", PR);
    const deptOfOrg = (id: number) => deptIndex.get(communes[orgCommune[id - 1]].dept)!;
    const fundersOfProject = new Int32Array(PR);
    await copy("project_participant", ["project_id", "organization_id", "role"], (function* () {
      const rng = Random.derive(seed, "participants");
      for (let p = 0; p < PR; p++) {
        const lead = projectLead[p];
        const d = deptOfOrg(lead);
        const seen = new Set<number>([lead]);
        yield [p + 1, lead, "LEAD"];
        const n = rng.int(1, 3) + (rng.chance(0.5) ? 1 : 0);
        for (let k = 0; k < n; k++) {
          const o = rng.pick(assocByDept[d]);
          if (!seen.has(o)) { seen.add(o); yield [p + 1, o, "PARTNER"]; }
        }
        const pool = partnersByDept[d].length ? partnersByDept[d] : [A + 1 + rng.int(0, P - 1)];
        const funder = rng.pick(pool);
        if (!seen.has(funder)) { seen.add(funder); yield [p + 1, funder, "FUNDER"]; }
        fundersOfProject[p] = funder;
        if (rng.chance(0.5)) {
          const support = rng.pick(pool);
          if (!seen.has(support)) { seen.add(support); yield [p + 1, support, "SUPPORT"]; }
        }
      }
    })());
    await copy("funding", ["project_id", "funder_id", "amount_eur", "year", "scheme", "scheme_label"], (function* () {
      const rng = Random.derive(seed, "fundings");
      for (let p = 0; p < PR; p++) {
        const n = rng.int(1, 2);
        for (let k = 0; k < n; k++) yield [p + 1, fundersOfProject[p], (rng.int(500, 80000)).toFixed(2), rng.int(2020, 2027), rng.pick(SCHEMES), null];
      }
    })());
    await copy("project_theme", ["project_id", "theme_code"], (function* () {
      const rng = Random.derive(seed, "project-themes");
      for (let p = 0; p < PR; p++) {
        const t = orgTheme[projectLead[p] - 1];
        yield [p + 1, themes[t]];
        const u = rng.int(0, themes.length - 1);
        if (u !== t && rng.chance(0.5)) yield [p + 1, themes[u]];
      }
    })());
    await copy("project_qpv", ["project_id", "qpv_code"], (function* () {
      const rng = Random.derive(seed, "project-qpvs");
      for (let p = 0; p < PR; p++) {
        const lead = projectLead[p] - 1;
        const c = communes[orgCommune[lead]];
        const first = orgQpv[lead] >= 0 ? orgQpv[lead] : c.qpvs.length ? rng.pick(c.qpvs) : -1;
        if (first >= 0) yield [p + 1, qpvs[first].code];
        if (c.qpvs.length > 1 && rng.chance(0.3)) {
          const q = rng.pick(c.qpvs);
          if (q !== first) yield [p + 1, qpvs[q].code];
        }
      }
    })());
    await copy("project_stake", ["project_id", "stake_number"], (function* () {
      const rng = Random.derive(seed, "project-stakes");
      for (let p = 0; p < PR; p++) {
        const s = rng.int(1, 4);
        yield [p + 1, s];
        if (rng.chance(0.4)) yield [p + 1, (s % 4) + 1];
      }
    })());

    // Events: 70% organised by an association present in a QPV, held in that QPV; from 2024 to 2027.
    const eventOrganizer = new Int32Array(EV);
    await copy("participation_event", ["title", "description", "kind", "starts_at", "ends_at", "venue_name", "venue_address", "commune_insee_code",
      "latitude", "longitude", "qpv_code", "project_id", "residents_count", "associations_count", "total_count"], (function* () {
      const rng = Random.derive(seed, "events");
      const from = Date.UTC(2024, 0, 1) / 3_600_000, to = Date.UTC(2027, 11, 31) / 3_600_000;
      for (let e = 0; e < EV; e++) {
        const org = qpvLinked.length && rng.chance(0.7) ? rng.pick(qpvLinked) : rng.int(networkCount + 1, A);
        eventOrganizer[e] = org;
        const c = communes[orgCommune[org - 1]];
        const q = orgQpv[org - 1] >= 0 ? orgQpv[org - 1] : c.qpvs.length && rng.chance(0.5) ? rng.pick(c.qpvs) : -1;
        const startHour = rng.int(from, to);
        const starts = new Date(startHour * 3_600_000);
        const ends = new Date((startHour + rng.int(1, 4)) * 3_600_000);
        const d = deptOfOrg(org);
        const project = projectsByDept[d].length && rng.chance(0.3) ? rng.pick(projectsByDept[d]) : null;
        const kind = rng.pick(EVENT_KINDS);
        const past = starts.getTime() < Date.UTC(2026, 10, 26);
        const residents = past ? rng.int(0, 200) : null;
        const lat = q >= 0 ? qpvs[q].lat : c.lat, lon = q >= 0 ? qpvs[q].lon : c.lon;
        yield [`${kind.toLowerCase().replace(/_/g, " ")} ${NAME_TOPICS[orgTheme[org - 1] % NAME_TOPICS.length]} ${e + 1}`,
          "Un temps d'échange ouvert aux habitants du quartier.", kind, starts.toISOString(), ends.toISOString(),
          rng.pick(["Maison de quartier", "Centre social", "Salle des fêtes", "Médiathèque", "Gymnase"]), null, c.code,
          lat + rng.float(-0.003, 0.003), lon + rng.float(-0.003, 0.003), q >= 0 ? qpvs[q].code : null, project,
          residents, past ? rng.int(1, 8) : null, residents === null ? null : residents + rng.int(0, 30)];
      }
    })());
    await checkIds("participation_event", EV);
    await copy("event_organizer", ["event_id", "organization_id"], (function* () {
      const rng = Random.derive(seed, "organizers");
      for (let e = 0; e < EV; e++) {
        const org = eventOrganizer[e];
        yield [e + 1, org];
        const q = orgQpv[org - 1];
        const d = deptOfOrg(org);
        if (rng.chance(0.5)) {
          const other = q >= 0 && assocByQpv[q].length > 1 ? rng.pick(assocByQpv[q]) : rng.pick(assocByDept[d]);
          if (other !== org) yield [e + 1, other];
        }
        if (rng.chance(0.2) && partnersByDept[d].length) yield [e + 1, rng.pick(partnersByDept[d])];
      }
    })());
    await copy("charter_signature", ["organization_id", "signed_on", "commune_insee_code", "qpv_code", "signatory_role"], (function* () {
      const rng = Random.derive(seed, "charter");
      for (let i = 0; i < A + P; i++) {
        if (!rng.chance(i < A ? 0.05 : 0.1)) continue;
        const c = communes[orgCommune[i]];
        yield [i + 1, isoDate(rng.int(DAY_2000(2021, 6, 1), DAY_2000(2026, 10, 31))), c.code, orgQpv[i] >= 0 ? qpvs[orgQpv[i]].code : null,
          i < A ? "Présidente" : "Directeur"];
      }
    })());
    copyMs = Date.now() - copyStarted;

    const indexStarted = Date.now();
    for (const i of indexes) {
      const t = Date.now();
      await client.query(i.definition);
      if (Date.now() - t > 2000) log({ msg: "index rebuilt", index: i.name, ms: Date.now() - t });
    }
    indexMs = Date.now() - indexStarted;
    log({ msg: "secondary indexes rebuilt", count: indexes.length, ms: indexMs });
    await client.query(aggregateTriggers(true));
    const aggregatesStarted = Date.now();
    await client.query(REBUILD_AGGREGATES);
    log({ msg: "dashboard aggregates counted", ms: Date.now() - aggregatesStarted });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const analyzeStarted = Date.now();
  const c2 = await pool.connect();
  let databaseSize = "";
  try {
    // VACUUM as well: it sets the visibility map, without which index-only scans still read the heap
    // (a live database gets it from autovacuum; a freshly loaded one would be slower than it should).
    await c2.query("VACUUM (ANALYZE)");
    databaseSize = (await c2.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
  } finally {
    c2.release();
    await pool.end();
  }
  const analyzeMs = Date.now() - analyzeStarted;
  return { scale, counts, referenceMs, copyMs, indexMs, analyzeMs, totalMs: Date.now() - started, databaseSize };
}

const SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Creates (or recreates) a database on the local server. */
export async function recreateDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return SERVER.replace(/\/postgres$/, `/${name}`);
}

/** The bench database of a scale: maillage_bench (scale 1), maillage_bench_0_1 (scale 0.1)... */
export function benchDatabaseName(scale: number): string {
  return scale === 1 ? "maillage_bench" : `maillage_bench_${String(scale).replace(/[^0-9]/g, "_")}`;
}

const USAGE = `npm run bench:data [-- --scale S] [--database-url URL]

Generates the bench dataset at scale S (1: about 1.5 million associations, 3 GB, several minutes; 0.1 about
a minute) into the database maillage_bench (scale 1) or maillage_bench_<S> (other scales), which is DROPPED
AND RECREATED first; with --database-url, into that existing database instead.`;

/** Options this command takes: anything else (a typo, --help) prints the usage and touches no database. */
const KNOWN_OPTIONS = new Set(["--scale", "--database-url"]);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a, i) => a.startsWith("-") && !KNOWN_OPTIONS.has(a) && !KNOWN_OPTIONS.has(args[i - 1]));
  if (unknown.length || args.length % 2 !== 0) {
    console.log(USAGE);
    process.exit(unknown.some((a) => a === "--help" || a === "-h") ? 0 : 2);
  }
  const scale = Number(option("--scale") ?? 1);
  if (!(scale > 0 && scale <= 10)) throw new Error("--scale must be a number in (0, 10]");
  let url = option("--database-url");
  if (!url) url = await recreateDatabase(benchDatabaseName(scale));
  const report = await generateDataset({ scale, databaseUrl: url });
  console.log(JSON.stringify({ msg: "dataset loaded", database: url.replace(/^.*\//, ""), ...report }));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
