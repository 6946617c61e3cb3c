import { DEMO_TODAY, addDays, addMonths, dateBetween, maxDate, minDate, yearOf } from "./calendar";
import type { DemoOrganization, DemoProject, FundingScheme, ParticipantRole, ProjectStatus } from "./dataset";
import type { OrganizationsPart } from "./build-organizations";
import { apportion } from "./build-organizations";
import { nearestQpvs } from "./geo";
import { TemplateVars, fill } from "./names";
import { PARTNER_BY_KEY, FundingSpec } from "./partners";
import { PROJECT_TEMPLATES, ProjectTemplate } from "./project-templates";
import { Random, round } from "./random";
import { AREAS, DemoTerritory } from "./territory";

/**
 * Builds the cooperation projects of the demo dataset: one lead association, partner
 * associations and institutions nearby, funders covering the place, fundings within the
 * project's years, the QPVs, themes and stakes concerned.
 */

export const PROJECT_COUNT = 120;

const STATUS_WEIGHTS: [ProjectStatus, number][] = [["COMPLETED", 38], ["ACTIVE", 37], ["PROPOSED", 15], ["ABANDONED", 10]];

/** Extra weight of a funding scheme for some kinds of project (adultes-relais for mediation...). */
function schemeBonus(template: ProjectTemplate, spec: FundingSpec): number {
  if (spec.scheme === "ADULTE_RELAIS") return template.key === "mediation" ? 6 : 0.15;
  if (spec.scheme === "DLA") return template.key === "mutualisation-poste" || template.key === "formation-benevoles" ? 6 : 0.1;
  if (spec.scheme === "FONJEP") return ["mutualisation-poste", "collectif", "formation-benevoles"].includes(template.key) ? 4 : 0.4;
  if (spec.scheme === "CONTRAT_DE_VILLE") return 1.5;
  return 1;
}

/** An amount in euros with 2 decimals: usually a round figure, sometimes to the cent. */
function amount(min: number, max: number, rng: Random): string {
  const raw = rng.float(Math.max(1500, min), Math.min(80000, max));
  const value = rng.chance(0.8) ? Math.max(1500, Math.round(raw / 50) * 50) : round(raw, 2);
  return value.toFixed(2);
}

function projectDates(status: ProjectStatus, template: ProjectTemplate, rng: Random): { start: string | null; end: string | null } {
  const months = rng.int(template.months[0], template.months[1]);
  const startOfMonth = (d: string) => (rng.chance(0.6) ? `${d.slice(0, 8)}01` : d);
  switch (status) {
    case "COMPLETED": {
      const start = startOfMonth(dateBetween("2021-01-01", addMonths(addDays(DEMO_TODAY, -20), -months), rng.next()));
      const end = minDate(addDays(addMonths(start, months), -1), addDays(DEMO_TODAY, -10));
      return { start, end: maxDate(end, start) };
    }
    case "ACTIVE": {
      const earliest = maxDate("2021-01-01", addMonths(DEMO_TODAY, -months + 1));
      const start = startOfMonth(dateBetween(earliest, addDays(DEMO_TODAY, -20), rng.next()));
      let end = addDays(addMonths(start, months), -1);
      if (end <= DEMO_TODAY) end = addMonths(DEMO_TODAY, rng.int(1, 10));
      return { start, end };
    }
    case "PROPOSED": {
      if (rng.chance(0.2)) return { start: null, end: null };
      const start = rng.chance(0.3) ? "2026-12-01" : `2027-0${rng.int(1, 4)}-01`;
      return { start, end: addDays(addMonths(start, months), -1) };
    }
    case "ABANDONED": {
      const start = startOfMonth(dateBetween("2021-03-01", "2026-03-01", rng.next()));
      if (rng.chance(0.3)) return { start, end: null };
      return { start, end: minDate(addMonths(start, rng.int(2, 10)), addDays(DEMO_TODAY, -5)) };
    }
  }
}

export function buildProjects(territory: DemoTerritory, orgs: OrganizationsPart, seed: number): DemoProject[] {
  const rng = Random.derive(seed, "projects");
  const { organizations, networksOf } = orgs;
  const partnerIndexes = [...orgs.partnerIndexByKey.values()];
  const leadCount = new Map<number, number>();
  const participations = new Map<number, number>();
  const projects: DemoProject[] = [];
  const usedTitles = new Set<string>();
  const areaCounts = apportion(PROJECT_COUNT, AREAS.map((a) => a.share));

  AREAS.forEach((area, areaIndex) => {
    const areaAssociations = orgs.associationIndexes.filter((i) => organizations[i].meta.area === area.key);
    const areaQpvs = territory.qpvs.filter((q) => q.area === area.key);
    for (let p = 0; p < areaCounts[areaIndex]; p++) {
      const template = rng.weighted(PROJECT_TEMPLATES, (t) => t.weight);
      const lead = rng.weighted(areaAssociations, (i) => {
        const org = organizations[i];
        const fits = template.leadKinds.includes(org.meta.kindKey) ? 8 : org.meta.isNetwork ? 0.6 : 0.4;
        const staff = Number(org.staffEtp ?? 0);
        return (fits * (staff > 2 ? 1.5 : 1)) / (1 + 2 * (leadCount.get(i) ?? 0));
      });
      leadCount.set(lead, (leadCount.get(lead) ?? 0) + 1);
      const leadOrg = organizations[lead];
      const commune = territory.communeByCode.get(leadOrg.communeInseeCode!)!;
      const homeQpv = territory.qpvByCode.get(leadOrg.meta.homeQpv!)!;
      const nearby = nearestQpvs(homeQpv, areaQpvs).filter((q) => q.code !== homeQpv.code).slice(0, 4);
      const qpvCodes = [homeQpv.code, ...rng.sample(nearby, rng.pick([0, 0, 1, 1, 2])).map((q) => q.code)];

      const status = rng.weighted(STATUS_WEIGHTS, (s) => s[1])[0];
      const { start, end } = projectDates(status, template, rng);
      const vars = { q: homeQpv.label, c: commune.name, n: "", y: String(start ? yearOf(start) : 2027) };

      const participants: { orgIndex: number; role: ParticipantRole }[] = [{ orgIndex: lead, role: "LEAD" }];
      const involved = new Set<number>([lead]);
      const coveringPartners = partnerIndexes.filter((i) => organizations[i].meta.coveredCommunes!.has(commune.inseeCode));
      const partnerCount = rng.weighted([1, 2, 3, 4], (n) => [30, 35, 20, 15][n - 1]);
      for (let k = 0; k < partnerCount; k++) {
        const institutional = template.partnerTypes
          ? coveringPartners.filter((i) => !involved.has(i) && template.partnerTypes!.includes(organizations[i].partnerType!))
          : [];
        let chosen: number | undefined;
        if (institutional.length > 0 && rng.chance(0.3)) {
          chosen = rng.weighted(institutional, (i) => (organizations[i].meta.area === "national" ? 0.2 : 1));
        } else {
          const candidates = areaAssociations.filter((i) => !involved.has(i) && !organizations[i].meta.isNetwork);
          chosen = rng.weighted(candidates, (i) => {
            const org = organizations[i];
            const inQpv = org.qpvs.some((x) => qpvCodes.includes(x.code)) ? 5 : 0;
            const sameCommune = org.communeInseeCode === commune.inseeCode ? 2 : 0.15;
            return (inQpv + sameCommune) / (1 + 0.5 * (participations.get(i) ?? 0));
          });
        }
        involved.add(chosen);
        participations.set(chosen, (participations.get(chosen) ?? 0) + 1);
        participants.push({ orgIndex: chosen, role: "PARTNER" });
      }

      const funderCount =
        status === "ACTIVE" || status === "COMPLETED" ? (rng.chance(0.55) ? 2 : 1) : rng.chance(0.5) ? 1 : 0;
      const funders = coveringPartners.filter((i) => PARTNER_BY_KEY.get(organizations[i].meta.kindKey)?.funds?.length);
      const funderWeight = (i: number) => {
        const spec = PARTNER_BY_KEY.get(organizations[i].meta.kindKey)!;
        const w = spec.funds!.reduce((sum, f) => sum + f.weight * schemeBonus(template, f), 0);
        return organizations[i].meta.area === "national" ? w * 0.3 : w;
      };
      const chosenFunders = rng.weightedSample(funders.filter((i) => !involved.has(i)), funderCount, funderWeight);
      const fundings: DemoProject["fundings"] = [];
      for (const funder of chosenFunders) {
        participants.push({ orgIndex: funder, role: "FUNDER" });
        involved.add(funder);
        const spec = PARTNER_BY_KEY.get(organizations[funder].meta.kindKey)!;
        const scheme = rng.weighted(spec.funds!, (f) => f.weight * schemeBonus(template, f));
        const firstYear = start ? yearOf(start) : 2027;
        const lastYear = end ? Math.min(yearOf(end), 2027) : firstYear;
        const years = status === "ACTIVE" || status === "COMPLETED"
          ? [firstYear, ...(lastYear > firstYear && rng.chance(0.45) ? [firstYear + 1] : [])]
          : [firstYear];
        for (const year of years) {
          fundings.push({
            funderIndex: funder,
            amountEur: amount(scheme.min, scheme.max, rng),
            year,
            scheme: scheme.scheme as FundingScheme,
            schemeLabel: scheme.scheme === "OTHER" ? scheme.label ?? "Autre financement" : null,
          });
        }
      }

      if (rng.chance(0.35)) {
        const networks = networksOf.get(lead) ?? [];
        const supportSchemes = coveringPartners.filter(
          (i) => !involved.has(i) && ["SUPPORT_SCHEME", "PREFECT_DELEGATE"].includes(organizations[i].partnerType!),
        );
        let support: number | undefined;
        if (networks.length > 0 && rng.chance(0.7)) support = orgs.networkIndexByKey.get(rng.pick(networks));
        else if (supportSchemes.length > 0) support = rng.pick(supportSchemes);
        if (support !== undefined && !participants.some((x) => x.orgIndex === support && x.role === "SUPPORT")) {
          participants.push({ orgIndex: support, role: "SUPPORT" });
        }
      }

      const themes = [template.themes[0]];
      if (template.themes[1] && rng.chance(0.5)) themes.push(template.themes[1]);
      const leadTheme = leadOrg.themes[0];
      if (leadTheme && !themes.includes(leadTheme) && rng.chance(0.3)) themes.push(leadTheme);

      const stakes = [...template.stakes];
      const associationPartners = participants.filter((x) => organizations[x.orgIndex].kind === "ASSOCIATION");
      const nonFederated = associationPartners.some((x) => !networksOf.has(x.orgIndex) && !organizations[x.orgIndex].meta.isNetwork);
      const leadSmall = isSmallEmployer(leadOrg);
      const institutionsInvolved = participants.some((x) => x.role !== "FUNDER" && organizations[x.orgIndex].kind === "PARTNER");
      if (nonFederated && rng.chance(0.4)) stakes.push(2);
      if (leadSmall && rng.chance(0.4)) stakes.push(1);
      if (institutionsInvolved && rng.chance(0.5)) stakes.push(4);
      const uniqueStakes = [...new Set(stakes)].slice(0, 3).sort((a, b) => a - b);

      const [rMin, rMax] = template.residents;
      let residentsReached: number | null = null;
      if (status === "COMPLETED") residentsReached = rng.int(rMin, rMax);
      else if (status === "ACTIVE") residentsReached = Math.round(rng.int(rMin, rMax) * rng.float(0.3, 0.9));
      else if (status === "ABANDONED" && rng.chance(0.5)) residentsReached = rng.int(0, Math.max(5, Math.round(rMin / 2)));

      projects.push({
        title: uniqueTitle(template, vars, usedTitles, rng),
        summary: fill(rng.pick(template.summaries), vars),
        status,
        startDate: start,
        endDate: end,
        residentsReached,
        themes,
        qpvCodes,
        stakes: uniqueStakes,
        participants,
        fundings,
        meta: { templateKey: template.key, area: area.key, communeCode: commune.inseeCode },
      });
    }
  });
  for (const project of projects) {
    if (project.participants.filter((p) => p.role === "LEAD").length !== 1) throw new Error(`project ${project.title} needs one lead`);
  }
  return projects;
}

/** A title not used yet: another wording of the template, then the start year in brackets, then a number. */
function uniqueTitle(template: ProjectTemplate, vars: TemplateVars, used: Set<string>, rng: Random): string {
  const options = rng.shuffle(template.titles).map((t) => fill(t, vars));
  let title = [...options, ...options.map((t) => (t.endsWith(vars.y!) ? t : `${t} (${vars.y})`))].find((t) => !used.has(t));
  for (let n = 2; title === undefined; n++) title = [`${options[0]} – ${n}`].find((t) => !used.has(t));
  used.add(title);
  return title;
}

function isSmallEmployer(org: DemoOrganization): boolean {
  const staff = Number(org.staffEtp ?? 0);
  return staff > 0 && staff <= 2;
}
