import { buildCharterSignatures } from "./build-charter";
import { buildEvents } from "./build-events";
import { buildOrganizations } from "./build-organizations";
import { buildProjects } from "./build-projects";
import { buildContratsDeVille } from "./contrats-de-ville";
import type { DemoDataset } from "./dataset";
import { buildGoodPractices } from "./good-practices";
import type { DemoTerritory } from "./territory";

/** Builds the whole demo dataset in memory: a pure function of the territory and the seed. */
export function buildDemoDataset(territory: DemoTerritory, seed: number): DemoDataset {
  const orgs = buildOrganizations(territory, seed);
  const projects = buildProjects(territory, orgs, seed);
  return {
    organizations: orgs.organizations,
    coverages: orgs.coverages,
    memberships: orgs.memberships,
    contratsDeVille: buildContratsDeVille(territory, orgs),
    projects,
    events: buildEvents(territory, orgs, projects, seed),
    charterSignatures: buildCharterSignatures(orgs, seed),
    goodPractices: buildGoodPractices(territory, orgs, projects, seed),
  };
}
