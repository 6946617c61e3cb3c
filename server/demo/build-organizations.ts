import { ASSOCIATION_KINDS, AssociationKind, KIND_BY_KEY } from "./association-kinds";
import { DEMO_TODAY, addDays, dateBetween, maxDate } from "./calendar";
import type { DemoCoverage, DemoMembership, DemoOrganization } from "./dataset";
import { jitter, nearestQpvs, postalCodeAt } from "./geo";
import { EVOCATIVE_NAMES, STREETS, abbreviation, fill, slug } from "./names";
import { NETWORKS, NetworkSpec } from "./networks";
import { PARTNERS, PartnerSpec } from "./partners";
import { Random, round } from "./random";
import { assignRegistryNumbers } from "./registry-numbers";
import { AREAS, DemoCommune, DemoQpv, DemoTerritory } from "./territory";

/**
 * Builds the organisations of the demo dataset (network heads, associations, partners), the
 * partners' coverage and the network memberships, deterministically from the seed.
 */

/** How many associations the dataset holds (network heads included), and the shares it aims at. */
export const ASSOCIATION_COUNT = 300;
const FEDERATED_SHARE = 0.55;
const EMPLOYER_SHARE = 0.25;
const SMALL_EMPLOYER_SHARE = 0.35;
const BASED_IN_QPV_SHARE = 0.75;
const SIRET_SHARE_OF_NON_EMPLOYERS = 0.1;

export interface OrganizationsPart {
  organizations: DemoOrganization[];
  coverages: DemoCoverage[];
  memberships: DemoMembership[];
  networkIndexByKey: Map<string, number>;
  partnerIndexByKey: Map<string, number>;
  /** Indexes of all associations (network heads first). */
  associationIndexes: number[];
  /** Network keys each association is a current member of. */
  networksOf: Map<number, string[]>;
}

/** Splits a total over weights, largest remainder first (ties by position), so counts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

function etp(value: number): string {
  return value.toFixed(2);
}

function addressLine(rng: Random): string {
  const number = rng.int(1, 180);
  return `${number}${rng.chance(0.06) ? " bis" : ""} ${rng.pick(STREETS)}`;
}

export function buildOrganizations(territory: DemoTerritory, seed: number): OrganizationsPart {
  const rng = Random.derive(seed, "organizations");
  const organizations: DemoOrganization[] = [];
  const usedNames = new Set<string>();
  const rnaPrefixes = new Map<number, string>();
  const withSiret = new Set<number>();

  // 1. Network heads.
  const networkIndexByKey = new Map<string, number>();
  for (const spec of NETWORKS) {
    const index = organizations.length;
    organizations.push(networkHead(spec, territory, rng));
    usedNames.add(spec.name);
    networkIndexByKey.set(spec.key, index);
    if (!spec.realName) {
      rnaPrefixes.set(index, territory.communeByCode.get(spec.communeCode)!.rnaPrefix);
      if (Number(spec.staffEtp) > 0) withSiret.add(index);
    }
  }

  // 2. Associations, by area and commune.
  const simpleCount = ASSOCIATION_COUNT - NETWORKS.length;
  const areaCounts = apportion(simpleCount, AREAS.map((a) => a.share));
  const usedOnePerQpv = new Set<string>();
  AREAS.forEach((area, areaIndex) => {
    const communes = area.communes.map((c) => territory.communeByCode.get(c.inseeCode)!);
    const communeCounts = apportion(areaCounts[areaIndex], communes.map((c) => c.weight));
    communes.forEach((commune, ci) => {
      for (let i = 0; i < communeCounts[ci]; i++) {
        const association = newAssociation(commune, territory, usedNames, usedOnePerQpv, rng);
        rnaPrefixes.set(organizations.length, commune.rnaPrefix);
        organizations.push(association);
      }
    });
  });
  const associationIndexes = organizations.map((_, i) => i);
  const simpleIndexes = associationIndexes.slice(NETWORKS.length);

  // 3. Staff: exact shares of non-employers, small employers (<= 2 ETP) and employers.
  assignStaff(organizations, simpleIndexes, rng);
  for (const index of simpleIndexes) {
    const staff = organizations[index].staffEtp;
    if ((staff !== null && Number(staff) > 0) || rng.chance(SIRET_SHARE_OF_NON_EMPLOYERS)) withSiret.add(index);
  }
  assignRegistryNumbers(organizations, rnaPrefixes, withSiret, rng);
  const usedDomains = new Set<string>();
  for (const index of associationIndexes) {
    const spec = index < NETWORKS.length ? NETWORKS[index] : null;
    if (spec?.realName) continue;
    const commune = territory.communeByCode.get(organizations[index].communeInseeCode!)!;
    assignWebPresence(organizations[index], commune.name, usedDomains, rng);
  }

  // 4. Memberships: exact share of federated associations.
  const { memberships, networksOf } = buildMemberships(organizations, simpleIndexes, networkIndexByKey, rng);

  // 5. Partners and their coverage.
  const partnerIndexByKey = new Map<string, number>();
  const coverages: DemoCoverage[] = [];
  for (const spec of PARTNERS) {
    const index = organizations.length;
    organizations.push(partner(spec, territory, rng));
    if (usedNames.has(spec.name)) throw new Error(`duplicate demo organisation name ${spec.name}`);
    usedNames.add(spec.name);
    partnerIndexByKey.set(spec.key, index);
    for (const c of spec.coverage) {
      coverages.push({
        orgIndex: index,
        regionCode: "region" in c ? c.region : null,
        departmentCode: "department" in c ? c.department : null,
        epciSiren: "epci" in c ? c.epci : null,
        communeInseeCode: "commune" in c ? c.commune : null,
      });
    }
  }

  return { organizations, coverages, memberships, networkIndexByKey, partnerIndexByKey, associationIndexes, networksOf };
}

function networkHead(spec: NetworkSpec, territory: DemoTerritory, rng: Random): DemoOrganization {
  const commune = territory.communeByCode.get(spec.communeCode);
  if (!commune) throw new Error(`network ${spec.key}: commune ${spec.communeCode} is not in the demo territory`);
  const location = jitter(commune, 0.004, rng);
  const homeQpv = nearestQpvs(location, commune.qpvs)[0];
  return {
    kind: "ASSOCIATION",
    name: spec.name,
    shortName: spec.shortName,
    siren: null,
    siret: null,
    rna: null,
    purpose: spec.purpose,
    grouping: spec.grouping,
    createdOn: spec.createdOn,
    staffEtp: spec.staffEtp,
    volunteers: spec.volunteers,
    members: spec.members,
    partnerType: null,
    address: spec.realName ? null : addressLine(rng),
    postalCode: postalCodeAt(commune, location),
    communeInseeCode: commune.inseeCode,
    latitude: location.latitude,
    longitude: location.longitude,
    website: null,
    email: null,
    themes: spec.themes.slice(),
    qpvs: [],
    meta: { key: `network:${spec.key}`, area: spec.area, kindKey: spec.key, isNetwork: true, homeQpv: homeQpv.code },
  };
}

function newAssociation(
  commune: DemoCommune,
  territory: DemoTerritory,
  usedNames: Set<string>,
  usedOnePerQpv: Set<string>,
  rng: Random,
): DemoOrganization {
  let kind: AssociationKind;
  let based: boolean;
  let baseQpv: DemoQpv;
  for (;;) {
    kind = rng.weighted(ASSOCIATION_KINDS, (k) => k.weight);
    based = kind.onePerQpv ? true : rng.chance(BASED_IN_QPV_SHARE);
    if (!kind.onePerQpv) {
      baseQpv = rng.pick(commune.qpvs);
      break;
    }
    const free = commune.qpvs.filter((q) => !usedOnePerQpv.has(`${kind.key}|${q.code}`));
    if (free.length > 0) {
      baseQpv = rng.pick(free);
      usedOnePerQpv.add(`${kind.key}|${baseQpv.code}`);
      break;
    }
  }
  const location = based ? jitter(baseQpv, 0.0025, rng) : jitter(commune, 0.007, rng);
  const homeQpv = based ? baseQpv : nearestQpvs(location, commune.qpvs)[0];

  const vars = { q: homeQpv.label, c: commune.name, n: rng.pick(EVOCATIVE_NAMES) };
  let name = "";
  for (let attempt = 0; attempt < 12; attempt++) {
    name = fill(rng.pick(kind.names), vars);
    if (!usedNames.has(name)) break;
    vars.n = rng.pick(EVOCATIVE_NAMES);
  }
  if (usedNames.has(name)) name = `${name} (${commune.name})`;
  for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \d+$/, "")} ${n}`;
  usedNames.add(name);
  const abbreviated = abbreviation(name);
  const shortName = abbreviated && rng.chance(0.6) ? abbreviated : null;

  const createdYear = rng.int(kind.createdYears[0], Math.min(kind.createdYears[1], 2024));
  const createdOn = dateBetween(`${createdYear}-01-01`, `${createdYear}-12-31`, rng.next());

  const themes = [kind.themes[0]];
  for (const extra of kind.themes.slice(1)) if (themes.length < 3 && rng.chance(0.4)) themes.push(extra);

  const qpvs: DemoOrganization["qpvs"] = based ? [{ code: baseQpv.code, presence: "BASED" }] : [];
  if (!kind.onePerQpv) {
    const areaQpvs = territory.qpvs.filter((q) => q.area === commune.area);
    const nearby = nearestQpvs(location, areaQpvs).filter((q) => !qpvs.some((p) => p.code === q.code)).slice(0, 4);
    const activeCount = based ? rng.pick([0, 0, 1, 1, 2]) : rng.pick([1, 1, 2]);
    for (const q of rng.sample(nearby, activeCount)) qpvs.push({ code: q.code, presence: "ACTIVE" });
  }

  return {
    kind: "ASSOCIATION",
    name,
    shortName,
    siren: null,
    siret: null,
    rna: null,
    purpose: fill(rng.pick(kind.purposes), vars),
    grouping: "SIMPLE",
    createdOn,
    staffEtp: null,
    volunteers: rng.int(kind.volunteers[0], kind.volunteers[1]),
    members: rng.int(kind.members[0], kind.members[1]),
    partnerType: null,
    address: addressLine(rng),
    postalCode: postalCodeAt(commune, location),
    communeInseeCode: commune.inseeCode,
    latitude: location.latitude,
    longitude: location.longitude,
    website: null,
    email: null,
    themes,
    qpvs,
    meta: { key: `association:${name}`, area: commune.area, kindKey: kind.key, isNetwork: false, homeQpv: homeQpv.code },
  };
}

/** Gives staff figures so that the whole set of associations matches the target employer-size shares exactly. */
function assignStaff(organizations: DemoOrganization[], simpleIndexes: number[], rng: Random): void {
  const heads = NETWORKS.map((n) => Number(n.staffEtp));
  const headEmployers = heads.filter((s) => s > 2).length;
  const headSmall = heads.filter((s) => s > 0 && s <= 2).length;
  const employerTarget = Math.round(ASSOCIATION_COUNT * EMPLOYER_SHARE) - headEmployers;
  const smallTarget = Math.round(ASSOCIATION_COUNT * SMALL_EMPLOYER_SHARE) - headSmall;
  const kindOf = (i: number) => KIND_BY_KEY.get(organizations[i].meta.kindKey)!;

  const employers = new Set(rng.weightedSample(simpleIndexes, employerTarget, (i) => kindOf(i).employerWeight));
  const rest = simpleIndexes.filter((i) => !employers.has(i));
  const small = new Set(rng.weightedSample(rest, smallTarget, (i) => kindOf(i).smallWeight));
  const smallValues = [0.5, 0.6, 0.8, 1, 1, 1.2, 1.5, 1.5, 1.8, 2];
  for (const i of simpleIndexes) {
    const org = organizations[i];
    if (employers.has(i)) {
      const [min, max] = kindOf(i).employerEtp;
      org.staffEtp = etp(Math.max(2.2, round(rng.float(min, max), 1)));
      org.volunteers = Math.max(org.volunteers ?? 0, rng.int(8, 40));
    } else if (small.has(i)) {
      org.staffEtp = etp(rng.pick(smallValues));
    } else {
      org.staffEtp = rng.chance(0.1) ? null : etp(0);
    }
  }
}

/** A web address and a public contact address of the organisation itself, for most associations. */
function assignWebPresence(org: DemoOrganization, communeName: string, usedDomains: Set<string>, rng: Random): void {
  if (!rng.chance(0.7)) return;
  let base = slug(org.shortName ?? org.name);
  if (base.length > 40) base = base.slice(0, 40).replace(/-[^-]*$/, "");
  let domain = `${base}.${rng.chance(0.7) ? "fr" : "org"}`;
  if (usedDomains.has(domain)) {
    domain = `${base}-${slug(communeName)}.${domain.split(".").pop()}`;
  }
  if (usedDomains.has(domain)) return;
  usedDomains.add(domain);
  if (rng.chance(0.6)) org.website = `https://${rng.chance(0.6) ? "www." : ""}${domain}`;
  if (rng.chance(0.9)) org.email = `${rng.pick(["contact", "contact", "accueil", "bonjour", "asso", "secretariat"])}@${domain}`;
}

function buildMemberships(
  organizations: DemoOrganization[],
  simpleIndexes: number[],
  networkIndexByKey: Map<string, number>,
  rng: Random,
): { memberships: DemoMembership[]; networksOf: Map<number, string[]> } {
  const memberships: DemoMembership[] = [];
  const networksOf = new Map<number, string[]>();
  const add = (networkKey: string, memberIndex: number, joinedOn: string | null, leftOn: string | null) => {
    memberships.push({ networkIndex: networkIndexByKey.get(networkKey)!, memberIndex, joinedOn, leftOn });
    if (leftOn === null) networksOf.set(memberIndex, [...(networksOf.get(memberIndex) ?? []), networkKey]);
  };

  // Networks that are members of another network.
  NETWORKS.forEach((spec, index) => {
    for (const parent of spec.memberOf) add(parent.key, index, parent.joinedOn, null);
  });
  const headsFederated = NETWORKS.filter((n) => n.memberOf.length > 0).length;
  const target = Math.round(ASSOCIATION_COUNT * FEDERATED_SHARE) - headsFederated;

  const kindOf = (i: number) => KIND_BY_KEY.get(organizations[i].meta.kindKey)!;
  const available = (i: number): string[] => {
    const org = organizations[i];
    const kind = kindOf(i);
    const inArea = NETWORKS.filter((n) => n.area === org.meta.area);
    const preferred = kind.networks.filter((key) => inArea.some((n) => n.key === key && !n.acceptsAll));
    const generic = inArea.filter((n) => n.acceptsAll && !preferred.includes(n.key)).map((n) => n.key);
    const list = [...preferred, ...generic];
    if (list.length === 0 && org.meta.area === "lille") list.push("union-quartiers-mel");
    return list;
  };
  const federated = rng.weightedSample(simpleIndexes, target, (i) => {
    const staff = Number(organizations[i].staffEtp ?? 0);
    return kindOf(i).federatedWeight * (staff > 2 ? 1.6 : 1) * (available(i).length > 0 ? 1 : 0);
  });
  for (const i of federated.slice().sort((a, b) => a - b)) {
    const org = organizations[i];
    const options = available(i);
    if (options.length === 0) throw new Error(`no network for association ${org.name}`);
    const first = rng.chance(0.7) ? options[0] : rng.pick(options);
    const floor = maxDate(org.createdOn ?? "2000-01-01", "2000-01-01");
    add(first, i, dateBetween(floor, addDays(DEMO_TODAY, -30), rng.next()), null);
    const others = options.filter((k) => k !== first);
    if (others.length > 0 && rng.chance(0.15)) {
      add(rng.pick(others), i, dateBetween(floor, addDays(DEMO_TODAY, -30), rng.next()), null);
    } else if (others.length > 0 && rng.chance(0.05)) {
      // A network the association has left since (it remains federated through its current one).
      const joined = dateBetween(floor, maxDate(floor, "2020-12-31"), rng.next());
      const left = addDays(joined, rng.int(365, 1400));
      add(rng.pick(others), i, joined, left < DEMO_TODAY ? left : addDays(DEMO_TODAY, -10));
    }
  }
  return { memberships, networksOf };
}

function partner(spec: PartnerSpec, territory: DemoTerritory, rng: Random): DemoOrganization {
  let siren: string | null = null;
  if (spec.epciSiren) {
    if (!territory.epcis.has(spec.epciSiren)) throw new Error(`partner ${spec.key}: EPCI ${spec.epciSiren} is not in the reference data`);
    siren = spec.epciSiren;
  }
  const covered = new Set<string>();
  for (const commune of territory.communes) {
    const inCoverage =
      spec.coverage.length === 0 ||
      spec.coverage.some((c) =>
        ("region" in c && c.region === commune.regionCode) ||
        ("department" in c && c.department === commune.departmentCode) ||
        ("epci" in c && c.epci === commune.epciSiren) ||
        ("commune" in c && c.commune === commune.inseeCode));
    if (inCoverage) covered.add(commune.inseeCode);
  }
  let postalCode: string | null = null;
  let location: { latitude: number; longitude: number } | null = null;
  let communeCode: string | null = null;
  if (spec.communeCode) {
    const commune = territory.communeByCode.get(spec.communeCode);
    if (!commune) throw new Error(`partner ${spec.key}: commune ${spec.communeCode} is not in the demo territory`);
    communeCode = commune.inseeCode;
    postalCode = spec.postalCode === undefined ? (commune.districts.length ? null : commune.postalCode) : spec.postalCode;
    const district = postalCode ? commune.districts.find((d) => d.postalCode === postalCode) : undefined;
    location = jitter(district ?? commune, 0.002, rng);
  }
  return {
    kind: "PARTNER",
    name: spec.name,
    shortName: spec.shortName ?? null,
    siren,
    siret: null,
    rna: null,
    purpose: null,
    grouping: null,
    createdOn: null,
    staffEtp: null,
    volunteers: null,
    members: null,
    partnerType: spec.type,
    address: null,
    postalCode,
    communeInseeCode: communeCode,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    website: spec.website ?? null,
    email: null,
    themes: [],
    qpvs: [],
    meta: { key: `partner:${spec.key}`, area: spec.area, kindKey: spec.key, isNetwork: false, coveredCommunes: covered },
  };
}
