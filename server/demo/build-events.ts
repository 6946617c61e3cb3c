import { DEMO_TODAY, addDays, dateBetween, dayNumber, maxDate, minDate, parisTimestamp, weekday } from "./calendar";
import type { DemoEvent, DemoOrganization, DemoProject } from "./dataset";
import type { OrganizationsPart } from "./build-organizations";
import { apportion } from "./build-organizations";
import { EVENT_TEMPLATES, EventKind, EventTemplate } from "./event-templates";
import { jitter, postalCodeAt } from "./geo";
import { STREETS, de, fill } from "./names";
import { Random } from "./random";
import { AREAS, DemoCommune, DemoQpv, DemoTerritory } from "./territory";

/**
 * Builds the residents' participation events of the demo dataset (2024 to mid-2027): most tied
 * to a project, held in one of its QPVs on weekday evenings or weekends, with counted attendance
 * for past events only (residents are counted, never named).
 */

export const EVENT_COUNT = 250;
const FIRST_DAY = "2024-01-08";
const LAST_DAY = "2027-06-30";
const PROJECT_SHARE = 0.6;

/** Event kinds that fit a kind of project best. */
const KINDS_BY_PROJECT: Record<string, EventKind[]> = {
  festival: ["NEIGHBOURHOOD_FESTIVAL", "NEIGHBOURHOOD_FESTIVAL", "WORKSHOP", "PUBLIC_MEETING"],
  diagnostic: ["DIAGNOSTIC_EN_MARCHANT", "DIAGNOSTIC_EN_MARCHANT", "CONSULTATION", "PUBLIC_MEETING"],
  "formation-benevoles": ["TRAINING", "TRAINING", "WORKSHOP"],
  "mutualisation-poste": ["TRAINING", "PUBLIC_MEETING"],
  collectif: ["PUBLIC_MEETING", "TRAINING", "CONSULTATION"],
  "fonds-participation": ["CONSULTATION", "CONSEIL_CITOYEN", "PUBLIC_MEETING"],
  "locaux-partages": ["PUBLIC_MEETING", "WORKSHOP"],
};

const ACCESSIBILITY: [string, number][] = [
  ["WHEELCHAIR", 0.6], ["HEARING_LOOP", 0.06], ["SIGN_LANGUAGE", 0.05], ["EASY_READ", 0.15], ["INTERPRETING", 0.12], ["CHILDCARE", 0.2],
];

const VENUE_HOSTS = new Set(["centre-social", "espace-vie-sociale", "mjc"]);
const SQUARES = ["place du Marché", "place de la République", "place de la Liberté", "esplanade des Droits de l'Homme", "place Jean Jaurès", "square des Acacias"];
const SCHOOLS = ["Jules Ferry", "Jean Macé", "Louise Michel", "Jacques Prévert", "Pauline Kergomard", "Paul Bert", "Marie Curie"];

/** Moves a date to a fitting day: a Saturday or Sunday for weekend events, Monday to Thursday otherwise. */
function fitDay(date: string, weekend: boolean, rng: Random): string {
  let d = date;
  if (weekend) {
    while (weekday(d) !== 6) d = addDays(d, 1);
    if (rng.chance(0.3)) d = addDays(d, 1);
  } else {
    while (weekday(d) === 0 || weekday(d) >= 5) d = addDays(d, 1);
  }
  return d;
}

export function buildEvents(territory: DemoTerritory, orgs: OrganizationsPart, projects: DemoProject[], seed: number): DemoEvent[] {
  const rng = Random.derive(seed, "events");
  const { organizations } = orgs;
  const events: DemoEvent[] = [];
  const eventsOfProject = new Map<number, number>();
  const areaCounts = apportion(EVENT_COUNT, AREAS.map((a) => a.share));

  AREAS.forEach((area, areaIndex) => {
    const areaAssociations = orgs.associationIndexes.filter((i) => organizations[i].meta.area === area.key && !organizations[i].meta.isNetwork);
    const areaPartners = [...orgs.partnerIndexByKey.values()].filter((i) => organizations[i].meta.area === area.key);
    const projectCandidates = projects
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => p.meta.area === area.key && (p.status === "ACTIVE" || p.status === "COMPLETED") && p.startDate && p.endDate)
      .filter(({ p }) => dayNumber(minDate(p.endDate!, LAST_DAY)) - dayNumber(maxDate(p.startDate!, FIRST_DAY)) >= 21);
    const areaQpvs = territory.qpvs.filter((q) => q.area === area.key);
    const basedCount = new Map<string, number>();
    for (const i of areaAssociations) for (const q of organizations[i].qpvs) basedCount.set(q.code, (basedCount.get(q.code) ?? 0) + 1);

    for (let e = 0; e < areaCounts[areaIndex]; e++) {
      let template: EventTemplate;
      let date: string;
      let qpv: DemoQpv;
      let projectIndex: number | null = null;
      let organizers: number[];

      if (projectCandidates.length > 0 && rng.chance(PROJECT_SHARE)) {
        const { p, index } = rng.weighted(projectCandidates, ({ index: i }) => 1 / (1 + (eventsOfProject.get(i) ?? 0)));
        projectIndex = index;
        eventsOfProject.set(index, (eventsOfProject.get(index) ?? 0) + 1);
        const kinds = KINDS_BY_PROJECT[p.meta.templateKey] ?? ["WORKSHOP", "WORKSHOP", "PUBLIC_MEETING", "CONSULTATION"];
        const kind = rng.pick(kinds);
        template = EVENT_TEMPLATES.find((t) => t.kind === kind)!;
        date = dateBetween(maxDate(p.startDate!, FIRST_DAY), minDate(p.endDate!, LAST_DAY), rng.next());
        qpv = territory.qpvByCode.get(rng.pick(p.qpvCodes))!;
        const lead = p.participants.find((x) => x.role === "LEAD")!.orgIndex;
        const others = p.participants.filter((x) => x.role === "PARTNER" || x.role === "SUPPORT").map((x) => x.orgIndex);
        organizers = [lead, ...rng.sample(others, rng.pick([0, 1, 1, 2]))];
      } else {
        template = rng.weighted(EVENT_TEMPLATES, (t) => t.weight);
        date = dateBetween(FIRST_DAY, LAST_DAY, rng.next());
        qpv = rng.weighted(areaQpvs, (q) => 0.3 + (basedCount.get(q.code) ?? 0));
        const present = areaAssociations.filter((i) => organizations[i].qpvs.some((x) => x.code === qpv.code));
        const council = present.find((i) => organizations[i].meta.kindKey === "conseil-citoyen");
        const pool = present.length > 0 ? present : areaAssociations.filter((i) => qpv.communeCodes.includes(organizations[i].communeInseeCode!));
        if (template.kind === "CONSEIL_CITOYEN" && council !== undefined) organizers = [council];
        else organizers = rng.sample(pool, rng.pick([1, 1, 2]));
        if (organizers.length === 0) organizers = [rng.pick(areaAssociations)];
        const institutions = areaPartners.filter((i) => {
          const org = organizations[i];
          const covers = qpv.communeCodes.some((c) => org.meta.coveredCommunes!.has(c));
          return covers && ["COMMUNE", "PREFECT_DELEGATE", "SOCIAL_LANDLORD", "EPCI"].includes(org.partnerType!);
        });
        const wantsInstitution = template.kind === "CONSEIL_CITOYEN" || template.kind === "DIAGNOSTIC_EN_MARCHANT" || template.kind === "PUBLIC_MEETING"
          ? 0.6 : 0.2;
        if (institutions.length > 0 && rng.chance(wantsInstitution)) organizers.push(rng.pick(institutions));
      }
      organizers = [...new Set(organizers)].slice(0, 3);

      const weekend = rng.chance(template.weekendShare);
      const latest = projectIndex === null ? LAST_DAY : minDate(projects[projectIndex].endDate!, LAST_DAY);
      date = fitDay(date, weekend, rng);
      while (date > latest) date = addDays(date, -7);
      const startMinutes = rng.pick(weekend ? template.weekendStarts : template.weekdayStarts);
      const duration = Math.round(rng.int(template.duration[0], template.duration[1]) / 15) * 15;
      const endMinutes = Math.min(startMinutes + duration, 23 * 60 + 30);

      const communeCode = chooseCommune(qpv, organizers.map((i) => organizations[i]), territory);
      const commune = territory.communeByCode.get(communeCode)!;
      const venue = chooseVenue(template, qpv, organizers.map((i) => organizations[i]), commune, rng);

      const upcoming = date > DEMO_TODAY;
      let residents: number | null = null;
      let associations: number | null = null;
      let total: number | null = null;
      if (!upcoming) {
        residents = rng.int(template.residents[0], template.residents[1]);
        const organizingAssociations = organizers.filter((i) => organizations[i].kind === "ASSOCIATION").length;
        associations = Math.max(organizingAssociations, rng.int(template.associations[0], template.associations[1]));
        total = residents + associations * rng.int(1, 3) + rng.int(0, 8);
      }
      const vars = { q: qpv.label, c: commune.name };
      events.push({
        title: fill(rng.pick(template.titles), vars),
        description: fill(rng.pick(template.descriptions), vars),
        kind: template.kind,
        startsAt: parisTimestamp(date, startMinutes),
        endsAt: parisTimestamp(date, endMinutes),
        venueName: venue.name,
        venueAddress: venue.address,
        communeInseeCode: commune.inseeCode,
        latitude: venue.latitude,
        longitude: venue.longitude,
        qpvCode: qpv.code,
        projectIndex,
        residentsCount: residents,
        associationsCount: associations,
        totalCount: total,
        accessibility: ACCESSIBILITY.filter(([, p]) => rng.chance(p)).map(([a]) => a),
        organizerIndexes: organizers,
      });
    }
  });
  return events;
}

/** The commune of the event: an organiser's when the QPV lies in it, otherwise the QPV's first demo commune. */
function chooseCommune(qpv: DemoQpv, organizers: DemoOrganization[], territory: DemoTerritory): string {
  for (const org of organizers) if (org.communeInseeCode && qpv.communeCodes.includes(org.communeInseeCode)) return org.communeInseeCode;
  const code = qpv.communeCodes[0];
  if (!territory.communeByCode.has(code)) throw new Error(`QPV ${qpv.code} has no demo commune`);
  return code;
}

function chooseVenue(
  template: EventTemplate,
  qpv: DemoQpv,
  organizers: DemoOrganization[],
  commune: DemoCommune,
  rng: Random,
): { name: string; address: string; latitude: number; longitude: number } {
  const communeName = commune.name;
  const host = organizers.find((o) => o.kind === "ASSOCIATION" && VENUE_HOSTS.has(o.meta.kindKey) && o.address && o.qpvs.some((q) => q.code === qpv.code && q.presence === "BASED"));
  if (host && template.venues.includes("Centre social")) {
    return { name: host.name, address: `${host.address}, ${host.postalCode} ${communeName}`, latitude: host.latitude!, longitude: host.longitude! };
  }
  const kind = rng.pick(template.venues.filter((v) => v !== "Centre social"));
  const point = jitter(qpv, 0.002, rng);
  const postalCode = postalCodeAt(commune, point);
  const street = `${rng.int(1, 160)} ${rng.pick(STREETS)}`;
  if (kind === "Place") {
    const square = rng.pick(SQUARES);
    return { name: square.charAt(0).toUpperCase() + square.slice(1), address: `${square}, ${postalCode} ${communeName}`, ...point };
  }
  if (kind === "Parc") return { name: `Parc ${de(qpv.label)}`, address: `${street}, ${postalCode} ${communeName}`, ...point };
  if (kind === "Parvis de l'école") {
    const school = rng.pick(SCHOOLS);
    return { name: `Parvis de l'école ${school}`, address: `${street}, ${postalCode} ${communeName}`, ...point };
  }
  if (kind === "École élémentaire" || kind === "Collège") {
    return { name: `${kind} ${rng.pick(SCHOOLS)}`, address: `${street}, ${postalCode} ${communeName}`, ...point };
  }
  return { name: `${kind} ${qpv.label}`, address: `${street}, ${postalCode} ${communeName}`, ...point };
}
