import { CharterSignatureFilter, EventFilter, GoodPracticeFilter, ProjectFilter } from "../../../schema/inputs/activity-filters";
import { DashboardPeriod, DashboardScope } from "../../../schema/inputs/dashboard-inputs";
import { AssociationFilter } from "../../../schema/inputs/organization-filters";
import { TerritoryFilter } from "../../../schema/inputs/territory-filter";
import { fromGlobalIdOf, toGlobalId } from "../../../schema/global-id";
import { badInput } from "../../../schema/input-errors";
import { RequestLoaders } from "../../loaders/request-loaders";
import { NetworkOrganizations } from "../filters/compiled-filter";
import { checkedCodes } from "../filters/reference-codes";
import { addDays, checkedPeriod, parisMidnight, Period } from "./period";

/** Kinds of dashboard scope. */
export type ScopeKind = "QPV" | "COMMUNE" | "EPCI" | "DEPARTMENT" | "REGION" | "NETWORK";

/**
 * A dashboard's scope and period turned into the filters of the lists it must agree with: each figure
 * compiles these with the lists' own compilers (associationConditions, projectConditions...), so a
 * figure and the matching list query run the same SQL conditions.
 */
export interface DashboardFilters {
  kind: ScopeKind;
  /** The codes (or the network's id) the scope was given with. */
  values: string[];
  /** The network's key (NETWORK scope only). */
  networkKey?: number;
  /**
   * NETWORK scope: the organisations the projects, events, signatures and good practices filters name (as their
   * participantIds, organizerIds, organizationIds would): the head and its current, non-archived members, found
   * in SQL by each statement that needs them rather than brought to the server and sent back as keys.
   */
  organizations?: NetworkOrganizations;
  period: Period | null;
  /** `associations(filter: ...)`: the scope (the period does not apply to associations). */
  associations: AssociationFilter;
  /** `projects(filter: ...)`: the scope (with `organizations`), and with a period the projects running in it. */
  projects: ProjectFilter;
  /** `projects(filter: ...)` without the period: fundings are dated by their own year. */
  fundedProjects: ProjectFilter;
  /** `events(filter: ...)`: the scope, and with a period the events starting in it (Paris days). */
  events: EventFilter;
  /** `charterSignatures(filter: ...)`: the scope, and with a period the signatures in it. */
  signatures: CharterSignatureFilter;
  /** `goodPractices(filter: ...)`: the scope (the period does not apply); for a network, with `organizations`. */
  goodPractices: GoodPracticeFilter;
  /** Funding years of the period. */
  fundingYears: { from: number; to: number } | null;
}

const TERRITORY_FIELDS = {
  COMMUNE: "communeInseeCodes",
  EPCI: "epciSirens",
  DEPARTMENT: "departmentCodes",
  REGION: "regionCodes",
} as const satisfies Record<string, keyof TerritoryFilter>;

const CODE_KIND = { QPV: "qpv", COMMUNE: "commune", EPCI: "epci", DEPARTMENT: "department", REGION: "region" } as const;

const FIELDS: Record<ScopeKind, keyof DashboardScope> = {
  QPV: "qpvCodes", ...TERRITORY_FIELDS, NETWORK: "networkId",
};

const MAX_CODES = 100;

/** Checks the scope (exactly one kind, known codes) and the period, and builds the list filters. */
export async function dashboardFilters(
  loaders: RequestLoaders, scope: DashboardScope, periodInput: DashboardPeriod | null | undefined,
): Promise<DashboardFilters> {
  const given = (Object.keys(FIELDS) as ScopeKind[]).filter((kind) => scope[FIELDS[kind]] != null);
  if (given.length !== 1) {
    const fields = Object.values(FIELDS).join(", ");
    throw badInput(`Give exactly one of ${fields} in "scope", got ${given.length ? given.map((k) => FIELDS[k]).join(" and ") : "none"}.`,
      { argument: "scope", reason: "MALFORMED" });
  }
  const kind = given[0];
  const period = checkedPeriod(periodInput);
  const activity = {
    projects: period ? { activeFrom: period.from, activeTo: period.to } : {},
    events: period ? { startsAfter: parisMidnight(period.from), startsBefore: parisMidnight(addDays(period.to, 1)) } : {},
    signatures: period ? { signedFrom: period.from, signedTo: period.to } : {},
  };
  const base = {
    kind, period,
    fundingYears: period ? { from: Number(period.from.slice(0, 4)), to: Number(period.to.slice(0, 4)) } : null,
  };

  if (kind === "NETWORK") {
    const network = await networkHead(loaders, scope.networkId!);
    const networkId = toGlobalId(network.kind === "ASSOCIATION" ? "Association" : "Partner", network.id);
    return {
      ...base,
      values: [networkId],
      networkKey: network.id,
      organizations: { network: network.id },
      associations: { networkIds: [networkId] },
      projects: { ...activity.projects },
      fundedProjects: {},
      events: { ...activity.events },
      signatures: { ...activity.signatures },
      goodPractices: {},
    };
  }

  const argument = `scope.${FIELDS[kind]}`;
  const codes = scope[FIELDS[kind]] as string[];
  if (codes.length === 0 || codes.length > MAX_CODES) {
    throw badInput(`"${argument}" takes 1 to ${MAX_CODES} codes, got ${codes.length}.`,
      { argument, reason: codes.length ? "TOO_LARGE" : "OUT_OF_RANGE" });
  }
  // Checked here so errors name the scope's argument; the filter compilers find them in the loaders' cache.
  await checkedCodes(loaders, CODE_KIND[kind], codes, argument);
  const criterion = kind === "QPV" ? { qpvCodes: codes } : { [TERRITORY_FIELDS[kind]]: codes };
  return {
    ...base,
    values: codes,
    associations: { ...criterion },
    projects: { ...criterion, ...activity.projects },
    fundedProjects: { ...criterion },
    events: { ...criterion, ...activity.events },
    signatures: { ...criterion, ...activity.signatures },
    goodPractices: { ...criterion },
  };
}

/**
 * The network head, checked (one statement): its members are found by the figures' statements that need them
 * (NetworkOrganizations), none when the aggregates answer every figure.
 */
async function networkHead(loaders: RequestLoaders, networkId: string): Promise<{ id: number; kind: "ASSOCIATION" | "PARTNER" }> {
  const argument = "scope.networkId";
  const { key } = fromGlobalIdOf(networkId, ["Association", "Partner"], argument);
  const [network] = await loaders.sql.query(`SELECT o.id, o.kind FROM organization o WHERE o.id = $1`, [key]);
  if (!network) throw badInput(`Unknown organisation "${networkId}".`, { argument, reason: "UNKNOWN_REFERENCE" });
  return { id: network.id, kind: network.kind };
}
